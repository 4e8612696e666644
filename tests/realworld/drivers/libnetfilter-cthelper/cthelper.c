/* errtrail real-library corpus: libnetfilter_cthelper driven with bad input.
 *
 * No netlink socket is opened: the messages the parser gets are built in a
 * buffer here, with nfct_helper_nlmsg_build_hdr() and libmnl, laid out as the
 * kernel's nfnetlink_cthelper replies would be (NAME, QUEUE_NUM, TUPLE, POLICY,
 * STATUS), with one attribute made bad.
 *
 *   cthelper nomem-helper     nfct_helper_alloc() with RLIMIT_DATA at 0 (calloc fails)
 *   cthelper nomem-policy     nfct_helper_policy_alloc() with RLIMIT_DATA at 0
 *   cthelper getstr-badtype   nfct_helper_attr_get_str() of attribute type 11 (> NFCTH_ATTR_STATUS)
 *   cthelper getstr-policy    nfct_helper_attr_get_str(NFCTH_ATTR_POLICY1) with no policy set
 *   cthelper get-badtype      nfct_helper_attr_get() of attribute type 11
 *   cthelper parse-empty      nfct_helper_nlmsg_parse_payload() of a message with no attributes
 *   cthelper parse-nostatus   ... of a complete helper message without NFCTH_STATUS
 *   cthelper parse-emptyname  ... whose first attribute is an empty NFCTH_NAME
 *   cthelper parse-badtuple   ... whose NFCTH_TUPLE has a 2-byte payload (not a nest)
 *   cthelper parse-shortl3    ... whose tuple has a 1-byte NFCTH_TUPLE_L3PROTONUM
 *   cthelper parse-emptyl4    ... whose tuple has L3PROTONUM, then an empty L4PROTONUM
 *   cthelper parse-shortsetnum ... whose policy nest has a 2-byte NFCTH_POLICY_SET_NUM
 *   cthelper parse-shortmax   ... whose policy set 1 has NAME and a 2-byte EXPECT_MAX
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <endian.h>
#include <sys/resource.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_cthelper.h>
#include <libnetfilter_cthelper/libnetfilter_cthelper.h>

static struct nfct_helper *mkhelper(void)
{
	struct nfct_helper *h = nfct_helper_alloc();

	if (h == NULL) {
		perror("nfct_helper_alloc");
		exit(2);
	}
	nfct_helper_attr_set_str(h, NFCTH_ATTR_NAME, "ftp");
	nfct_helper_attr_set_u32(h, NFCTH_ATTR_QUEUE_NUM, 1);
	nfct_helper_attr_set_u16(h, NFCTH_ATTR_PROTO_L3NUM, 2);
	nfct_helper_attr_set_u8(h, NFCTH_ATTR_PROTO_L4NUM, 6);
	return h;
}

static int nomem(int policy)
{
	/* No allocation has happened yet: with no data segment left to grow
	 * into, malloc can neither extend the heap nor map a new arena. */
	struct rlimit rl = { 0, 0 };
	static const char msg[] = "alloc: NULL\n";
	void *p;

	if (setrlimit(RLIMIT_DATA, &rl) < 0) {
		perror("setrlimit");
		return 2;
	}
	p = policy ? (void *)nfct_helper_policy_alloc() : (void *)nfct_helper_alloc();
	if (p == NULL) {
		if (write(1, msg, sizeof(msg) - 1) < 0)
			return 2;
		return 1;
	}
	free(p);
	return 0;
}

static void put_name_queue(struct nlmsghdr *nlh)
{
	mnl_attr_put_strz(nlh, NFCTH_NAME, "ftp");
	mnl_attr_put_u32(nlh, NFCTH_QUEUE_NUM, htobe32(1));
}

static void put_tuple(struct nlmsghdr *nlh)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, NFCTH_TUPLE);

	mnl_attr_put_u16(nlh, NFCTH_TUPLE_L3PROTONUM, htobe16(2));
	mnl_attr_put_u8(nlh, NFCTH_TUPLE_L4PROTONUM, 6);
	mnl_attr_nest_end(nlh, nest);
}

static void put_policy(struct nlmsghdr *nlh)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, NFCTH_POLICY);

	mnl_attr_put_u32(nlh, NFCTH_POLICY_SET_NUM, htobe32(0));
	mnl_attr_nest_end(nlh, nest);
}

static int parse(struct nlmsghdr *nlh)
{
	struct nfct_helper *h = nfct_helper_alloc();
	int r;

	if (h == NULL)
		return 2;
	r = nfct_helper_nlmsg_parse_payload(nlh, h);
	printf("nfct_helper_nlmsg_parse_payload: %d\n", r);
	nfct_helper_free(h);
	return r < 0;
}

