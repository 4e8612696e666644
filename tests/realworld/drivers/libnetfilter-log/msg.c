/* errtrail real-library corpus driver: libnetfilter_log's libmnl-based message
 * API (nflog_nlmsg_parse, nflog_nlmsg_snprintf).  Nothing but memory: the
 * NFULNL_MSG_PACKET message is put together from the attribute bytes given.
 *
 * usage: msg MODE HEX
 *   parse HEX             nflog_nlmsg_parse() on a message with the attribute bytes HEX
 *   snprintf TYPE HEX     nflog_nlmsg_parse(), then nflog_nlmsg_snprintf() with output TYPE */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/netfilter/nfnetlink.h>

static size_t unhex(const char *hex, unsigned char *out, size_t max)
{
	size_t n = 0;

	while (hex[0] && hex[1] && n < max) {
		unsigned int b;

		if (sscanf(hex, "%2x", &b) != 1)
			break;
		out[n++] = (unsigned char)b;
		hex += 2;
	}
	return n;
}

/* nlmsghdr + nfgenmsg (AF_INET, group GROUP) + the attribute bytes ATTRHEX:
 * an NFULNL_MSG_PACKET message as nfnetlink_log sends it.  Returns its length. */
static size_t build_packet(unsigned char *buf, size_t max, unsigned int group, const char *attrhex)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nfgenmsg *nfg = (struct nfgenmsg *)(buf + NLMSG_HDRLEN);
	size_t off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(*nfg));
	size_t n;

	memset(buf, 0, max);
	n = unhex(attrhex, buf + off, max - off);
	nlh->nlmsg_len = off + n;
	nlh->nlmsg_type = (NFNL_SUBSYS_ULOG << 8) | 0; /* NFULNL_MSG_PACKET */
	nfg->nfgen_family = AF_INET;
	nfg->version = NFNETLINK_V0;
	nfg->res_id = htons(group);
	return off + n;
}

/* Everything the driver binds (groups, protocol families) lives in a network
 * namespace of its own and goes away with it: the machine's loggers are untouched. */
__attribute__((unused)) static void private_netns(void)
{
	if (unshare(CLONE_NEWNET) < 0) {
		perror("unshare(CLONE_NEWNET)");
		exit(1);
	}
}
#include <libmnl/libmnl.h>
#include <libnetfilter_log/libnetfilter_log.h>

int main(int argc, char **argv)
{
	unsigned char buf[4096];
	struct nlattr *attr[NFULA_MAX + 1] = { NULL };
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	char out[1024];
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: %s MODE [ARG...] HEX\n", argv[0]);
		return 2;
	}
	build_packet(buf, sizeof(buf), 7, argv[argc - 1]);
	rc = nflog_nlmsg_parse(nlh, attr);
	printf("nflog_nlmsg_parse = %d (errno %d)\n", rc, rc < 0 ? errno : 0);
	if (!strcmp(argv[1], "snprintf") && argc > 3) {
		errno = 0;
		rc = nflog_nlmsg_snprintf(out, sizeof(out), nlh, attr, atoi(argv[2]), 0);
		printf("nflog_nlmsg_snprintf(type %s) = %d (errno %d)\n", argv[2], rc, errno);
	}
	return 0;
}
