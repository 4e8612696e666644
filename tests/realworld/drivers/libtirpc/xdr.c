/* errtrail real-library corpus: libtirpc's XDR decoders fed bad input.
 *
 *   xdr string HEX MAX   xdr_string() decode from a memory stream holding HEX
 *   xdr bytes HEX MAX    xdr_bytes()
 *   xdr array HEX MAX    xdr_array() of ints
 *   xdr union HEX        xdr_union() with arms 1 (int) and 2 (u_int), no default
 *   xdr stdio HEX        xdr_int() from a stdio stream over a file holding HEX
 *                        (/tmp/errtrail-libtirpc-stdio.bin, written afresh)
 *
 * HEX is the encoded data, two hex digits a byte ("-" for none).
 */
#include <rpc/rpc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char buf[256];

static size_t unhex(const char *s)
{
	size_t n = 0;
	if (strcmp(s, "-") == 0)
		return 0;
	while (s[0] && s[1] && n < sizeof buf) {
		unsigned v;
		sscanf(s, "%2x", &v);
		buf[n++] = (unsigned char)v;
		s += 2;
	}
	return n;
}

int main(int argc, char **argv)
{
	XDR x;
	bool_t ok;

	if (argc < 3) {
		fprintf(stderr, "usage: %s MODE HEX [MAX]\n", argv[0]);
		return 2;
	}
	size_t n = unhex(argv[2]);
	u_int max = argc > 3 ? (u_int)strtoul(argv[3], NULL, 0) : 0;
	const char *mode = argv[1];

	if (strcmp(mode, "stdio") == 0) {
		const char *path = "/tmp/errtrail-libtirpc-stdio.bin";
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(buf, 1, n, f) != n || fclose(f) != 0) {
			perror(path);
			return 2;
		}
		f = fopen(path, "rb");
		if (!f) {
			perror(path);
			return 2;
		}
		int v = 0;
		xdrstdio_create(&x, f, XDR_DECODE);
		ok = xdr_int(&x, &v);
		printf("xdr_int: %d (%d)\n", ok, v);
		xdr_destroy(&x);
		fclose(f);
		return ok ? 0 : 1;
	}

	xdrmem_create(&x, (char *)buf, (u_int)n, XDR_DECODE);
	if (strcmp(mode, "string") == 0) {
		char *s = NULL;
		ok = xdr_string(&x, &s, max);
		printf("xdr_string: %d %s\n", ok, s ? s : "(null)");
	} else if (strcmp(mode, "bytes") == 0) {
		char *p = NULL;
		u_int len = 0;
		ok = xdr_bytes(&x, &p, &len, max);
		printf("xdr_bytes: %d len %u\n", ok, len);
	} else if (strcmp(mode, "array") == 0) {
		int *a = NULL;
		u_int cnt = 0;
		ok = xdr_array(&x, (char **)&a, &cnt, max, sizeof(int), (xdrproc_t)xdr_int);
		printf("xdr_array: %d count %u\n", ok, cnt);
	} else if (strcmp(mode, "union") == 0) {
		static const struct xdr_discrim arms[] = {
			{ 1, (xdrproc_t)xdr_int },
			{ 2, (xdrproc_t)xdr_u_int },
			{ __dontcare__, NULL_xdrproc_t },
		};
		enum_t d = 0;
		union { int i; u_int u; } val;
		ok = xdr_union(&x, &d, (char *)&val, arms, NULL_xdrproc_t);
		printf("xdr_union: %d discriminant %d\n", ok, d);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	return ok ? 0 : 1;
}
