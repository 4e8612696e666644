/* realworld corpus driver: libnftnl parsing nf_tables netlink messages built in memory.
 *
 * nlmsg SCENARIO: builds one nf_tables message in a buffer with libmnl, as the kernel
 * would send it but with the bad, missing or unknown attributes SCENARIO says, and hands
 * it to libnftnl's parser for that object. No netlink socket is opened.
 *
 *   rule-notelem   NEWRULE whose expression list holds a counter, then an attribute of
 *                  type 2 (not NFTA_LIST_ELEM)                   nftnl_rule_nlmsg_parse
 *   rule-unknown   NEWRULE: a counter, then an expression named "bogus"
 *   rule-cmpempty  NEWRULE: a cmp whose NFTA_CMP_DATA holds an empty NFTA_DATA_VALUE
 *   rule-immlong   NEWRULE: an immediate whose NFTA_DATA_VALUE is 72 bytes (max 64)
 *   rule-verdict   NEWRULE: an immediate whose verdict code is 0x7777
 *   set-exprs      NEWSET whose NFTA_SET_EXPRESSIONS holds a counter, then an attribute
 *                  of type 2                                     nftnl_set_nlmsg_parse
 *   elems-keyend   NEWSETELEM: a good element, then one whose NFTA_SET_ELEM_KEY_END
 *                  holds an empty value                          nftnl_set_elems_nlmsg_parse
 *   elems-exprs    NEWSETELEM: an element whose NFTA_SET_ELEM_EXPRESSIONS holds an
 *                  attribute of type 2
 *   elems-verdict  NEWSETELEM: an element whose data is the verdict code 0x7777
 *   chain-devs     NEWCHAIN whose hook lists the device eth0, then an attribute of
 *                  type 2 (not NFTA_DEVICE_NAME)                 nftnl_chain_nlmsg_parse
 */
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <libnftnl/rule.h>
#include <libnftnl/set.h>
#include <libnftnl/chain.h>

static char buf[8192];

static struct nlmsghdr *put_header(uint16_t msg)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfg;

	nlh->nlmsg_type = (NFNL_SUBSYS_NFTABLES << 8) | msg;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nlh->nlmsg_seq = 1;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = NFPROTO_IPV4;
	nfg->version = NFNETLINK_V0;
	nfg->res_id = 0;
	return nlh;
}

/* a data attribute TYPE holding NFTA_DATA_VALUE of LEN bytes */
static void put_value(struct nlmsghdr *nlh, uint16_t type, size_t len)
{
	unsigned char val[128];
	struct nlattr *nest;

	for (size_t i = 0; i < sizeof(val); i++)
		val[i] = (unsigned char)(0x10 + i);
	nest = mnl_attr_nest_start(nlh, type);
	mnl_attr_put(nlh, NFTA_DATA_VALUE, len, val);
	mnl_attr_nest_end(nlh, nest);
}

/* a data attribute TYPE holding a verdict with CODE */
static void put_verdict(struct nlmsghdr *nlh, uint16_t type, uint32_t code)
{
	struct nlattr *nest, *verdict;

	nest = mnl_attr_nest_start(nlh, type);
	verdict = mnl_attr_nest_start(nlh, NFTA_DATA_VERDICT);
	mnl_attr_put_u32(nlh, NFTA_VERDICT_CODE, htonl(code));
	mnl_attr_nest_end(nlh, verdict);
	mnl_attr_nest_end(nlh, nest);
}

/* an expression ELEM (NFTA_LIST_ELEM, or another type) named NAME with no data */
static void put_bare_expr(struct nlmsghdr *nlh, uint16_t elem, const char *name)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, elem);

	mnl_attr_put_strz(nlh, NFTA_EXPR_NAME, name);
	mnl_attr_nest_end(nlh, nest);
}

