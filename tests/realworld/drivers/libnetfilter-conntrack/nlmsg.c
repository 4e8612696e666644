/* realworld corpus driver: libnetfilter_conntrack parsing a ctnetlink message built in
 * memory with libmnl, as the kernel would send it but with the bad attribute SCENARIO
 * says, handed to nfct_nlmsg_parse(). No netlink socket is opened.
 *
 *   labels-huge  IPCTNL_MSG_CT_NEW for an IPv4 TCP flow (original tuple, status) whose
 *                CTA_LABELS carries 8200 bytes (65600 label bits; a bitmask holds at most
 *                65536)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

static char buf[16384] __attribute__((aligned(8)));

static void put_tuple(struct nlmsghdr *nlh)
{
	struct nlattr *tuple, *ip, *proto;

	tuple = mnl_attr_nest_start(nlh, CTA_TUPLE_ORIG);
	ip = mnl_attr_nest_start(nlh, CTA_TUPLE_IP);
	mnl_attr_put_u32(nlh, CTA_IP_V4_SRC, inet_addr("192.0.2.1"));
	mnl_attr_put_u32(nlh, CTA_IP_V4_DST, inet_addr("192.0.2.2"));
	mnl_attr_nest_end(nlh, ip);
	proto = mnl_attr_nest_start(nlh, CTA_TUPLE_PROTO);
	mnl_attr_put_u8(nlh, CTA_PROTO_NUM, IPPROTO_TCP);
	mnl_attr_put_u16(nlh, CTA_PROTO_SRC_PORT, htons(40000));
	mnl_attr_put_u16(nlh, CTA_PROTO_DST_PORT, htons(80));
	mnl_attr_nest_end(nlh, proto);
	mnl_attr_nest_end(nlh, tuple);
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfg;
	struct nf_conntrack *ct;
	int ret;

	nlh->nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW;
	nlh->nlmsg_flags = NLM_F_CREATE;
	nlh->nlmsg_seq = 1;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = AF_INET;
	nfg->version = NFNETLINK_V0;
	nfg->res_id = 0;

	if (strcmp(op, "labels-huge") == 0) {
		static unsigned char labels[8200];

		memset(labels, 0, sizeof(labels));
		labels[0] = 0x01;
		put_tuple(nlh);
		mnl_attr_put_u32(nlh, CTA_STATUS, htonl(IPS_CONFIRMED));
		mnl_attr_put(nlh, CTA_LABELS, sizeof(labels), labels);
	} else {
		fprintf(stderr, "unknown scenario %s\n", op);
		return 2;
	}

	ct = nfct_new();
	if (!ct) {
		perror("nfct_new");
		return 2;
	}
	errno = 0;
	ret = nfct_nlmsg_parse(nlh, ct);
	printf("nfct_nlmsg_parse(%u bytes): %d\n", nlh->nlmsg_len, ret);
	nfct_destroy(ct);
	return ret < 0;
}
