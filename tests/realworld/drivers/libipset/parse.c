/* libipset's element parsers (parse.c) fed malformed command-line values.
 * argv[1] selects the parser, argv[2] is the string to parse (argv[3]: the
 * protocol for "tcpudp"). Each parser stores its value in the session's data
 * blob, or an error message in the session report, and returns 0 or -1. */
#include <stdio.h>
#include <string.h>
#include <libipset/session.h>
#include <libipset/parse.h>
#include <libipset/data.h>

int main(int argc, char **argv)
{
	struct ipset_session *session;
	const char *mode, *str;
	int ret;

	if (argc < 3) {
		fprintf(stderr, "usage: %s MODE STRING [PROTO]\n", argv[0]);
		return 2;
	}
	mode = argv[1];
	str = argv[2];
	session = ipset_session_init(NULL, NULL);
	if (!session)
		return 2;

	if (!strcmp(mode, "timeout"))
		ret = ipset_parse_timeout(session, IPSET_OPT_TIMEOUT, str);
	else if (!strcmp(mode, "mark"))
		ret = ipset_parse_mark(session, IPSET_OPT_MARK, str);
	else if (!strcmp(mode, "iptimeout"))
		ret = ipset_parse_iptimeout(session, IPSET_OPT_IP, str);
	else if (!strcmp(mode, "ip"))
		ret = ipset_parse_ip(session, IPSET_OPT_IP, str);
	else if (!strcmp(mode, "netrange"))
		ret = ipset_parse_netrange(session, IPSET_OPT_IP, str);
	else if (!strcmp(mode, "proto"))
		ret = ipset_parse_proto(session, IPSET_OPT_PROTO, str);
	else if (!strcmp(mode, "protoport"))
		ret = ipset_parse_proto_port(session, IPSET_OPT_PORT, str);
	else if (!strcmp(mode, "tcpudp"))
		ret = ipset_parse_tcpudp_port(session, IPSET_OPT_PORT, str,
					      argc > 3 ? argv[3] : "tcp");
	else if (!strcmp(mode, "family"))
		ret = ipset_parse_family(session, IPSET_OPT_FAMILY, str);
	else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s(%s) = %d\n", mode, str, ret);
	if (ret < 0)
		printf("report: %s", ipset_session_report_msg(session));
	ipset_session_fini(session);
	return ret < 0 ? 1 : 0;
}
