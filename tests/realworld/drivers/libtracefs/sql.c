/* realworld corpus driver: libtracefs's SQL front end to synthetic events and histograms
 * (tracefs_sql() only builds the descriptor; nothing is created in the kernel).
 *
 * sql STATEMENT    tracefs_sql(tep, "errtrail_sql", STATEMENT, &err) on the sched events
 *                  ('+' in STATEMENT stands for a space)
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

int main(int argc, char **argv)
{
	struct tep_handle *tep;
	struct tracefs_synth *synth;
	char *err = NULL;

	if (argc < 3 || strcmp(argv[1], "sql")) {
		fprintf(stderr, "usage: sql sql STATEMENT\n");
		return 2;
	}
	tep = sched_tep();
	synth = tracefs_sql(tep, "errtrail_sql", unspace(argv[2]), &err);
	printf("sql: %s\n%s", synth ? "ok" : "NULL", err ? err : "");
	free(err);
	tracefs_synth_free(synth);
	tep_free(tep);
	return 0;
}
