/* realworld corpus driver: libtracefs's histogram and synthetic-event descriptors (nothing is
 * created in the kernel: only the descriptors are built), on the sched events.
 *
 * hist EVENT KEY                  tracefs_hist_alloc(tep, "sched", EVENT, KEY, NORMAL)
 * sortdir KEY SORTKEY NAME        a sched_switch histogram on KEY with sort key SORTKEY, then
 *                                 tracefs_hist_sort_key_direction(hist, NAME, DESCENDING)
 * synth START END SFIELD EFIELD   tracefs_synth_alloc(tep, "errtrail_synth", "sched", START,
 *                                 "sched", END, SFIELD, EFIELD, NULL)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <event-parse.h>
#include <tracefs.h>

/* The events of the "sched" system of the running kernel (tracefs mounted). */
static struct tep_handle *sched_tep(void)
{
	const char *systems[] = { "sched", NULL };
	struct tep_handle *tep = tracefs_local_events_system(NULL, systems);

	if (!tep) {
		fprintf(stderr, "cannot load the sched events from tracefs\n");
		exit(2);
	}
	return tep;
}

int main(int argc, char **argv)
{
	struct tep_handle *tep;
	struct tracefs_hist *hist;
	struct tracefs_synth *synth;
	int ret;

	if (argc < 4) {
		fprintf(stderr, "usage: hist hist EVENT KEY | sortdir KEY SORTKEY NAME |"
			" synth START END SFIELD EFIELD\n");
		return 2;
	}
	tep = sched_tep();
	if (!strcmp(argv[1], "hist")) {
		hist = tracefs_hist_alloc(tep, "sched", argv[2], argv[3], TRACEFS_HIST_KEY_NORMAL);
		printf("hist_alloc: %s\n", hist ? "ok" : "NULL");
		tracefs_hist_free(hist);
	} else if (!strcmp(argv[1], "sortdir") && argc > 4) {
		hist = tracefs_hist_alloc(tep, "sched", "sched_switch", argv[2],
					  TRACEFS_HIST_KEY_NORMAL);
		if (!hist || tracefs_hist_add_sort_key(hist, argv[3]) < 0) {
			fprintf(stderr, "cannot set up the histogram\n");
			return 2;
		}
		ret = tracefs_hist_sort_key_direction(hist, argv[4], TRACEFS_HIST_SORT_DESCENDING);
		printf("hist_sort_key_direction: %d\n", ret);
		tracefs_hist_free(hist);
	} else if (!strcmp(argv[1], "synth") && argc > 5) {
		synth = tracefs_synth_alloc(tep, "errtrail_synth", "sched", argv[2], "sched",
					    argv[3], argv[4], argv[5], NULL);
		printf("synth_alloc: %s\n", synth ? "ok" : "NULL");
		tracefs_synth_free(synth);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	tep_free(tep);
	return 0;
}
