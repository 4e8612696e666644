/* realworld corpus driver: libmnl's message loop, mnl_cb_run(), on replies built in a buffer.
 *
 * No socket: each scenario writes what a netlink reply would hold and hands it to
 * mnl_cb_run() as if mnl_socket_recvfrom() had returned it.
 *
 * callback seq SEQ          one NLMSG_DONE message with sequence number 5, run expecting SEQ
 * callback portid PORTID    one data message from port 4242, run expecting PORTID
 * callback short-error      an NLMSG_ERROR message of 20 bytes (an nlmsgerr needs 36)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	return MNL_CB_OK;
}

int main(int argc, char **argv)
{
	char buf[256] __attribute__((aligned(4)));
	struct nlmsghdr *nlh;
	unsigned int seq = 0, portid = 0;
	int ret;

	if (argc < 2) {
		fprintf(stderr, "usage: callback SCENARIO [N]\n");
		return 2;
	}
	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	if (strcmp(argv[1], "seq") == 0 && argc > 2) {
		nlh->nlmsg_type = NLMSG_DONE;
		nlh->nlmsg_flags = NLM_F_MULTI;
		nlh->nlmsg_seq = 5;
		mnl_nlmsg_put_extra_header(nlh, sizeof(int));
		seq = strtoul(argv[2], NULL, 0);
	} else if (strcmp(argv[1], "portid") == 0 && argc > 2) {
		nlh->nlmsg_type = NLMSG_MIN_TYPE;
		nlh->nlmsg_pid = 4242;
		mnl_attr_put_u32(nlh, 1, 7);
		portid = strtoul(argv[2], NULL, 0);
	} else if (strcmp(argv[1], "short-error") == 0) {
		nlh->nlmsg_type = NLMSG_ERROR;
		mnl_nlmsg_put_extra_header(nlh, sizeof(int));
	} else {
		fprintf(stderr, "unknown scenario %s\n", argv[1]);
		return 2;
	}
	ret = mnl_cb_run(buf, nlh->nlmsg_len, seq, portid, data_cb, NULL);
	printf("cb_run: %d\n", ret);
	return 0;
}
