/* errtrail real-library corpus: libndp driver.
 *
 * Every mode that opens an ndp context first enters a new network namespace
 * (unshare(CLONE_NEWNET): root), which holds only a loopback device that is down,
 * so nothing is sent to or received from any real network.
 *
 *   new_all                     ndp_msg_new(NDP_MSG_ALL)
 *   handler_dup                 ndp_msgrcv_handler_register() twice, same arguments
 *   handler_nofunc              ndp_msgrcv_handler_register() with a NULL function
 *   open_noperm                 ndp_open() after setuid(nobody) (no CAP_NET_RAW)
 *   open_emfile                 ndp_open() with RLIMIT_NOFILE at the lowest free fd
 *   send TYPE IFINDEX [ADDR]    ndp_msg_send() of a new TYPE (rs|ns|na) message
 *   recv_nonblock               ndp_call_eventfd_handler() on an O_NONBLOCK socket
 *   msgra TYPE                  ndp_msgra() of a new TYPE message
 *   rdnss HEX INDEX             ndp_msg_opt_rdnss_addr() on an RA with options HEX
 *   dnssl HEX INDEX             ndp_msg_opt_dnssl_domain() on an RA with options HEX
 *   nextopt HEX OPTTYPE         ndp_msg_next_opt_offset(-1) on an RA with options HEX
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ndp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static int handler(struct ndp *ndp, struct ndp_msg *msg, void *priv)
{
	(void)ndp; (void)msg; (void)priv;
	return 0;
}

static void netns(void)
{
	if (unshare(CLONE_NEWNET) != 0) {
		perror("unshare(CLONE_NEWNET)");
		exit(2);
	}
}

static struct ndp *open_ctx(void)
{
	struct ndp *ndp;
	int err;

	netns();
	err = ndp_open(&ndp);
	if (err) {
		printf("ndp_open: %d\n", err);
		exit(2);
	}
	return ndp;
}

static enum ndp_msg_type msg_type(const char *s)
{
	if (!strcmp(s, "rs")) return NDP_MSG_RS;
	if (!strcmp(s, "ra")) return NDP_MSG_RA;
	if (!strcmp(s, "ns")) return NDP_MSG_NS;
	if (!strcmp(s, "na")) return NDP_MSG_NA;
	if (!strcmp(s, "r")) return NDP_MSG_R;
	return NDP_MSG_ALL;
}

static enum ndp_msg_opt_type opt_type(const char *s)
{
	if (!strcmp(s, "slladdr")) return NDP_MSG_OPT_SLLADDR;
	if (!strcmp(s, "tlladdr")) return NDP_MSG_OPT_TLLADDR;
	if (!strcmp(s, "prefix")) return NDP_MSG_OPT_PREFIX;
	if (!strcmp(s, "mtu")) return NDP_MSG_OPT_MTU;
	if (!strcmp(s, "route")) return NDP_MSG_OPT_ROUTE;
	if (!strcmp(s, "rdnss")) return NDP_MSG_OPT_RDNSS;
	if (!strcmp(s, "dnssl")) return NDP_MSG_OPT_DNSSL;
	fprintf(stderr, "unknown option type %s\n", s);
	exit(2);
}

/* A new RA whose options are the bytes HEX gives. */
static struct ndp_msg *ra_with_opts(const char *hex)
{
	struct ndp_msg *msg;
	unsigned char *opts;
	size_t n = strlen(hex) / 2, i;
	int err;

	err = ndp_msg_new(&msg, NDP_MSG_RA);
	if (err) {
		printf("ndp_msg_new: %d\n", err);
		exit(2);
	}
	opts = ndp_msg_payload_opts(msg);
	for (i = 0; i < n; i++) {
		unsigned int b;

		sscanf(hex + 2 * i, "%2x", &b);
		opts[i] = b;
	}
	ndp_msg_payload_len_set(msg, (opts - (unsigned char *)ndp_msg_payload(msg)) + n);
	return msg;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	struct ndp_msg *msg;
	struct ndp *ndp;
	int err;

