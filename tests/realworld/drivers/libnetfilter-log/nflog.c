/* errtrail real-library corpus driver: libnetfilter_log's nfnetlink handle API
 * (nflog_open, nflog_bind_group, nflog_bind_pf, nflog_set_flags,
 * nflog_handle_packet and the nflog_get_* getters its callback calls).
 * Netlink talks only to the local kernel, in a private network namespace;
 * nothing is sent to or received from any network.
 *
 * usage: nflog MODE [ARG...]
 *   open_emfile           nflog_open() with RLIMIT_NOFILE at the lowest free descriptor
 *   twice GROUP           nflog_bind_group(GROUP) twice on one handle
 *   busy GROUP            a second handle's nflog_bind_group() for a group the first bound
 *   pf PF                 nflog_bind_pf(PF)
 *   flags GROUP FLAGS     nflog_set_flags(FLAGS) on a newly bound GROUP
 *   handle BIND GROUP HEX [LEN]
 *                         nflog_handle_packet() on an NFULNL_MSG_PACKET message for GROUP
 *                         with the attribute bytes HEX (as if recv() had read it), passing
 *                         LEN bytes if given; BIND is "cb" (GROUP bound, with a callback that
 *                         calls the getters), "nocb" (bound, no callback) or "none" */
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
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <libnfnetlink/libnfnetlink.h>
#include <libnetfilter_log/libnetfilter_log.h>

/* exported by 1.0.2 but missing from its libnetfilter_log.h */
int nflog_get_ctid(struct nflog_data *nfad, uint32_t *id);

static int cb(struct nflog_g_handle *gh, struct nfgenmsg *nfmsg, struct nflog_data *nfad, void *data)
{
	struct timeval tv;
	uint32_t id = 0;
	char *payload = NULL;
	int rc;

	(void)gh; (void)nfmsg; (void)data;
	rc = nflog_get_timestamp(nfad, &tv);
	printf("nflog_get_timestamp = %d\n", rc);
	rc = nflog_get_ctid(nfad, &id);
	printf("nflog_get_ctid = %d (id %u)\n", rc, id);
	rc = nflog_get_payload(nfad, &payload);
	printf("nflog_get_payload = %d\n", rc);
	printf("nflog_get_prefix = %p\n", (void *)nflog_get_prefix(nfad));
	return 0;
}

int main(int argc, char **argv)
{
	struct nflog_handle *h;
	struct nflog_g_handle *gh;

	if (argc < 2) {
		fprintf(stderr, "usage: %s MODE [ARG...]\n", argv[0]);
		return 2;
	}
	private_netns();
	if (!strcmp(argv[1], "open_emfile")) {
		int fd = open("/dev/null", O_RDONLY);
		struct rlimit rl = { .rlim_cur = fd, .rlim_max = fd };

		close(fd);
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			perror("setrlimit");
		h = nflog_open();
		printf("nflog_open = %p (errno %d)\n", (void *)h, h ? 0 : errno);
		return h ? 0 : 1;
	}

	h = nflog_open();
	printf("nflog_open = %p (errno %d)\n", (void *)h, h ? 0 : errno);
	if (!h)
		return 1;

	if (!strcmp(argv[1], "twice") && argc > 2) {
		gh = nflog_bind_group(h, atoi(argv[2]));
		printf("first nflog_bind_group(%s) = %p\n", argv[2], (void *)gh);
		gh = nflog_bind_group(h, atoi(argv[2]));
		printf("second nflog_bind_group(%s) = %p (errno %d)\n", argv[2], (void *)gh, errno);
	} else if (!strcmp(argv[1], "busy") && argc > 2) {
		struct nflog_handle *h2 = nflog_open();

		gh = nflog_bind_group(h, atoi(argv[2]));
		printf("first handle's nflog_bind_group(%s) = %p\n", argv[2], (void *)gh);
		gh = h2 ? nflog_bind_group(h2, atoi(argv[2])) : NULL;
		printf("second handle's nflog_bind_group(%s) = %p (errno %d)\n", argv[2], (void *)gh, errno);
		if (h2)
			nflog_close(h2);
	} else if (!strcmp(argv[1], "pf") && argc > 2) {
		int rc = nflog_bind_pf(h, atoi(argv[2]));

		printf("nflog_bind_pf(%s) = %d (errno %d)\n", argv[2], rc, errno);
	} else if (!strcmp(argv[1], "flags") && argc > 3) {
		gh = nflog_bind_group(h, atoi(argv[2]));
		printf("nflog_bind_group(%s) = %p\n", argv[2], (void *)gh);
		if (gh) {
			int rc = nflog_set_flags(gh, (uint16_t)strtoul(argv[3], NULL, 0));

			printf("nflog_set_flags(%s) = %d (errno %d)\n", argv[3], rc, errno);
		}
	} else if (!strcmp(argv[1], "handle") && argc > 4) {
		unsigned char buf[4096];
		size_t len = build_packet(buf, sizeof(buf), atoi(argv[3]), argv[4]);
		int rc;

		if (argc > 5)
			len = strtoul(argv[5], NULL, 0);
		if (strcmp(argv[2], "none")) {
			gh = nflog_bind_group(h, atoi(argv[3]));
			printf("nflog_bind_group(%s) = %p\n", argv[3], (void *)gh);
			if (gh && !strcmp(argv[2], "cb"))
				nflog_callback_register(gh, cb, NULL);
		}
		rc = nflog_handle_packet(h, (char *)buf, (int)len);
		printf("nflog_handle_packet(%zu bytes) = %d\n", len, rc);
	} else {
		fprintf(stderr, "bad mode %s\n", argv[1]);
		nflog_close(h);
		return 2;
	}
	nflog_close(h);
	return 0;
}
