/* realworld corpus driver: libnl-3 address and attribute parsing with bad input.
 *   addr parse STRING FAMILY   nl_addr_parse(STRING, FAMILY) (FAMILY a number: 0 AF_UNSPEC,
 *                              2 AF_INET, 12 AF_DECnet, ...)
 *   addr nlaparse              nla_parse() of two attributes, the second an NLA_U32 with
 *                              only 2 bytes of payload
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/netlink.h>
#include <netlink/addr.h>
#include <netlink/attr.h>
#include <netlink/errno.h>

static int add_attr(char *buf, int off, int type, const void *data, int len)
{
	struct nlattr *nla = (struct nlattr *) (buf + off);

	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	memcpy(buf + off + NLA_HDRLEN, data, len);
	return off + NLA_ALIGN(nla->nla_len);
}

int main(int argc, char **argv)
{
	int rc;

	if (argc > 3 && !strcmp(argv[1], "parse")) {
		struct nl_addr *a = NULL;

		rc = nl_addr_parse(argv[2], atoi(argv[3]), &a);
		nl_addr_put(a);
	} else if (argc > 1 && !strcmp(argv[1], "nlaparse")) {
		static struct nla_policy policy[3] = {
			[1] = { .type = NLA_U32 },
			[2] = { .type = NLA_U32 },
		};
		struct nlattr *tb[3];
		char buf[64] = { 0 };
		unsigned int mtu = 1500;
		unsigned short half = 7;
		int len = add_attr(buf, 0, 1, &mtu, sizeof(mtu));

		len = add_attr(buf, len, 2, &half, sizeof(half));
		rc = nla_parse(tb, 2, (struct nlattr *) buf, len, policy);
	} else {
		return 2;
	}
	printf("%s: %d (%s)\n", argv[1], rc, nl_geterror(rc));
	return 0;
}
