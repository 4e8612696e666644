/* realworld corpus driver: libnetfilter_conntrack's conntrack and expectation objects
 * printed and turned into netlink messages in memory. No netlink socket is opened; the
 * nfnetlink subsystem handle that nfct_build_conntrack(), nfexp_build_expect() and
 * nfexp_build_query() require is only asserted non-NULL by them, so a dummy is passed.
 *
 *   snprintf-noproto  an IPv4 conntrack (layer 3 and addresses, no layer-4 protocol)
 *                     printed with NFCT_O_DEFAULT and NFCT_OF_SHOW_LAYER3   nfct_snprintf
 *   build-nol3        a TCP conntrack with addresses and ports but no ATTR_ORIG_L3PROTO
 *                                                                          nfct_nlmsg_build
 *   build-repl        an IPv4 TCP conntrack whose reply tuple has layer-3 protocol 7
 *                                                                          nfct_nlmsg_build
 *   conntrack-badl3   a TCP conntrack whose original layer-3 protocol is 7
 *                                                                      nfct_build_conntrack
 *   expect-nol3       an expectation with a timeout and a mask (from an IPv4 conntrack)
 *                     but no master and no expected tuple              nfexp_build_expect
 *   query-exp         query type 99                                    nfexp_build_query
 *   grp-or            a conntrack with only ATTR_ORIG_IPV4_DST, asked for
 *                     ATTR_GRP_ORIG_ADDR_SRC                           nfct_get_attr_grp
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

/* nfct_build_conntrack(), nfexp_build_expect() and nfexp_build_query() are deprecated */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

static char buf[8192] __attribute__((aligned(8)));
static char dummy_ssh[64] __attribute__((aligned(8)));

static struct nf_conntrack *tcp_ct(int l3proto)
{
	struct nf_conntrack *ct = nfct_new();

	if (!ct) {
		perror("nfct_new");
		exit(2);
	}
	if (l3proto >= 0)
		nfct_set_attr_u8(ct, ATTR_L3PROTO, (uint8_t)l3proto);
	nfct_set_attr_u32(ct, ATTR_IPV4_SRC, inet_addr("192.0.2.1"));
	nfct_set_attr_u32(ct, ATTR_IPV4_DST, inet_addr("192.0.2.2"));
	nfct_set_attr_u8(ct, ATTR_L4PROTO, IPPROTO_TCP);
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(40000));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(80));
	return ct;
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";
	struct nfnl_subsys_handle *ssh = (struct nfnl_subsys_handle *)dummy_ssh;
	int ret;

	errno = 0;
	if (strcmp(op, "snprintf-noproto") == 0) {
		struct nf_conntrack *ct = nfct_new();
		char out[1024];

		nfct_set_attr_u8(ct, ATTR_L3PROTO, AF_INET);
		nfct_set_attr_u32(ct, ATTR_IPV4_SRC, inet_addr("192.0.2.1"));
		nfct_set_attr_u32(ct, ATTR_IPV4_DST, inet_addr("192.0.2.2"));
		nfct_set_attr_u32(ct, ATTR_TIMEOUT, 120);
		ret = nfct_snprintf(out, sizeof(out), ct, NFCT_T_UNKNOWN, NFCT_O_DEFAULT,
				    NFCT_OF_SHOW_LAYER3);
		printf("nfct_snprintf: %d\n", ret);
		nfct_destroy(ct);
		return ret < 0;
	}
	if (strcmp(op, "build-nol3") == 0 || strcmp(op, "build-repl") == 0) {
		struct nf_conntrack *ct;
		struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

		if (strcmp(op, "build-nol3") == 0) {
			ct = tcp_ct(-1);
		} else {
			ct = tcp_ct(AF_INET);
			nfct_set_attr_u8(ct, ATTR_REPL_L3PROTO, 7);
			nfct_set_attr_u32(ct, ATTR_REPL_IPV4_SRC, inet_addr("192.0.2.2"));
			nfct_set_attr_u32(ct, ATTR_REPL_IPV4_DST, inet_addr("192.0.2.1"));
		}
		mnl_nlmsg_put_extra_header(nlh, 4);
		ret = nfct_nlmsg_build(nlh, ct);
		printf("nfct_nlmsg_build: %d (%s)\n", ret, strerror(errno));
		nfct_destroy(ct);
		return ret < 0;
	}
	if (strcmp(op, "conntrack-badl3") == 0) {
		struct nf_conntrack *ct = tcp_ct(7);

		ret = nfct_build_conntrack(ssh, buf, sizeof(buf), IPCTNL_MSG_CT_NEW,
					   NLM_F_REQUEST | NLM_F_CREATE, ct);
		printf("nfct_build_conntrack: %d (%s)\n", ret, strerror(errno));
		nfct_destroy(ct);
		return ret < 0;
	}
	if (strcmp(op, "expect-nol3") == 0) {
		struct nf_conntrack *mask = tcp_ct(AF_INET);
		struct nf_expect *exp = nfexp_new();

		nfexp_set_attr(exp, ATTR_EXP_MASK, mask);
		nfexp_set_attr_u32(exp, ATTR_EXP_TIMEOUT, 60);
		ret = nfexp_build_expect(ssh, buf, sizeof(buf), IPCTNL_MSG_EXP_NEW,
					 NLM_F_REQUEST | NLM_F_CREATE, exp);
		printf("nfexp_build_expect: %d (%s)\n", ret, strerror(errno));
		nfexp_destroy(exp);
		nfct_destroy(mask);
		return ret < 0;
	}
	if (strcmp(op, "query-exp") == 0) {
		uint8_t family = AF_INET;

		ret = nfexp_build_query(ssh, (enum nf_conntrack_query)99, &family, buf,
					sizeof(buf));
		printf("nfexp_build_query: %d (%s)\n", ret, strerror(errno));
		return ret < 0;
	}
	if (strcmp(op, "grp-or") == 0) {
		struct nf_conntrack *ct = nfct_new();
		union nfct_attr_grp_addr addr;

		nfct_set_attr_u32(ct, ATTR_IPV4_DST, inet_addr("192.0.2.2"));
		ret = nfct_get_attr_grp(ct, ATTR_GRP_ORIG_ADDR_SRC, &addr);
		printf("nfct_get_attr_grp: %d (%s)\n", ret, strerror(errno));
		nfct_destroy(ct);
		return ret < 0;
	}
	fprintf(stderr, "unknown scenario %s\n", op);
	return 2;
}