static int rule(const char *what)
{
	struct nlmsghdr *nlh = put_header(NFT_MSG_NEWRULE);
	struct nlattr *list, *elem, *data;
	struct nftnl_rule *r;
	int ret;

	mnl_attr_put_strz(nlh, NFTA_RULE_TABLE, "filter");
	mnl_attr_put_strz(nlh, NFTA_RULE_CHAIN, "input");
	mnl_attr_put_u64(nlh, NFTA_RULE_HANDLE, htobe64(4));
	list = mnl_attr_nest_start(nlh, NFTA_RULE_EXPRESSIONS);
	if (strcmp(what, "notelem") == 0) {
		put_bare_expr(nlh, NFTA_LIST_ELEM, "counter");
		put_bare_expr(nlh, 2, "counter");
	} else if (strcmp(what, "unknown") == 0) {
		put_bare_expr(nlh, NFTA_LIST_ELEM, "counter");
		put_bare_expr(nlh, NFTA_LIST_ELEM, "bogus");
	} else if (strcmp(what, "cmpempty") == 0) {
		elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
		mnl_attr_put_strz(nlh, NFTA_EXPR_NAME, "cmp");
		data = mnl_attr_nest_start(nlh, NFTA_EXPR_DATA);
		mnl_attr_put_u32(nlh, NFTA_CMP_SREG, htonl(NFT_REG_1));
		mnl_attr_put_u32(nlh, NFTA_CMP_OP, htonl(NFT_CMP_EQ));
		put_value(nlh, NFTA_CMP_DATA, 0);
		mnl_attr_nest_end(nlh, data);
		mnl_attr_nest_end(nlh, elem);
	} else if (strcmp(what, "immlong") == 0 || strcmp(what, "verdict") == 0) {
		elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
		mnl_attr_put_strz(nlh, NFTA_EXPR_NAME, "immediate");
		data = mnl_attr_nest_start(nlh, NFTA_EXPR_DATA);
		if (what[0] == 'i') {
			mnl_attr_put_u32(nlh, NFTA_IMMEDIATE_DREG, htonl(NFT_REG_1));
			put_value(nlh, NFTA_IMMEDIATE_DATA, 72);
		} else {
			mnl_attr_put_u32(nlh, NFTA_IMMEDIATE_DREG, htonl(NFT_REG_VERDICT));
			put_verdict(nlh, NFTA_IMMEDIATE_DATA, 0x7777);
		}
		mnl_attr_nest_end(nlh, data);
		mnl_attr_nest_end(nlh, elem);
	} else {
		fprintf(stderr, "unknown rule scenario %s\n", what);
		return 2;
	}
	mnl_attr_nest_end(nlh, list);

	r = nftnl_rule_alloc();
	errno = 0;
	ret = nftnl_rule_nlmsg_parse(nlh, r);
	printf("nftnl_rule_nlmsg_parse: %d (%s)\n", ret, strerror(errno));
	nftnl_rule_free(r);
	return ret < 0;
}

static int set(const char *what)
{
	struct nlmsghdr *nlh = put_header(NFT_MSG_NEWSET);
	struct nlattr *list;
	struct nftnl_set *s;
	int ret;

	mnl_attr_put_strz(nlh, NFTA_SET_TABLE, "filter");
	mnl_attr_put_strz(nlh, NFTA_SET_NAME, "blocked");
	mnl_attr_put_u32(nlh, NFTA_SET_FLAGS, htonl(NFT_SET_TIMEOUT));
	mnl_attr_put_u32(nlh, NFTA_SET_KEY_TYPE, htonl(7));
	mnl_attr_put_u32(nlh, NFTA_SET_KEY_LEN, htonl(4));
	mnl_attr_put_u32(nlh, NFTA_SET_ID, htonl(1));
	if (strcmp(what, "exprs") == 0) {
		list = mnl_attr_nest_start(nlh, NFTA_SET_EXPRESSIONS);
		put_bare_expr(nlh, NFTA_LIST_ELEM, "counter");
		put_bare_expr(nlh, 2, "counter");
		mnl_attr_nest_end(nlh, list);
	} else {
		fprintf(stderr, "unknown set scenario %s\n", what);
		return 2;
	}

	s = nftnl_set_alloc();
	errno = 0;
	ret = nftnl_set_nlmsg_parse(nlh, s);
	printf("nftnl_set_nlmsg_parse: %d (%s)\n", ret, strerror(errno));
	/* on failure the set's expression list still links the expressions the parser
	 * freed (out_set_expr: frees them, leaves them on the list): leak the set */
	if (ret == 0)
		nftnl_set_free(s);
	return ret < 0;
}

