/* realworld corpus driver: libtraceevent (1.7.1) event filters that do not parse.
 * Two events are parsed first, both of system "sched": sched_wakeup (ID 317, fields
 * pid and prio) and sched_switch (ID 318, fields prev_comm char[16] and prev_pid).
 * The filter strings are built in here by name, since quotes, spaces, brackets and
 * most operators do not survive errtrail-collect's command line:
 *   nosuch     nosuch/event:pid == 1              (no event matches)
 *   sysregex   sched[/sched_switch                (the system is a bad regex)
 *   regex      sched_switch:prev_comm =~ "["      (the regex of a string compare is bad)
 *   allregex   sched:prev_comm =~ "["             (both events; only sched_switch has
 *                                                  prev_comm)
 *   paren      sched_switch:(prev_pid == 1        (a '(' never closed)
 *   ok         sched_switch:prev_pid == 1
 * Usage: filter NAME   tep_filter_add_filter_str() of the filter NAME
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

static const char wakeup[] = "name: sched_wakeup\nID: 317\n" COMMON
	"\tfield:pid_t pid;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:int prio;\toffset:12;\tsize:4;\tsigned:1;\n"
	"\n"
	"print fmt: \"pid=%d prio=%d\", REC->pid, REC->prio\n";
static const char sswitch[] = "name: sched_switch\nID: 318\n" COMMON
	"\tfield:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:1;\n"
	"\tfield:pid_t prev_pid;\toffset:24;\tsize:4;\tsigned:1;\n"
	"\n"
	"print fmt: \"prev_comm=%s prev_pid=%d\", REC->prev_comm, REC->prev_pid\n";

static const struct {
	const char *name, *text;
} filters[] = {
	{"nosuch", "nosuch/event:pid == 1"},
	{"sysregex", "sched[/sched_switch"},
	{"regex", "sched_switch:prev_comm =~ \"[\""},
	{"allregex", "sched:prev_comm =~ \"[\""},
	{"paren", "sched_switch:(prev_pid == 1"},
	{"ok", "sched_switch:prev_pid == 1"},
};

static const char *filter_text(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
		if (strcmp(filters[i].name, name) == 0)
			return filters[i].text;
	fprintf(stderr, "unknown filter %s\n", name);
	exit(2);
}

int main(int argc, char **argv)
{
	struct tep_handle *tep;
	struct tep_event_filter *filter;
	const char *text;
	char err[256];
	int ret;

	if (argc < 2) {
		fprintf(stderr, "usage: filter NAME\n");
		return 2;
	}
	text = filter_text(argv[1]);
	tep = tep_alloc();
	if (!tep)
		return 2;
	tep_set_long_size(tep, 8);
	if (tep_parse_event(tep, wakeup, strlen(wakeup), "sched") ||
	    tep_parse_event(tep, sswitch, strlen(sswitch), "sched")) {
		fprintf(stderr, "events do not parse\n");
		return 2;
	}
	filter = tep_filter_alloc(tep);
	if (!filter)
		return 2;
	ret = tep_filter_add_filter_str(filter, text);
	if (ret < 0) {
		tep_filter_strerror(filter, ret, err, sizeof(err));
		printf("filter %s: %d (%s)\n", argv[1], ret, err);
	} else
		printf("filter %s: %d\n", argv[1], ret);
	tep_filter_free(filter);
	tep_free(tep);
	return ret < 0 ? 1 : 0;
}
