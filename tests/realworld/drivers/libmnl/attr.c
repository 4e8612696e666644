/* realworld corpus driver: libmnl's attribute validation and bounded attribute writers.
 *
 * Each scenario builds one message in a buffer with libmnl (no socket) and checks or
 * extends it as an attribute-parsing callback or a message builder would.
 *
 * attr u32-short         mnl_attr_validate(attr, MNL_TYPE_U32) of an attribute with a 2-byte payload
 * attr nul-string        mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) of "eth0" put without its NUL
 * attr binary-long       mnl_attr_validate2(attr, MNL_TYPE_BINARY, 16) of a 20-byte payload
 * attr type-max          mnl_attr_validate(attr, MNL_TYPE_MAX) (no such data type)
 * attr type-valid        mnl_attr_type_valid(attr, 5) of an attribute of type 9
 * attr nest-full         mnl_attr_nest_start_check(nlh, 24, 1) of a 24-byte message (one u32 put)
 * attr u32-full          mnl_attr_put_u32_check(nlh, 24, 2, 7) of a 20-byte message
 */
#include <stdio.h>
#include <string.h>
#include <libmnl/libmnl.h>

int main(int argc, char **argv)
{
	char buf[512];
	struct nlmsghdr *nlh;
	struct nlattr *attr;
	const char *s = argc > 1 ? argv[1] : "";

	if (argc < 2) {
		fprintf(stderr, "usage: attr SCENARIO\n");
		return 2;
	}
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_MIN_TYPE;
	attr = mnl_nlmsg_get_payload_tail(nlh);
	if (strcmp(s, "u32-short") == 0) {
		mnl_attr_put_u16(nlh, 1, 80);
		printf("validate: %d\n", mnl_attr_validate(attr, MNL_TYPE_U32));
	} else if (strcmp(s, "nul-string") == 0) {
		mnl_attr_put_str(nlh, 3, "eth0");
		printf("validate: %d\n", mnl_attr_validate(attr, MNL_TYPE_NUL_STRING));
	} else if (strcmp(s, "binary-long") == 0) {
		char addr[20] = "0123456789abcdefghi";

		mnl_attr_put(nlh, 4, sizeof(addr), addr);
		printf("validate2: %d\n", mnl_attr_validate2(attr, MNL_TYPE_BINARY, 16));
	} else if (strcmp(s, "type-max") == 0) {
		mnl_attr_put_u32(nlh, 1, 7);
		printf("validate: %d\n", mnl_attr_validate(attr, MNL_TYPE_MAX));
	} else if (strcmp(s, "type-valid") == 0) {
		mnl_attr_put_u32(nlh, 9, 7);
		printf("type_valid: %d\n", mnl_attr_type_valid(attr, 5));
	} else if (strcmp(s, "nest-full") == 0) {
		mnl_attr_put_u32(nlh, 1, 7);
		printf("nest_start_check: %p\n", (void *)mnl_attr_nest_start_check(nlh, 24, 1));
	} else if (strcmp(s, "u32-full") == 0) {
		mnl_nlmsg_put_extra_header(nlh, 4);
		printf("put_u32_check: %d\n", mnl_attr_put_u32_check(nlh, 24, 2, 7));
	} else {
		fprintf(stderr, "unknown scenario %s\n", s);
		return 2;
	}
	return 0;
}
