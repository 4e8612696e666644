/* realworld corpus driver: libtracefs's event filter strings, on sched/sched_switch.
 *
 * verify FILTER                      tracefs_filter_string_verify(sched_switch, FILTER, &err)
 * append START FIELD CMP VAL         tracefs_filter_string_append(sched_switch, &filter,
 *                                    TRACEFS_FILTER_COMPARE, FIELD, CMP, VAL) with filter
 *                                    starting as START ("-" for NULL); CMP is eq, ne, gt or re
 * ('+' in FILTER, START and VAL stands for a space)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <event-parse.h>
#include <tracefs.h>

/* Arguments cannot carry spaces through the tracer's command line: unspace() turns each
 * '+' into a space, and "-" stands for NULL. */

static char *unspace(char *s)
{
	char *p;

	if (!strcmp(s, "-"))
		return NULL;
	for (p = s; *p; p++)
		if (*p == '+')
			*p = ' ';
	return s;
}

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

static enum tracefs_compare compare(const char *s)
{
	if (!strcmp(s, "ne"))
		return TRACEFS_COMPARE_NE;
	if (!strcmp(s, "gt"))
		return TRACEFS_COMPARE_GT;
	if (!strcmp(s, "re"))
		return TRACEFS_COMPARE_RE;
	return TRACEFS_COMPARE_EQ;
}

int main(int argc, char **argv)
{
	struct tep_handle *tep;
	struct tep_event *event;
	char *filter = NULL;
	char *err = NULL;
	char *start;
	int ret;

	if (argc < 3) {
		fprintf(stderr, "usage: filter verify FILTER | append START FIELD CMP VAL\n");
		return 2;
	}
	tep = sched_tep();
	event = tep_find_event_by_name(tep, "sched", "sched_switch");
	if (!event) {
		fprintf(stderr, "no sched_switch event\n");
		return 2;
	}
	if (!strcmp(argv[1], "verify")) {
		ret = tracefs_filter_string_verify(event, unspace(argv[2]), &err);
		printf("filter_string_verify: %d\n%s", ret, err ? err : "");
		free(err);
	} else if (!strcmp(argv[1], "append") && argc > 5) {
		start = unspace(argv[2]);
		if (start)
			filter = strdup(start);
		ret = tracefs_filter_string_append(event, &filter, TRACEFS_FILTER_COMPARE,
						   argv[3], compare(argv[4]), unspace(argv[5]));
		printf("filter_string_append: %d: %s\n", ret, filter ? filter : "(null)");
		free(filter);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	tep_free(tep);
	return 0;
}
