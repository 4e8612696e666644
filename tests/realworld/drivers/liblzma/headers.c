/* realworld corpus driver: liblzma's .xz header and field decoders on bad bytes.
 * HEX is the field's bytes in hex; with "crc" as the last argument the driver writes
 * the CRC32 the field's format wants over the bytes before it (lzma_crc32), so that
 * only the flaw the bytes themselves carry is seen.
 *   headers stream HEX [crc]     lzma_stream_header_decode() of the 12 bytes
 *                                (crc: CRC32 of bytes 6-7 into bytes 8-11)
 *   headers block HEX [crc]      lzma_block_header_decode() of a Block Header of
 *                                (HEX[0] + 1) * 4 bytes, check CRC32
 *                                (crc: CRC32 of all but the last 4 bytes into them)
 *   headers filter HEX           lzma_filter_flags_decode() of the bytes
 *   headers vli HEX              lzma_vli_decode() of the bytes, single-call mode
 *   headers props ID HEX         lzma_properties_decode() of the bytes for Filter ID
 *                                ID (hex)
 * Each prints what the call returned.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lzma.h>

static uint8_t buf[1024];

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* the bytes HEX spells into buf; their count */
static size_t unhex(const char *hex)
{
	size_t n = 0;

	for (; hexval(hex[0]) >= 0 && hexval(hex[1]) >= 0 && n < sizeof(buf); hex += 2)
		buf[n++] = (uint8_t)(hexval(hex[0]) * 16 + hexval(hex[1]));
	return n;
}

static void put32le(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "stream";
	int crc = argc > 3 && strcmp(argv[argc - 1], "crc") == 0;
	lzma_ret ret;

	if (argc < 3) {
		fprintf(stderr, "usage: headers MODE ...\n");
		return 2;
	}
	if (strcmp(mode, "stream") == 0) {
		lzma_stream_flags flags;
		size_t n = unhex(argv[2]);

		if (n < LZMA_STREAM_HEADER_SIZE)
			return 2;
		if (crc)
			put32le(buf + 8, lzma_crc32(buf + 6, 2, 0));
		ret = lzma_stream_header_decode(&flags, buf);
	} else if (strcmp(mode, "block") == 0) {
		lzma_filter filters[LZMA_FILTERS_MAX + 1];
		lzma_block block;
		size_t n = unhex(argv[2]);
		uint32_t size = lzma_block_header_size_decode(buf[0]);

		if (n > size)
			return 2;
		memset(buf + n, 0, size - n);
		if (crc)
			put32le(buf + size - 4, lzma_crc32(buf, size - 4, 0));
		memset(&block, 0, sizeof(block));
		block.version = 0;
		block.header_size = size;
		block.check = LZMA_CHECK_CRC32;
		block.filters = filters;
		ret = lzma_block_header_decode(&block, NULL, buf);
		if (ret == LZMA_OK)
			lzma_filters_free(filters, NULL);
	} else if (strcmp(mode, "filter") == 0) {
		lzma_filter filter;
		size_t n = unhex(argv[2]), pos = 0;

		ret = lzma_filter_flags_decode(&filter, NULL, buf, &pos, n);
		free(filter.options);
	} else if (strcmp(mode, "vli") == 0) {
		lzma_vli v = 0;
		size_t n = unhex(argv[2]), pos = 0;

		ret = lzma_vli_decode(&v, NULL, buf, &pos, n);
		printf("vli %llu, %zu bytes read\n", (unsigned long long)v, pos);
	} else if (strcmp(mode, "props") == 0 && argc > 3) {
		lzma_filter filter;
		size_t n = unhex(argv[3]);

		filter.id = strtoull(argv[2], NULL, 16);
		ret = lzma_properties_decode(&filter, NULL, buf, n);
		free(filter.options);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d\n", mode, (int)ret);
	return 0;
}
