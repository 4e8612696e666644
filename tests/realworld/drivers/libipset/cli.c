/* libipset's command-line interface (ipset.c), as a program embedding it uses
 * it: ipset_init(), its own error callbacks (the default ones print and exit()
 * outside interactive mode), then one of
 *   output MODE   ipset_parse_output() with a list output mode name
 *   line TEXT     ipset_parse_line() with one command line (argv[2] as is)
 * The paths judged fail before any netlink message to the kernel. */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <libipset/ipset.h>
#include <libipset/session.h>

static int my_custom_error(struct ipset *ipset, void *p, int status,
			   const char *msg, ...)
{
	va_list args;

	(void)ipset;
	(void)p;
	fprintf(stderr, "custom_error(status %d): ", status);
	va_start(args, msg);
	vfprintf(stderr, msg, args);
	va_end(args);
	fputc('\n', stderr);
	return -1;
}

static int my_standard_error(struct ipset *ipset, void *p)
{
	(void)p;
	fprintf(stderr, "standard_error: %s",
		ipset_session_report_msg(ipset_session(ipset)));
	return -1;
}

int main(int argc, char **argv)
{
	struct ipset *ipset;
	int ret;

	if (argc < 3) {
		fprintf(stderr, "usage: %s output|line ARG\n", argv[0]);
		return 2;
	}
	ipset_load_types();
	ipset = ipset_init();
	if (!ipset)
		return 2;
	ipset_custom_printf(ipset, my_custom_error, my_standard_error, NULL, NULL);

	if (!strcmp(argv[1], "output"))
		ret = ipset_parse_output(ipset, 0, argv[2]);
	else if (!strcmp(argv[1], "line")) {
		char line[1024];

		snprintf(line, sizeof(line), "%s", argv[2]);
		ret = ipset_parse_line(ipset, line);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	printf("%s(%s) = %d\n", argv[1], argv[2], ret);
	if (ret < 0 && ipset_session_report_msg(ipset_session(ipset))[0])
		printf("report: %s", ipset_session_report_msg(ipset_session(ipset)));
	ipset_fini(ipset);
	return ret < 0 ? 1 : 0;
}
