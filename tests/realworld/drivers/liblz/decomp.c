/* realworld corpus driver: lzlib's streaming decompressor (LZ_decompress_*).
 *
 * decomp hex HEX            feeds the bytes HEX (hex digits) to a decoder, finishes the
 *                           input and calls LZ_decompress_read() once
 * decomp trailer            compresses an empty input (one lzip member, 36 bytes), flips
 *                           the trailer's CRC field (first trailer byte ^= 1), feeds it,
 *                           finishes and reads
 * decomp truncated          the same member without its last 10 bytes (half the trailer)
 * decomp pending            the corrupt-CRC member in two writes: all but the last 10
 *                           bytes, a read (the decoder waits for the trailer), then the
 *                           last 10 bytes, finish, and a second read
 * decomp nomem              the empty member with its header's dictionary size byte set
 *                           to 0x1D (512 MiB), decoded under RLIMIT_AS of 256 MiB
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <lzlib.h>

static int compress_empty(uint8_t *out, int cap)
{
	struct LZ_Encoder *e = LZ_compress_open(65536, 36, 0x7FFFFFFFFFFFFFFFULL);
	int n = 0;

	if (!e || LZ_compress_errno(e) != LZ_ok || LZ_compress_finish(e) < 0)
		return -1;
	while (!LZ_compress_finished(e) && n < cap) {
		int rd = LZ_compress_read(e, out + n, cap - n);
		if (rd < 0)
			return -1;
		n += rd;
	}
	LZ_compress_close(e);
	return n;
}

static void report(struct LZ_Decoder *d, const char *what, int rc)
{
	printf("%s: %d (%s)\n", what, rc, LZ_strerror(LZ_decompress_errno(d)));
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	uint8_t buf[256], out[256];
	int n = 0, rc;
	struct LZ_Decoder *d;

	if (strcmp(mode, "hex") == 0 && argc > 2) {
		const char *h = argv[2];
		while (h[0] && h[1] && n < (int)sizeof buf) {
			unsigned v;
			sscanf(h, "%2x", &v);
			buf[n++] = (uint8_t)v;
			h += 2;
		}
	} else if (strcmp(mode, "trailer") == 0 || strcmp(mode, "truncated") == 0 ||
		   strcmp(mode, "pending") == 0 || strcmp(mode, "nomem") == 0) {
		n = compress_empty(buf, sizeof buf);
		if (n < 26) {
			fprintf(stderr, "compression failed\n");
			return 2;
		}
		if (strcmp(mode, "truncated") == 0)
			n -= 10;
		else if (strcmp(mode, "nomem") == 0)
			buf[5] = 0x1D;
		else
			buf[n - 20] ^= 1;
	} else {
		fprintf(stderr, "usage: decomp hex HEX | trailer | truncated | pending | nomem\n");
		return 2;
	}
	d = LZ_decompress_open();
	if (!d || LZ_decompress_errno(d) != LZ_ok) {
		fprintf(stderr, "LZ_decompress_open failed\n");
		return 2;
	}
	if (strcmp(mode, "pending") == 0) {
		rc = LZ_decompress_write(d, buf, n - 10);
		rc = LZ_decompress_read(d, out, sizeof out);
		report(d, "first read", rc);
		rc = LZ_decompress_write(d, buf + n - 10, 10);
	} else {
		if (strcmp(mode, "nomem") == 0) {
			struct rlimit rl = { 256 << 20, 256 << 20 };
			setrlimit(RLIMIT_AS, &rl);
		}
		rc = LZ_decompress_write(d, buf, n);
	}
	LZ_decompress_finish(d);
	rc = LZ_decompress_read(d, out, sizeof out);
	report(d, mode, rc);
	LZ_decompress_close(d);
	return 0;
}
