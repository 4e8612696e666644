/* realworld corpus driver: zlib (1.2.13) calls with bad arguments and bad input.
 * zlib returns its own negative codes (Z_ERRNO -1, Z_STREAM_ERROR -2, Z_DATA_ERROR -3,
 * Z_MEM_ERROR -4, Z_BUF_ERROR -5, Z_VERSION_ERROR -6); the gz* file functions return -1,
 * NULL or Z_ERRNO with errno set.  The compressed input is made here with compress() from
 * the same library: 1000 bytes of the letter 'a'.
 *   zlib inflateinit2 WBITS     inflateInit2(&strm, WBITS)
 *   zlib datacheck              inflate(&strm, Z_NO_FLUSH) of the whole compressed buffer
 *                               with its last byte (the low byte of the adler32 trailer)
 *                               flipped, into a buffer with room for all 1000 bytes
 *   zlib uncompress_small N     uncompress2() of the compressed buffer into N bytes of room
 *   zlib uncompress_trunc N     uncompress2() of the first N bytes of the compressed buffer,
 *                               with room for all 1000 bytes
 *   zlib compress_level L       compress2() of the 1000 bytes at level L
 *   zlib deflateinit2_oom N     deflateInit2(&strm, 6, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY)
 *                               with a zalloc whose Nth call (1-based) returns NULL and the
 *                               others calloc()
 *   zlib gzread PATH            gzopen(PATH, "rb"), then gzread() of 100 bytes
 *   zlib gzopen PATH MODE       gzopen(PATH, MODE)
 *   zlib gzclose_closed         gzdopen() of a descriptor open on /dev/null (mode "rb"),
 *                               the descriptor closed behind zlib's back, then gzclose()
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

static unsigned char plain[1000];
static unsigned char packed[2000];
static uLong packed_len;
static unsigned char out[2000];
static int zalloc_calls, zalloc_fail_at;

static voidpf failing_zalloc(voidpf opaque, uInt items, uInt size)
{
	(void) opaque;
	if (++zalloc_calls == zalloc_fail_at)
		return Z_NULL;
	return calloc(items, size);
}

static void plain_zfree(voidpf opaque, voidpf address)
{
	(void) opaque;
	free(address);
}

static void pack(void)
{
	uLongf len = sizeof(packed);

	memset(plain, 'a', sizeof(plain));
	if (compress(packed, &len, plain, sizeof(plain)) != Z_OK) {
		fprintf(stderr, "compress failed\n");
		exit(2);
	}
	packed_len = len;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	z_stream strm;
	int rc;

	memset(&strm, 0, sizeof(strm));
	if (strcmp(mode, "inflateinit2") == 0 && argc > 2) {
		rc = inflateInit2(&strm, atoi(argv[2]));
	} else if (strcmp(mode, "datacheck") == 0) {
		pack();
		packed[packed_len - 1] ^= 0xff;
		if (inflateInit(&strm) != Z_OK)
			return 2;
		strm.next_in = packed;
		strm.avail_in = (uInt) packed_len;
		strm.next_out = out;
		strm.avail_out = sizeof(out);
		rc = inflate(&strm, Z_NO_FLUSH);
		printf("msg: %s\n", strm.msg ? strm.msg : "(none)");
		inflateEnd(&strm);
	} else if (strcmp(mode, "uncompress_small") == 0 && argc > 2) {
		uLongf dlen = (uLongf) atol(argv[2]);
		uLong slen;

		pack();
		slen = packed_len;
		rc = uncompress2(out, &dlen, packed, &slen);
	} else if (strcmp(mode, "uncompress_trunc") == 0 && argc > 2) {
		uLongf dlen = sizeof(out);
		uLong slen = (uLong) atol(argv[2]);

		pack();
		printf("compressed: %lu bytes\n", packed_len);
		rc = uncompress2(out, &dlen, packed, &slen);
	} else if (strcmp(mode, "compress_level") == 0 && argc > 2) {
		uLongf dlen = sizeof(packed);

		memset(plain, 'a', sizeof(plain));
		rc = compress2(packed, &dlen, plain, sizeof(plain), atoi(argv[2]));
	} else if (strcmp(mode, "deflateinit2_oom") == 0 && argc > 2) {
		zalloc_fail_at = atoi(argv[2]);
		strm.zalloc = failing_zalloc;
		strm.zfree = plain_zfree;
		rc = deflateInit2(&strm, 6, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY);
		printf("zalloc calls: %d\n", zalloc_calls);
	} else if (strcmp(mode, "gzread") == 0 && argc > 2) {
		gzFile gz = gzopen(argv[2], "rb");

		if (gz == NULL) {
			perror("gzopen");
			return 2;
		}
		rc = gzread(gz, out, 100);
		gzclose(gz);
	} else if (strcmp(mode, "gzopen") == 0 && argc > 3) {
		gzFile gz = gzopen(argv[2], argv[3]);

		rc = gz == NULL ? -1 : 0;
		if (gz != NULL)
			gzclose(gz);
	} else if (strcmp(mode, "gzclose_closed") == 0) {
		int fd = open("/dev/null", O_RDONLY);
		gzFile gz;

		if (fd < 0)
			return 2;
		gz = gzdopen(fd, "rb");
		if (gz == NULL)
			return 2;
		close(fd);
		rc = gzclose(gz);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d\n", mode, rc);
	return 0;
}
