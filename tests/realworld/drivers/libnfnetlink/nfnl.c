/* realworld corpus driver: libnfnetlink's nfnetlink handle given bad input.
 *
 * Opens NETLINK_NETFILTER sockets with nfnl_open() and sends nothing to the kernel: the
 * messages it parses are built in a buffer here, as if nfnl_recv() had read them, and the
 * only datagram on a socket ("userpeer") goes from one of the driver's own handles to the
 * other. argv[1] selects the scenario:
 *
 *   recvshort     nfnl_recv() into an 8-byte buffer
 *   recvagain     nfnl_recv() on the handle's socket made non-blocking, nothing queued
 *   userpeer      nfnl_recv() of a message a second handle of the driver sent to this one
 *   catchsmall    nfnl_catch() after nfnl_set_rcv_buffer_size(h, 8)
 *   seq           nfnl_process() of a reply with sequence number 5 (not the handle's)
 *   nosubsys      nfnl_process() of a ctnetlink message (subsystem 1 never opened)
 *   short         nfnl_process() of a 16-byte message (a netlink header, no nfgenmsg)
 *   itershort     nfnl_iterator_create() over 8 bytes
 *   itertype      nfnl_iterator_process() of message type 3 of subsystem 1, opened with 2
 *                 callbacks
 *   firsttrunc    nfnl_get_msg_first() of 20 bytes whose header says 64
 *   busy          nfnl_subsys_open() of subsystem 1 twice
 *   subsysclosed  nfnl_subsys_open() after the handle's descriptor was closed
 *   closetwice    nfnl_close() after the handle's descriptor was closed
 *   join0         nfnl_join() of group 0
 *   checksubsys   nfnl_check_attributes() of a message for subsystem 20
 *   attrfull      nfnl_addattr32() into a 24-byte message buffer holding 20 bytes
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <libnfnetlink/libnfnetlink.h>

static struct nfnl_handle *open_handle(void)
{
	struct nfnl_handle *h = nfnl_open();

	if (!h) {
		perror("nfnl_open");
		exit(2);
	}
	return h;
}

/* Print a result and the errno the call left (read before printf can change it). */
static void report(const char *call, long ret)
{
	int e = errno;

	printf("%s: %ld (%s)\n", call, ret, strerror(e));
}

static void report_ptr(const char *call, const void *ret)
{
	int e = errno;

	printf("%s: %p (%s)\n", call, ret, strerror(e));
}

/* One nfnetlink message: netlink header, nfgenmsg, no attributes. */
static void put_msg(unsigned char *buf, unsigned int len, unsigned int subsys,
		    unsigned int type, unsigned int seq)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nfgenmsg *nfg = (struct nfgenmsg *)(buf + sizeof(*nlh));

	memset(buf, 0, 64);
	nlh->nlmsg_len = len;
	nlh->nlmsg_type = (subsys << 8) | type;
	nlh->nlmsg_seq = seq;
	nfg->nfgen_family = AF_INET;
	nfg->version = NFNETLINK_V0;
}

int main(int argc, char **argv)
{
	unsigned char buf[64] __attribute__((aligned(8)));
	const char *what = argc > 1 ? argv[1] : "";
	struct nfnl_handle *h;

	if (!strcmp(what, "recvshort")) {
		h = open_handle();
		report("nfnl_recv", nfnl_recv(h, buf, 8));
	} else if (!strcmp(what, "recvagain")) {
		h = open_handle();
		fcntl(nfnl_fd(h), F_SETFL, fcntl(nfnl_fd(h), F_GETFL) | O_NONBLOCK);
		report("nfnl_recv", nfnl_recv(h, buf, sizeof(buf)));
	} else if (!strcmp(what, "userpeer")) {
		struct nfnl_handle *other;
		struct sockaddr_nl to = { .nl_family = AF_NETLINK };

		h = open_handle();
		other = open_handle();
		to.nl_pid = nfnl_portid(h);
		put_msg(buf, 20, 1, 0, 0);
		if (sendto(nfnl_fd(other), buf, 20, 0, (struct sockaddr *)&to, sizeof(to)) != 20) {
			perror("sendto");
			return 2;
		}
		report("nfnl_recv", nfnl_recv(h, buf, sizeof(buf)));
	} else if (!strcmp(what, "catchsmall")) {
		h = open_handle();
		nfnl_set_rcv_buffer_size(h, 8);
		report("nfnl_catch", nfnl_catch(h));
	} else if (!strcmp(what, "seq")) {
		h = open_handle();
		put_msg(buf, 20, 1, 0, 5);
		report("nfnl_process", nfnl_process(h, buf, 20));
	} else if (!strcmp(what, "nosubsys")) {
		h = open_handle();
		put_msg(buf, 20, 1, 0, 0);
		report("nfnl_process", nfnl_process(h, buf, 20));
	} else if (!strcmp(what, "short")) {
		h = open_handle();
		put_msg(buf, 16, 1, 0, 0);
		report("nfnl_process", nfnl_process(h, buf, 16));
	} else if (!strcmp(what, "itershort")) {
		h = open_handle();
		put_msg(buf, 20, 1, 0, 0);
		report_ptr("nfnl_iterator_create", nfnl_iterator_create(h, (char *)buf, 8));
	} else if (!strcmp(what, "itertype")) {
		struct nfnl_iterator *it;

		h = open_handle();
		if (!nfnl_subsys_open(h, 1, 2, 0)) {
			perror("nfnl_subsys_open");
			return 2;
		}
		put_msg(buf, 20, 1, 3, 0);
		it = nfnl_iterator_create(h, (char *)buf, 20);
		if (!it) {
			perror("nfnl_iterator_create");
			return 2;
		}
		report("nfnl_iterator_process", nfnl_iterator_process(h, it));
		nfnl_iterator_destroy(it);
	} else if (!strcmp(what, "firsttrunc")) {
		h = open_handle();
		put_msg(buf, 64, 1, 0, 0);
		printf("nfnl_get_msg_first: %p\n", (void *)nfnl_get_msg_first(h, buf, 20));
	} else if (!strcmp(what, "busy")) {
		h = open_handle();
		printf("nfnl_subsys_open: %p\n", (void *)nfnl_subsys_open(h, 1, 2, 0));
		report_ptr("nfnl_subsys_open", nfnl_subsys_open(h, 1, 2, 0));
	} else if (!strcmp(what, "subsysclosed")) {
		h = open_handle();
		close(nfnl_fd(h));
		report_ptr("nfnl_subsys_open", nfnl_subsys_open(h, 1, 2, 0));
	} else if (!strcmp(what, "closetwice")) {
		h = open_handle();
		close(nfnl_fd(h));
		report("nfnl_close", nfnl_close(h));
	} else if (!strcmp(what, "join0")) {
		h = open_handle();
		report("nfnl_join", nfnl_join(h, 0));
	} else if (!strcmp(what, "checksubsys")) {
		struct nfattr *nfa[4];

		h = open_handle();
		put_msg(buf, 20, 20, 0, 0);
		printf("nfnl_check_attributes: %d\n",
		       nfnl_check_attributes(h, (struct nlmsghdr *)buf, nfa));
	} else if (!strcmp(what, "attrfull")) {
		put_msg(buf, 20, 1, 0, 0);
		report("nfnl_addattr32", nfnl_addattr32((struct nlmsghdr *)buf, 24, 1, htonl(7)));
	} else {
		fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
		return 2;
	}
	return 0;
}