	if (!strcmp(mode, "new_all")) {
		err = ndp_msg_new(&msg, NDP_MSG_ALL);
		printf("ndp_msg_new: %d\n", err);
	} else if (!strcmp(mode, "handler_dup")) {
		ndp = open_ctx();
		err = ndp_msgrcv_handler_register(ndp, handler, NDP_MSG_RA, 0, NULL);
		printf("first ndp_msgrcv_handler_register: %d\n", err);
		err = ndp_msgrcv_handler_register(ndp, handler, NDP_MSG_RA, 0, NULL);
		printf("second ndp_msgrcv_handler_register: %d\n", err);
		ndp_close(ndp);
	} else if (!strcmp(mode, "handler_nofunc")) {
		ndp = open_ctx();
		err = ndp_msgrcv_handler_register(ndp, NULL, NDP_MSG_ALL, 0, NULL);
		printf("ndp_msgrcv_handler_register: %d\n", err);
		ndp_close(ndp);
	} else if (!strcmp(mode, "open_noperm")) {
		netns();
		if (setuid(65534) != 0) {
			perror("setuid");
			return 2;
		}
		err = ndp_open(&ndp);
		printf("ndp_open: %d\n", err);
	} else if (!strcmp(mode, "open_emfile")) {
		struct rlimit rl;
		int fd;

		netns();
		fd = dup(0);
		close(fd);
		rl.rlim_cur = rl.rlim_max = fd;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
			perror("setrlimit");
			return 2;
		}
		err = ndp_open(&ndp);
		printf("ndp_open: %d\n", err);
	} else if (!strcmp(mode, "send") && argc > 3) {
		ndp = open_ctx();
		err = ndp_msg_new(&msg, msg_type(argv[2]));
		if (err) {
			printf("ndp_msg_new: %d\n", err);
			return 2;
		}
		ndp_msg_ifindex_set(msg, atoi(argv[3]));
		if (argc > 4 && inet_pton(AF_INET6, argv[4], ndp_msg_addrto(msg)) != 1) {
			fprintf(stderr, "bad address %s\n", argv[4]);
			return 2;
		}
		err = ndp_msg_send(ndp, msg);
		printf("ndp_msg_send: %d\n", err);
		ndp_msg_destroy(msg);
		ndp_close(ndp);
	} else if (!strcmp(mode, "recv_nonblock")) {
		int fd;

		ndp = open_ctx();
		fd = ndp_get_eventfd(ndp);
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		err = ndp_call_eventfd_handler(ndp);
		printf("ndp_call_eventfd_handler: %d\n", err);
		ndp_close(ndp);
	} else if (!strcmp(mode, "msgra") && argc > 2) {
		err = ndp_msg_new(&msg, msg_type(argv[2]));
		if (err) {
			printf("ndp_msg_new: %d\n", err);
			return 2;
		}
		printf("ndp_msgra: %p\n", (void *)ndp_msgra(msg));
		ndp_msg_destroy(msg);
	} else if (!strcmp(mode, "rdnss") && argc > 3) {
		struct in6_addr *addr;
		char buf[INET6_ADDRSTRLEN];

		msg = ra_with_opts(argv[2]);
		addr = ndp_msg_opt_rdnss_addr(msg, 0, atoi(argv[3]));
		printf("ndp_msg_opt_rdnss_addr: %s\n",
		       addr ? inet_ntop(AF_INET6, addr, buf, sizeof(buf)) : "NULL");
		ndp_msg_destroy(msg);
	} else if (!strcmp(mode, "dnssl") && argc > 3) {
		char *domain;

		msg = ra_with_opts(argv[2]);
		domain = ndp_msg_opt_dnssl_domain(msg, 0, atoi(argv[3]));
		printf("ndp_msg_opt_dnssl_domain: %s\n", domain ? domain : "NULL");
		ndp_msg_destroy(msg);
	} else if (!strcmp(mode, "nextopt") && argc > 3) {
		msg = ra_with_opts(argv[2]);
		printf("ndp_msg_next_opt_offset: %d\n",
		       ndp_msg_next_opt_offset(msg, -1, opt_type(argv[3])));
		ndp_msg_destroy(msg);
	} else {
		fprintf(stderr, "usage: %s MODE ARGS (see the source)\n", argv[0]);
		return 2;
	}
	return 0;
}
