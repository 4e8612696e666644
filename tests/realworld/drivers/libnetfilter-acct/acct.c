/* errtrail real-library corpus: libnetfilter_acct driven with bad input.
 *
 * No netlink socket is opened: the messages the parser gets are built in a
 * buffer here, with nfacct_nlmsg_build_hdr() and libmnl, as the kernel's
 * nfnetlink_acct replies would be laid out.
 *
 *   acct nomem              nfacct_alloc() with RLIMIT_DATA at 0 (calloc fails)
 *   acct getstr-unset       nfacct_attr_get_str(NAME) after nfacct_attr_unset(NAME)
 *   acct getstr-badtype     nfacct_attr_get_str() of attribute type 9
 *   acct snprintf-badtype   nfacct_snprintf() with output type 3
 *   acct snprintf-json      nfacct_snprintf() JSON without NFACCT_SNPRINTF_F_FULL
 *   acct snprintf-xml0      nfacct_snprintf() XML into a zero-sized buffer (sizing call)
 *   acct parse-empty        nfacct_nlmsg_parse_payload() of a message with no attributes
 *   acct parse-unknown      ... of a message whose only attribute has type 7 (> NFACCT_MAX)
 *   acct parse-badname      ... of a message with an empty NFACCT_NAME, then PKTS and BYTES
 *   acct parse-shortpkts    ... of a message with a 4-byte NFACCT_PKTS, then NAME "web" and BYTES
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
#include <libnetfilter_acct/libnetfilter_acct.h>

static struct nfacct *mkacct(void)
{
	struct nfacct *a = nfacct_alloc();

	if (a == NULL) {
		perror("nfacct_alloc");
		exit(2);
	}
	nfacct_attr_set_str(a, NFACCT_ATTR_NAME, "web");
	nfacct_attr_set_u64(a, NFACCT_ATTR_PKTS, 12);
	nfacct_attr_set_u64(a, NFACCT_ATTR_BYTES, 3400);
	return a;
}

static int parse(struct nlmsghdr *nlh)
{
	struct nfacct *a = nfacct_alloc();
	int r;

	if (a == NULL)
		return 2;
	r = nfacct_nlmsg_parse_payload(nlh, a);
	printf("nfacct_nlmsg_parse_payload: %d\n", r);
	nfacct_free(a);
	return r < 0;
}

int main(int argc, char **argv)
{
	static char buf[8192];
	const char *mode = argc > 1 ? argv[1] : "";
	struct nlmsghdr *nlh;
	struct nfacct *a;
	char out[256];
	int r;

	if (strcmp(mode, "nomem") == 0) {
		/* No allocation has happened yet: with no data segment left to grow
		 * into, malloc can neither extend the heap nor map a new arena. */
		struct rlimit rl = { 0, 0 };
		static const char msg[] = "nfacct_alloc: NULL\n";

		if (setrlimit(RLIMIT_DATA, &rl) < 0) {
			perror("setrlimit");
			return 2;
		}
		a = nfacct_alloc();
		if (a == NULL) {
			if (write(1, msg, sizeof(msg) - 1) < 0)
				return 2;
			return 1;
		}
		nfacct_free(a);
		return 0;
	}
	if (strcmp(mode, "getstr-unset") == 0) {
		const char *s;

		a = mkacct();
		nfacct_attr_unset(a, NFACCT_ATTR_NAME);
		s = nfacct_attr_get_str(a, NFACCT_ATTR_NAME);
		printf("nfacct_attr_get_str: %s\n", s ? s : "(null)");
		nfacct_free(a);
		return s == NULL;
	}
	if (strcmp(mode, "getstr-badtype") == 0) {
		const char *s;

		a = mkacct();
		s = nfacct_attr_get_str(a, (enum nfacct_attr_type)9);
		printf("nfacct_attr_get_str: %s\n", s ? s : "(null)");
		nfacct_free(a);
		return s == NULL;
	}
	if (strncmp(mode, "snprintf-", 9) == 0) {
		a = mkacct();
		memset(out, 0, sizeof(out));
		if (strcmp(mode, "snprintf-badtype") == 0)
			r = nfacct_snprintf(out, sizeof(out), a, 3, NFACCT_SNPRINTF_F_FULL);
		else if (strcmp(mode, "snprintf-json") == 0)
			r = nfacct_snprintf(out, sizeof(out), a, NFACCT_SNPRINTF_T_JSON, 0);
		else if (strcmp(mode, "snprintf-xml0") == 0)
			r = nfacct_snprintf(NULL, 0, a, NFACCT_SNPRINTF_T_XML, 0);
		else {
			fprintf(stderr, "unknown mode %s\n", mode);
			return 2;
		}
		printf("nfacct_snprintf: %d \"%s\"\n", r, out);
		nfacct_free(a);
		return r <= 0;
	}
	if (strncmp(mode, "parse-", 6) == 0) {
		nlh = nfacct_nlmsg_build_hdr(buf, NFNL_MSG_ACCT_NEW, NLM_F_MULTI, 1);
		if (strcmp(mode, "parse-empty") == 0) {
			/* header and nfgenmsg only */
		} else if (strcmp(mode, "parse-unknown") == 0) {
			mnl_attr_put_u32(nlh, 7, htobe32(1));
		} else if (strcmp(mode, "parse-badname") == 0) {
			mnl_attr_put(nlh, NFACCT_NAME, 0, NULL);
			mnl_attr_put_u64(nlh, NFACCT_PKTS, htobe64(12));
			mnl_attr_put_u64(nlh, NFACCT_BYTES, htobe64(3400));
		} else if (strcmp(mode, "parse-shortpkts") == 0) {
			/* PKTS first: the parser stops at it and keeps no attribute
			 * (a NAME kept without PKTS would make the library read NULL) */
			mnl_attr_put_u32(nlh, NFACCT_PKTS, htobe32(12));
			mnl_attr_put_strz(nlh, NFACCT_NAME, "web");
			mnl_attr_put_u64(nlh, NFACCT_BYTES, htobe64(3400));
		} else {
			fprintf(stderr, "unknown mode %s\n", mode);
			return 2;
		}
		return parse(nlh);
	}
	fprintf(stderr, "usage: %s MODE\n", argv[0]);
	return 2;
}
