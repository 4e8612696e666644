/* realworld corpus driver: liblzma's Index and Block size functions on bad values.
 * Numbers are decimal or 0x-hex (strtoull base 0).
 *   index append U1 C1 [U2 C2 ...]   lzma_index_init(), then lzma_index_append() of each
 *                                    (unpadded size, uncompressed size) Record in turn
 *   index cat U1 C1 U2 C2            two one-Record Indexes (U1, C1) and (U2, C2),
 *                                    lzma_index_cat() of the second onto the first
 *   index dup N                      a one-Record Index, lzma_index_dup() of it with an
 *                                    allocator whose N-th allocation (from 1) fails
 *   index decode HEX [crc] [MEMLIMIT] lzma_index_buffer_decode() of the Index field HEX
 *                                    (crc: CRC32 of all but the last 4 bytes into them)
 *   index unpadded HS CS CHECK       lzma_block_unpadded_size() of a Block with Header
 *                                    Size HS, Compressed Size CS and Check ID CHECK
 * Each prints what the call returned.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lzma.h>

static uint8_t buf[1024];
static int alloc_count, alloc_fail_at;

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static size_t unhex(const char *hex)
{
	size_t n = 0;

	for (; hexval(hex[0]) >= 0 && hexval(hex[1]) >= 0 && n < sizeof(buf); hex += 2)
		buf[n++] = (uint8_t)(hexval(hex[0]) * 16 + hexval(hex[1]));
	return n;
}

static void *failing_alloc(void *opaque, size_t nmemb, size_t size)
{
	(void)opaque;
	if (++alloc_count == alloc_fail_at)
		return NULL;
	return malloc(nmemb * size);
}

static void plain_free(void *opaque, void *ptr)
{
	(void)opaque;
	free(ptr);
}

static lzma_vli num(const char *s)
{
	return strtoull(s, NULL, 0);
}

static lzma_index *one_record(lzma_vli unpadded, lzma_vli uncompressed)
{
	lzma_index *i = lzma_index_init(NULL);

	if (i == NULL || lzma_index_append(i, NULL, unpadded, uncompressed) != LZMA_OK) {
		fprintf(stderr, "cannot make an Index\n");
		exit(2);
	}
	return i;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "append";
	lzma_ret ret = LZMA_OK;

	if (strcmp(mode, "append") == 0) {
		lzma_index *i = lzma_index_init(NULL);

		if (i == NULL)
			return 2;
		for (int a = 2; a + 1 < argc; a += 2) {
			ret = lzma_index_append(i, NULL, num(argv[a]), num(argv[a + 1]));
			printf("append %s %s: %d\n", argv[a], argv[a + 1], (int)ret);
			if (ret != LZMA_OK)
				break;
		}
		lzma_index_end(i, NULL);
	} else if (strcmp(mode, "cat") == 0 && argc > 5) {
		lzma_index *dest = one_record(num(argv[2]), num(argv[3]));
		lzma_index *src = one_record(num(argv[4]), num(argv[5]));

		ret = lzma_index_cat(dest, src, NULL);
		printf("cat: %d\n", (int)ret);
		if (ret != LZMA_OK)
			lzma_index_end(src, NULL);
		lzma_index_end(dest, NULL);
	} else if (strcmp(mode, "dup") == 0 && argc > 2) {
		const lzma_allocator allocator = { failing_alloc, plain_free, NULL };
		lzma_index *i = one_record(1000, 2000);
		lzma_index *copy;

		alloc_fail_at = atoi(argv[2]);
		copy = lzma_index_dup(i, &allocator);
		printf("dup: %s after %d allocation(s)\n", copy ? "copied" : "NULL", alloc_count);
		lzma_index_end(copy, &allocator);
		lzma_index_end(i, NULL);
	} else if (strcmp(mode, "decode") == 0 && argc > 2) {
		size_t n = unhex(argv[2]), pos = 0;
		uint64_t memlimit = UINT64_MAX;
		lzma_index *i = NULL;

		for (int a = 3; a < argc; a++) {
			if (strcmp(argv[a], "crc") == 0) {
				uint32_t c = lzma_crc32(buf, n - 4, 0);
				for (int k = 0; k < 4; k++)
					buf[n - 4 + k] = (uint8_t)(c >> (8 * k));
			} else {
				memlimit = num(argv[a]);
			}
		}
		ret = lzma_index_buffer_decode(&i, &memlimit, NULL, buf, &pos, n);
		printf("decode: %d, memlimit %llu\n", (int)ret, (unsigned long long)memlimit);
		lzma_index_end(i, NULL);
	} else if (strcmp(mode, "unpadded") == 0 && argc > 4) {
		lzma_block block;
		lzma_vli size;

		memset(&block, 0, sizeof(block));
		block.version = 0;
		block.header_size = (uint32_t)num(argv[2]);
		block.compressed_size = num(argv[3]);
		block.check = (lzma_check)num(argv[4]);
		size = lzma_block_unpadded_size(&block);
		printf("unpadded: %llu\n", (unsigned long long)size);
		ret = size == 0 ? LZMA_PROG_ERROR : LZMA_OK;
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	return ret == LZMA_OK ? 0 : 1;
}
