/* libipset's session IO (session.c): a restore file that does not exist, a
 * save file in a directory that does not exist, under /tmp/errtrail-libipset-io.
 * argv[1]: "normal-in" (ipset_session_io_normal, input) or "full-out"
 * (ipset_session_io_full, output); argv[2]: the file name. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <libipset/session.h>

int main(int argc, char **argv)
{
	struct ipset_session *session;
	int ret;

	if (argc < 3) {
		fprintf(stderr, "usage: %s normal-in|full-out FILE\n", argv[0]);
		return 2;
	}
	mkdir("/tmp/errtrail-libipset-io", 0755);
	session = ipset_session_init(NULL, NULL);
	if (!session)
		return 2;
	if (!strcmp(argv[1], "normal-in"))
		ret = ipset_session_io_normal(session, argv[2], IPSET_IO_INPUT);
	else if (!strcmp(argv[1], "full-out"))
		ret = ipset_session_io_full(session, argv[2], IPSET_IO_OUTPUT);
	else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	printf("%s(%s) = %d\n", argv[1], argv[2], ret);
	if (ret < 0)
		printf("report: %s", ipset_session_report_msg(session));
	ipset_session_fini(session);
	return ret < 0 ? 1 : 0;
}
