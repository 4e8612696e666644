/* realworld corpus driver: libnftnl's allocators, setters and helpers given bad input.
 *
 *   alloc NAME           nftnl_expr_alloc(NAME)
 *   exprset NAME TYPE    nftnl_expr_set() of attribute TYPE (4 bytes) on a new NAME expression
 *   family NAME          nftnl_str2family(NAME)                 (internal helper, utils.c)
 *   strtoi STRING TYPE   nftnl_strtoi(STRING, 10, ..., TYPE)    (internal helper, utils.c;
 *                        TYPE is enum nftnl_type: 0 u8, 1 u16, 2 u32, 3 u64, 4 s8 ...)
 *   udata SIZE LEN       nftnl_udata_put_u32() then nftnl_udata_put() of LEN bytes into a
 *                        user-data buffer of SIZE bytes
 *
 * The internal helpers have hidden visibility, which a static link does not mind; they are
 * declared here as utils.h declares them (enum nftnl_type as int).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <libnftnl/expr.h>
#include <libnftnl/udata.h>

int nftnl_str2family(const char *family);
int nftnl_strtoi(const char *string, int base, void *number, int type);

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "alloc";
	const char *a1 = argc > 2 ? argv[2] : "";
	const char *a2 = argc > 3 ? argv[3] : "0";
	int ret;

	errno = 0;
	if (strcmp(op, "alloc") == 0) {
		struct nftnl_expr *e = nftnl_expr_alloc(a1);

		printf("nftnl_expr_alloc(%s): %p (%s)\n", a1, (void *)e, strerror(errno));
		if (e)
			nftnl_expr_free(e);
		return e == NULL;
	}
	if (strcmp(op, "exprset") == 0) {
		struct nftnl_expr *e = nftnl_expr_alloc(a1);
		uint32_t val = 1;

		if (!e) {
			fprintf(stderr, "no expression %s\n", a1);
			return 2;
		}
		ret = nftnl_expr_set(e, (uint16_t)atoi(a2), &val, sizeof(val));
		printf("nftnl_expr_set(%s, %s): %d\n", a1, a2, ret);
		nftnl_expr_free(e);
		return ret < 0;
	}
	if (strcmp(op, "family") == 0) {
		ret = nftnl_str2family(a1);
		printf("nftnl_str2family(%s): %d (%s)\n", a1, ret, strerror(errno));
		return ret < 0;
	}
	if (strcmp(op, "strtoi") == 0) {
		uint64_t out = 0;

		ret = nftnl_strtoi(a1, 10, &out, atoi(a2));
		printf("nftnl_strtoi(%s, %s): %d, %llu (%s)\n", a1, a2, ret,
		       (unsigned long long)out, strerror(errno));
		return ret < 0;
	}
	if (strcmp(op, "udata") == 0) {
		struct nftnl_udata_buf *buf = nftnl_udata_buf_alloc((uint32_t)atoi(a1));
		char value[512] = "errtrail";
		bool ok;

		if (!buf)
			return 2;
		ok = nftnl_udata_put_u32(buf, 0, 7);
		printf("nftnl_udata_put_u32: %d\n", ok);
		ok = nftnl_udata_put(buf, 1, (uint32_t)atoi(a2), value);
		printf("nftnl_udata_put(%s): %d, %u bytes used\n", a2, ok, nftnl_udata_buf_len(buf));
		nftnl_udata_buf_free(buf);
		return !ok;
	}
	fprintf(stderr, "unknown op %s\n", op);
	return 2;
}
