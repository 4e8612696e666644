/* realworld corpus driver: c-blosc (1.21.3) with bad buffers and parameters.
 * Blosc returns negative ints on errors (-1 bad header or failure, -2 a block that
 * decompressed to the wrong size, -5 no such codec, -9 codec format version, -10 bad
 * clevel/shuffle), 0 when blosc_compress cannot fit the output, NULL from
 * blosc_cbuffer_complib for an unknown codec.
 * A compressed buffer HEX is copied into a zeroed 64 KiB buffer (blosc_decompress and
 * blosc_getitem read as far as the header says).  Its 16-byte header is: version (2),
 * codec format version (1), flags (0x01 shuffle, 0x02 memcpyed, 0x04 bitshuffle, 0x10
 * dont_split, codec format << 5: 0 blosclz, 1 lz4, 2 snappy, 3 zlib, 4 zstd), typesize,
 * then little-endian int32 nbytes, blocksize and cbytes; then one int32 start per block,
 * and at each start the int32 size of each split followed by its bytes.
 * Modes:
 *   blosc decompress HEX [DESTSIZE]          blosc_decompress(HEX, dest, DESTSIZE or 4096)
 *   blosc decompress_ctx HEX THREADS         blosc_decompress_ctx(HEX, dest, 4096, THREADS)
 *   blosc getitem HEX START NITEMS           blosc_getitem(HEX, START, NITEMS, dest)
 *   blosc compress CLEVEL SHUFFLE NBYTES DESTSIZE [VAR=VALUE ...]
 *                                            setenv(VAR, VALUE) each, then
 *                                            blosc_compress(CLEVEL, SHUFFLE, 4, NBYTES, ...)
 *   blosc compress_ctx CLEVEL SHUFFLE COMPRESSOR NBYTES DESTSIZE THREADS
 *                                            blosc_compress_ctx(CLEVEL, SHUFFLE, 4, NBYTES,
 *                                            ..., COMPRESSOR, 0, THREADS)
 *   blosc setcomp NAME                       blosc_set_compressor(NAME)
 *   blosc complib HEX                        blosc_cbuffer_complib(HEX)
 *   blosc libinfo NAME                       blosc_get_complib_info(NAME)
 *   blosc validate HEX CBYTES                blosc_cbuffer_validate(HEX, CBYTES)
 *   blosc mk COMPRESSOR CLEVEL SHUFFLE TYPESIZE NBYTES
 *                                            prints a real compressed buffer in hex
 * The data compressed is NBYTES bytes of the int32 sequence 0, 1, 2, ... (little endian).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <blosc.h>

#define SRCMAX 65536

static uint8_t src[SRCMAX];
static uint8_t dest[1 << 20];

static int unhex(const char *hex, uint8_t *out, int max)
{
	int n = 0;
	unsigned int b;

	while (hex[0] && hex[1] && n < max && sscanf(hex, "%2x", &b) == 1) {
		out[n++] = b;
		hex += 2;
	}
	return n;
}

static uint8_t *data(size_t nbytes)
{
	uint8_t *d = malloc(nbytes + 4);
	size_t i;

	for (i = 0; i < nbytes / 4 + 1; i++) {
		int32_t v = (int32_t)i;
		memcpy(d + 4 * i, &v, 4);
	}
	return d;
}

int main(int argc, char **argv)
{
	int r, i;

	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "decompress") == 0 && argc >= 3) {
		int n = unhex(argv[2], src, SRCMAX);
		size_t destsize = argc > 3 ? strtoul(argv[3], NULL, 0) : 4096;

		r = blosc_decompress(src, dest, destsize);
		printf("blosc_decompress(%d bytes, %zu) = %d\n", n, destsize, r);
		return r < 0;
	}
	if (strcmp(argv[1], "decompress_ctx") == 0 && argc == 4) {
		int n = unhex(argv[2], src, SRCMAX);

		r = blosc_decompress_ctx(src, dest, 4096, atoi(argv[3]));
		printf("blosc_decompress_ctx(%d bytes, 4096, %s) = %d\n", n, argv[3], r);
		return r < 0;
	}
	if (strcmp(argv[1], "getitem") == 0 && argc == 5) {
		int n = unhex(argv[2], src, SRCMAX);

		r = blosc_getitem(src, atoi(argv[3]), atoi(argv[4]), dest);
		printf("blosc_getitem(%d bytes, %s, %s) = %d\n", n, argv[3], argv[4], r);
		return r < 0;
	}
	if (strcmp(argv[1], "compress") == 0 && argc >= 6) {
		size_t nbytes = strtoul(argv[4], NULL, 0), destsize = strtoul(argv[5], NULL, 0);
		uint8_t *d = data(nbytes), *out = malloc(destsize + 1);

		for (i = 6; i < argc; i++) {
			char *eq = strchr(argv[i], '=');

			if (!eq)
				return 2;
			*eq = '\0';
			setenv(argv[i], eq + 1, 1);
		}
		r = blosc_compress(atoi(argv[2]), atoi(argv[3]), 4, nbytes, d, out, destsize);
		printf("blosc_compress(%s, %s, 4, %zu, %zu) = %d\n", argv[2], argv[3], nbytes,
		       destsize, r);
		return r <= 0;
	}
	if (strcmp(argv[1], "compress_ctx") == 0 && argc == 8) {
		size_t nbytes = strtoul(argv[5], NULL, 0), destsize = strtoul(argv[6], NULL, 0);
		uint8_t *d = data(nbytes), *out = malloc(destsize + 1);

		r = blosc_compress_ctx(atoi(argv[2]), atoi(argv[3]), 4, nbytes, d, out, destsize,
				       argv[4], 0, atoi(argv[7]));
		printf("blosc_compress_ctx(%s, %s, 4, %zu, %zu, %s, 0, %s) = %d\n", argv[2],
		       argv[3], nbytes, destsize, argv[4], argv[7], r);
		return r <= 0;
	}
	if (strcmp(argv[1], "setcomp") == 0 && argc == 3) {
		r = blosc_set_compressor(argv[2]);
		printf("blosc_set_compressor(%s) = %d\n", argv[2], r);
		return r < 0;
	}
	if (strcmp(argv[1], "complib") == 0 && argc == 3) {
		const char *lib;

		unhex(argv[2], src, SRCMAX);
		lib = blosc_cbuffer_complib(src);
		printf("blosc_cbuffer_complib() = %s\n", lib ? lib : "(null)");
		return lib == NULL;
	}
	if (strcmp(argv[1], "libinfo") == 0 && argc == 3) {
		char *lib = NULL, *ver = NULL;

		r = blosc_get_complib_info(argv[2], &lib, &ver);
		printf("blosc_get_complib_info(%s) = %d (%s %s)\n", argv[2], r,
		       lib ? lib : "(null)", ver ? ver : "(null)");
		return r < 0;
	}
	if (strcmp(argv[1], "validate") == 0 && argc == 4) {
		size_t nbytes = 0;

		unhex(argv[2], src, SRCMAX);
		r = blosc_cbuffer_validate(src, strtoul(argv[3], NULL, 0), &nbytes);
		printf("blosc_cbuffer_validate(%s) = %d, nbytes %zu\n", argv[3], r, nbytes);
		return r < 0;
	}
	if (strcmp(argv[1], "mk") == 0 && argc == 7) {
		size_t typesize = strtoul(argv[5], NULL, 0), nbytes = strtoul(argv[6], NULL, 0);
		uint8_t *d = data(nbytes), *out = malloc(nbytes + BLOSC_MAX_OVERHEAD);

		r = blosc_compress_ctx(atoi(argv[3]), atoi(argv[4]), typesize, nbytes, d, out,
				       nbytes + BLOSC_MAX_OVERHEAD, argv[2], 0, 1);
		if (r <= 0) {
			printf("blosc_compress_ctx = %d\n", r);
			return 1;
		}
		for (i = 0; i < r; i++)
			printf("%02x", out[i]);
		printf("\n");
		return 0;
	}
	fprintf(stderr, "bad arguments\n");
	return 2;
}