int main(int argc, char **argv)
{
	static char buf[8192];
	const char *mode = argc > 1 ? argv[1] : "";
	struct nlmsghdr *nlh;
	struct nlattr *nest, *set;
	struct nfct_helper *h;
	const void *v;

	if (strcmp(mode, "nomem-helper") == 0)
		return nomem(0);
	if (strcmp(mode, "nomem-policy") == 0)
		return nomem(1);
	if (strcmp(mode, "getstr-badtype") == 0 || strcmp(mode, "getstr-policy") == 0 ||
	    strcmp(mode, "get-badtype") == 0) {
		h = mkhelper();
		if (strcmp(mode, "getstr-badtype") == 0)
			v = nfct_helper_attr_get_str(h, (enum nfct_helper_attr_type)11);
		else if (strcmp(mode, "getstr-policy") == 0)
			v = nfct_helper_attr_get_str(h, NFCTH_ATTR_POLICY1);
		else
			v = nfct_helper_attr_get(h, (enum nfct_helper_attr_type)11);
		printf("%s: %p\n", mode, v);
		nfct_helper_free(h);
		return v == NULL;
	}
	if (strncmp(mode, "parse-", 6) == 0) {
		nlh = nfct_helper_nlmsg_build_hdr(buf, NFNL_MSG_CTHELPER_NEW, NLM_F_MULTI, 1);
		if (strcmp(mode, "parse-empty") == 0) {
			/* header and nfgenmsg only */
		} else if (strcmp(mode, "parse-nostatus") == 0) {
			put_name_queue(nlh);
			put_tuple(nlh);
			put_policy(nlh);
		} else if (strcmp(mode, "parse-emptyname") == 0) {
			mnl_attr_put(nlh, NFCTH_NAME, 0, NULL);
			mnl_attr_put_u32(nlh, NFCTH_QUEUE_NUM, htobe32(1));
			put_tuple(nlh);
			put_policy(nlh);
			mnl_attr_put_u32(nlh, NFCTH_STATUS, htobe32(1));
		} else if (strcmp(mode, "parse-badtuple") == 0) {
			put_name_queue(nlh);
			mnl_attr_put_u16(nlh, NFCTH_TUPLE, htobe16(2));
			put_policy(nlh);
			mnl_attr_put_u32(nlh, NFCTH_STATUS, htobe32(1));
		} else if (strcmp(mode, "parse-shortl3") == 0 ||
			   strcmp(mode, "parse-emptyl4") == 0) {
			put_name_queue(nlh);
			nest = mnl_attr_nest_start(nlh, NFCTH_TUPLE);
			if (strcmp(mode, "parse-shortl3") == 0) {
				mnl_attr_put_u8(nlh, NFCTH_TUPLE_L3PROTONUM, 2);
				mnl_attr_put_u8(nlh, NFCTH_TUPLE_L4PROTONUM, 6);
			} else {
				mnl_attr_put_u16(nlh, NFCTH_TUPLE_L3PROTONUM, htobe16(2));
				mnl_attr_put(nlh, NFCTH_TUPLE_L4PROTONUM, 0, NULL);
			}
			mnl_attr_nest_end(nlh, nest);
			put_policy(nlh);
			mnl_attr_put_u32(nlh, NFCTH_STATUS, htobe32(1));
		} else if (strcmp(mode, "parse-shortsetnum") == 0) {
			put_name_queue(nlh);
			put_tuple(nlh);
			nest = mnl_attr_nest_start(nlh, NFCTH_POLICY);
			mnl_attr_put_u16(nlh, NFCTH_POLICY_SET_NUM, htobe16(1));
			mnl_attr_nest_end(nlh, nest);
			mnl_attr_put_u32(nlh, NFCTH_STATUS, htobe32(1));
		} else if (strcmp(mode, "parse-shortmax") == 0) {
			put_name_queue(nlh);
			put_tuple(nlh);
			nest = mnl_attr_nest_start(nlh, NFCTH_POLICY);
			mnl_attr_put_u32(nlh, NFCTH_POLICY_SET_NUM, htobe32(1));
			set = mnl_attr_nest_start(nlh, NFCTH_POLICY_SET1);
			mnl_attr_put_strz(nlh, NFCTH_POLICY_NAME, "ftp");
			mnl_attr_put_u16(nlh, NFCTH_POLICY_EXPECT_MAX, htobe16(1));
			mnl_attr_put_u32(nlh, NFCTH_POLICY_EXPECT_TIMEOUT, htobe32(300));
			mnl_attr_nest_end(nlh, set);
			mnl_attr_nest_end(nlh, nest);
			mnl_attr_put_u32(nlh, NFCTH_STATUS, htobe32(1));
		} else {
			fprintf(stderr, "unknown mode %s\n", mode);
			return 2;
		}
		return parse(nlh);
	}
	fprintf(stderr, "usage: %s MODE\n", argv[0]);
	return 2;
}
