/* realworld corpus driver: libtraceevent (1.7.1) parsing bad event format files.
 * The formats are built in here by name, as the kernel's tracefs writes them
 * (events/<sys>/<event>/format), with one thing wrong; tabs, quotes and newlines do
 * not survive errtrail-collect's command line:
 *   ok        a good sched_switch format (ID 318, two common fields, two fields)
 *   noid      the "ID: 318" line left out (format: follows the name)
 *   namecolon "name sched_switch" without its ':'
 *   badfield  the second field line of the event's own fields reads "field pid_t ..."
 *             (no ':' after "field"); the common fields before it are good
 *   trailcomma the print fmt's argument list ends with a ',' and nothing after it
 * Usage: parse FORMAT   tep_parse_event() of FORMAT with system "sched"
 *        parse FORMAT fmt  tep_parse_format() of FORMAT (returns the event too)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <traceevent/event-parse.h>

#define COMMON \
	"format:\n" \
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n" \
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n" \
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n" \
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n" \
	"\n"
#define FIELDS \
	"\tfield:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:1;\n" \
	"\tfield:pid_t prev_pid;\toffset:24;\tsize:4;\tsigned:1;\n" \
	"\n"
#define PRINT "print fmt: \"prev_comm=%s prev_pid=%d\", REC->prev_comm, REC->prev_pid\n"

static const struct {
	const char *name, *text;
} formats[] = {
	{"ok", "name: sched_switch\nID: 318\n" COMMON FIELDS PRINT},
	{"noid", "name: sched_switch\n" COMMON FIELDS PRINT},
	{"namecolon", "name sched_switch\nID: 318\n" COMMON FIELDS PRINT},
	{"badfield", "name: sched_switch\nID: 318\n" COMMON
	 "\tfield:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:1;\n"
	 "\tfield pid_t prev_pid;\toffset:24;\tsize:4;\tsigned:1;\n"
	 "\n" PRINT},
	{"trailcomma", "name: sched_switch\nID: 318\n" COMMON FIELDS
	 "print fmt: \"prev_comm=%s prev_pid=%d\", REC->prev_comm, REC->prev_pid,\n"},
};

static const char *format(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i].name, name) == 0)
			return formats[i].text;
	fprintf(stderr, "unknown format %s\n", name);
	exit(2);
}

int main(int argc, char **argv)
{
	struct tep_handle *tep;
	struct tep_event *event = NULL;
	const char *buf;
	char err[256];
	int ret;

	if (argc < 2) {
		fprintf(stderr, "usage: parse FORMAT [fmt]\n");
		return 2;
	}
	buf = format(argv[1]);
	tep = tep_alloc();
	if (!tep)
		return 2;
	tep_set_long_size(tep, 8);
	if (argc > 2 && strcmp(argv[2], "fmt") == 0)
		ret = tep_parse_format(tep, &event, buf, strlen(buf), "sched");
	else
		ret = tep_parse_event(tep, buf, strlen(buf), "sched");
	tep_strerror(tep, ret, err, sizeof(err));
	printf("parse %s: %d (%s), %d event(s)", argv[1], ret, ret ? err : "ok",
	       tep_get_events_count(tep));
	if (tep_get_events_count(tep)) {
		struct tep_event *e = tep_get_first_event(tep);
		printf(", %s flags 0x%x", e->name, e->flags);
	}
	printf("\n");
	tep_free(tep);
	return ret ? 1 : 0;
}