static int elems(const char *what)
{
	struct nlmsghdr *nlh = put_header(NFT_MSG_NEWSETELEM);
	struct nlattr *list, *elem, *exprs;
	struct nftnl_set *s;
	int ret;

	mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_TABLE, "filter");
	mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_SET, "blocked");
	list = mnl_attr_nest_start(nlh, NFTA_SET_ELEM_LIST_ELEMENTS);
	if (strcmp(what, "keyend") == 0) {
		elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
		put_value(nlh, NFTA_SET_ELEM_KEY, 4);
		mnl_attr_nest_end(nlh, elem);
		elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
		put_value(nlh, NFTA_SET_ELEM_KEY, 4);
		put_value(nlh, NFTA_SET_ELEM_KEY_END, 0);
		mnl_attr_nest_end(nlh, elem);
	} else if (strcmp(what, "exprs") == 0) {
		elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
		put_value(nlh, NFTA_SET_ELEM_KEY, 4);
		exprs = mnl_attr_nest_start(nlh, NFTA_SET_ELEM_EXPRESSIONS);
		put_bare_expr(nlh, 2, "counter");
		mnl_attr_nest_end(nlh, exprs);
		mnl_attr_nest_end(nlh, elem);
	} else if (strcmp(what, "verdict") == 0) {
		elem = mnl_attr_nest_start(nlh, NFTA_LIST_ELEM);
		put_value(nlh, NFTA_SET_ELEM_KEY, 4);
		put_verdict(nlh, NFTA_SET_ELEM_DATA, 0x7777);
		mnl_attr_nest_end(nlh, elem);
	} else {
		fprintf(stderr, "unknown elems scenario %s\n", what);
		return 2;
	}
	mnl_attr_nest_end(nlh, list);

	s = nftnl_set_alloc();
	errno = 0;
	ret = nftnl_set_elems_nlmsg_parse(nlh, s);
	printf("nftnl_set_elems_nlmsg_parse: %d (%s)\n", ret, strerror(errno));
	nftnl_set_free(s);
	return ret < 0;
}

static int chain(const char *what)
{
	struct nlmsghdr *nlh = put_header(NFT_MSG_NEWCHAIN);
	struct nlattr *hook, *devs;
	struct nftnl_chain *c;
	int ret;

	if (strcmp(what, "devs") != 0) {
		fprintf(stderr, "unknown chain scenario %s\n", what);
		return 2;
	}
	mnl_attr_put_strz(nlh, NFTA_CHAIN_TABLE, "netdev");
	mnl_attr_put_strz(nlh, NFTA_CHAIN_NAME, "ingress");
	hook = mnl_attr_nest_start(nlh, NFTA_CHAIN_HOOK);
	mnl_attr_put_u32(nlh, NFTA_HOOK_HOOKNUM, htonl(0));
	mnl_attr_put_u32(nlh, NFTA_HOOK_PRIORITY, htonl(0));
	devs = mnl_attr_nest_start(nlh, NFTA_HOOK_DEVS);
	mnl_attr_put_strz(nlh, NFTA_DEVICE_NAME, "eth0");
	mnl_attr_put_strz(nlh, 2, "eth1");
	mnl_attr_nest_end(nlh, devs);
	mnl_attr_nest_end(nlh, hook);
	mnl_attr_put_strz(nlh, NFTA_CHAIN_TYPE, "filter");

	c = nftnl_chain_alloc();
	errno = 0;
	ret = nftnl_chain_nlmsg_parse(nlh, c);
	printf("nftnl_chain_nlmsg_parse: %d (%s)\n", ret, strerror(errno));
	nftnl_chain_free(c);
	return ret < 0;
}

int main(int argc, char **argv)
{
	const char *scenario = argc > 1 ? argv[1] : "rule-notelem";
	const char *dash = strchr(scenario, '-');
	size_t n = dash ? (size_t)(dash - scenario) : strlen(scenario);

	if (!dash) {
		fprintf(stderr, "usage: nlmsg OBJECT-WHAT\n");
		return 2;
	}
	if (strncmp(scenario, "rule", n) == 0)
		return rule(dash + 1);
	if (strncmp(scenario, "set", n) == 0)
		return set(dash + 1);
	if (strncmp(scenario, "elems", n) == 0)
		return elems(dash + 1);
	if (strncmp(scenario, "chain", n) == 0)
		return chain(dash + 1);
	fprintf(stderr, "unknown scenario %s\n", scenario);
	return 2;
}
