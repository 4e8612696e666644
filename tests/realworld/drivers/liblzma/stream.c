/* realworld corpus driver: liblzma's single-call .xz decoder on streams it cannot take.
 * The driver compresses 4000 bytes of text with lzma_easy_buffer_encode() (preset 6,
 * CRC64: one Block, 8 MiB dictionary), writes the .xz stream, with TAIL (hex, optional)
 * appended, to /tmp/errtrail-liblzma-stream.xz and reads the file back, then:
 *   stream decode MEMLIMIT OUTSIZE CUT FLAGS [TAIL]
 *       lzma_stream_buffer_decode() with memory limit MEMLIMIT, FLAGS (hex, e.g.
 *       0x08 LZMA_CONCATENATED), an output buffer of OUTSIZE bytes and the file's bytes
 *       less its last CUT bytes
 * It prints what the call returned.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lzma.h>

#define PATH "/tmp/errtrail-liblzma-stream.xz"

static uint8_t plain[4000], packed[8192], out[8192];

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int main(int argc, char **argv)
{
	uint64_t memlimit;
	size_t packed_size = 0, in_pos = 0, out_pos = 0, out_size, cut, n;
	uint32_t flags;
	lzma_ret ret;
	FILE *f;

	if (argc < 6 || strcmp(argv[1], "decode") != 0) {
		fprintf(stderr, "usage: stream decode MEMLIMIT OUTSIZE CUT FLAGS [TAIL]\n");
		return 2;
	}
	memlimit = strtoull(argv[2], NULL, 0);
	out_size = strtoul(argv[3], NULL, 0);
	cut = strtoul(argv[4], NULL, 0);
	flags = (uint32_t)strtoul(argv[5], NULL, 16);
	if (out_size > sizeof(out))
		return 2;

	for (size_t i = 0; i < sizeof(plain); i++)
		plain[i] = (uint8_t)("the quick brown fox jumps over the lazy dog "[i % 44] + i / 400);
	ret = lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, plain, sizeof(plain),
			packed, &packed_size, sizeof(packed));
	if (ret != LZMA_OK) {
		fprintf(stderr, "encode: %d\n", (int)ret);
		return 2;
	}
	if (argc > 6)
		for (const char *h = argv[6]; hexval(h[0]) >= 0 && hexval(h[1]) >= 0; h += 2)
			packed[packed_size++] = (uint8_t)(hexval(h[0]) * 16 + hexval(h[1]));

	f = fopen(PATH, "wb");
	if (f == NULL || fwrite(packed, 1, packed_size, f) != packed_size || fclose(f) != 0) {
		perror(PATH);
		return 2;
	}
	memset(packed, 0, sizeof(packed));
	f = fopen(PATH, "rb");
	if (f == NULL)
		return 2;
	n = fread(packed, 1, sizeof(packed), f);
	fclose(f);
	if (n != packed_size || cut > n)
		return 2;

	ret = lzma_stream_buffer_decode(&memlimit, flags, NULL, packed, &in_pos, n - cut,
			out, &out_pos, out_size);
	printf("decode of %zu bytes: %d, in_pos %zu, out_pos %zu, memlimit %llu\n", n - cut,
			(int)ret, in_pos, out_pos, (unsigned long long)memlimit);
	return 0;
}
