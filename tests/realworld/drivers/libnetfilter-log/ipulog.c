/* errtrail real-library corpus driver: libnetfilter_log_libipulog, the libipulog
 * compatibility library (ipulog_group2gmask, ipulog_get_packet).  Netlink talks
 * only to the local kernel, in a private network namespace.
 *
 * usage: ipulog MODE [ARG...]
 *   gmask GROUP           ipulog_group2gmask(GROUP)
 *   get HEX [LEN]         ipulog_create_handle() for group 1, then ipulog_get_packet() on an
 *                         NFULNL_MSG_PACKET message with the attribute bytes HEX (as if
 *                         ipulog_read() had read it), passing LEN bytes if given */
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
#include <libnetfilter_log/libipulog.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s MODE ARG...\n", argv[0]);
		return 2;
	}
	if (!strcmp(argv[1], "gmask")) {
		uint32_t m = ipulog_group2gmask(strtoul(argv[2], NULL, 0));

		printf("ipulog_group2gmask(%s) = 0x%x (ipulog_errno %d)\n", argv[2], m, ipulog_errno);
	} else if (!strcmp(argv[1], "get")) {
		unsigned char buf[4096];
		size_t len = build_packet(buf, sizeof(buf), 1, argv[2]);
		struct ipulog_handle *h;
		ulog_packet_msg_t *pkt;

		private_netns();
		if (argc > 3)
			len = strtoul(argv[3], NULL, 0);
		h = ipulog_create_handle(ipulog_group2gmask(1), 65536);
		printf("ipulog_create_handle = %p (ipulog_errno %d)\n", (void *)h, ipulog_errno);
		if (!h)
			return 1;
		pkt = ipulog_get_packet(h, buf, len);
		printf("ipulog_get_packet(%zu bytes) = %p\n", len, (void *)pkt);
		ipulog_destroy_handle(h);
	} else {
		fprintf(stderr, "bad mode %s\n", argv[1]);
		return 2;
	}
	return 0;
}
