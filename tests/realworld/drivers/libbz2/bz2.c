/* realworld corpus driver: libbz2 (bzip2 1.0.8) calls with bad arguments and bad input.
 * libbz2 returns its own negative codes (BZ_SEQUENCE_ERROR -1, BZ_PARAM_ERROR -2,
 * BZ_MEM_ERROR -3, BZ_DATA_ERROR -4, BZ_DATA_ERROR_MAGIC -5, BZ_IO_ERROR -6,
 * BZ_UNEXPECTED_EOF -7, BZ_OUTBUFF_FULL -8); the stdio functions (BZ2_bzRead,
 * BZ2_bzReadOpen) report them through *bzerror and return 0 or NULL, and BZ2_bzopen
 * returns NULL.  The compressed input is made here with BZ2_bzBuffToBuffCompress() from
 * the same library: 4000 bytes of text (block size 9), 176 bytes compressed.
 *   bz2 decompressinit V S      BZ2_bzDecompressInit(&strm, V, S)
 *   bz2 compressinit B W        BZ2_bzCompressInit(&strm, B, 0, W)
 *   bz2 decompress MODE         BZ2_bzDecompress(&strm) once on the whole compressed
 *                               buffer, with room for all 4000 bytes; MODE:
 *                                 blockcrc  byte 10 (first byte of the block CRC) flipped
 *                                 origptr   the 24-bit origPtr field (bits 113..136)
 *                                           set to 0xffffff
 *                                 blkhdr    byte 4 (first byte of the block magic
 *                                           0x314159265359) changed from 0x31 to 0x32
 *                                 again     the intact buffer, then a second call
 *                                           after BZ_STREAM_END
 *   bz2 buff2buff MODE N        BZ2_bzBuffToBuffDecompress() into N bytes of room; MODE:
 *                                 whole     the intact compressed buffer
 *                                 trunc     its first half
 *                                 garbage   the text itself (not compressed)
 *   bz2 compress_run            BZ2_bzCompressInit(9), BZ2_bzCompress(BZ_FINISH) of the
 *                               text with 10 bytes of output room (BZ_FINISH_OK), then
 *                               BZ2_bzCompress(BZ_RUN)
 *   bz2 bzread MODE             writes errtrail-libbz2.bz2 in the current directory,
 *                               BZ2_bzReadOpen() on it and one BZ2_bzRead() of 8000
 *                               bytes; MODE:
 *                                 trunc     the first half of the compressed buffer
 *                                 garbage   the text itself
 *   bz2 readopen_unused N       BZ2_bzReadOpen(&err, f, 0, 0, buf, N) on /dev/null
 *   bz2 bzopen PATH MODE        BZ2_bzopen(PATH, MODE)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bzlib.h>

static char plain[4000];
static char packed[8000];
static unsigned int packed_len;
static char out[8000];

static void pack(void)
{
	unsigned int len = sizeof(packed);
	size_t i;
	static const char words[] = "the quick brown fox jumps over the lazy dog ";

	for (i = 0; i < sizeof(plain); i++)
		plain[i] = words[(i * 7 + i / 45) % (sizeof(words) - 1)];
	if (BZ2_bzBuffToBuffCompress(packed, &len, plain, sizeof(plain), 9, 0, 0) != BZ_OK) {
		fprintf(stderr, "compress failed\n");
		exit(2);
	}
	packed_len = len;
	printf("compressed: %u bytes\n", packed_len);
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	bz_stream strm;
	int rc;

	memset(&strm, 0, sizeof(strm));
	if (strcmp(mode, "decompressinit") == 0 && argc > 3) {
		rc = BZ2_bzDecompressInit(&strm, atoi(argv[2]), atoi(argv[3]));
	} else if (strcmp(mode, "compressinit") == 0 && argc > 3) {
		rc = BZ2_bzCompressInit(&strm, atoi(argv[2]), 0, atoi(argv[3]));
	} else if (strcmp(mode, "decompress") == 0 && argc > 2) {
		const char *how = argv[2];

		pack();
		if (strcmp(how, "blockcrc") == 0) {
			packed[10] ^= 0xff;
		} else if (strcmp(how, "origptr") == 0) {
			packed[14] = (char) ((packed[14] & 0x80) | 0x7f);
			packed[15] = (char) 0xff;
			packed[16] = (char) 0xff;
			packed[17] = (char) (packed[17] | 0x80);
		} else if (strcmp(how, "blkhdr") == 0) {
			packed[4] = 0x32;
		} else if (strcmp(how, "again") != 0) {
			return 2;
		}
		if (BZ2_bzDecompressInit(&strm, 0, 0) != BZ_OK)
			return 2;
		strm.next_in = packed;
		strm.avail_in = packed_len;
		strm.next_out = out;
		strm.avail_out = sizeof(out);
		rc = BZ2_bzDecompress(&strm);
		if (strcmp(how, "again") == 0) {
			printf("first call: %d\n", rc);
			rc = BZ2_bzDecompress(&strm);
		}
		BZ2_bzDecompressEnd(&strm);
	} else if (strcmp(mode, "buff2buff") == 0 && argc > 3) {
		unsigned int dlen = (unsigned int) atoi(argv[3]);

		pack();
		if (strcmp(argv[2], "whole") == 0)
			rc = BZ2_bzBuffToBuffDecompress(out, &dlen, packed, packed_len, 0, 0);
		else if (strcmp(argv[2], "trunc") == 0)
			rc = BZ2_bzBuffToBuffDecompress(out, &dlen, packed, packed_len / 2, 0, 0);
		else if (strcmp(argv[2], "garbage") == 0)
			rc = BZ2_bzBuffToBuffDecompress(out, &dlen, plain, sizeof(plain), 0, 0);
		else
			return 2;
	} else if (strcmp(mode, "compress_run") == 0) {
		pack();
		if (BZ2_bzCompressInit(&strm, 9, 0, 0) != BZ_OK)
			return 2;
		strm.next_in = plain;
		strm.avail_in = sizeof(plain);
		strm.next_out = out;
		strm.avail_out = 10;
		rc = BZ2_bzCompress(&strm, BZ_FINISH);
		printf("finish: %d\n", rc);
		rc = BZ2_bzCompress(&strm, BZ_RUN);
		BZ2_bzCompressEnd(&strm);
	} else if (strcmp(mode, "bzread") == 0 && argc > 2) {
		const char *path = "errtrail-libbz2.bz2";
		int bzerr;
		BZFILE *b;
		FILE *f;

		pack();
		if (strcmp(argv[2], "trunc") == 0)
			write_file(path, packed, packed_len / 2);
		else if (strcmp(argv[2], "garbage") == 0)
			write_file(path, plain, sizeof(plain));
		else
			return 2;
		f = fopen(path, "rb");
		if (f == NULL)
			return 2;
		b = BZ2_bzReadOpen(&bzerr, f, 0, 0, NULL, 0);
		if (b == NULL)
			return 2;
		rc = BZ2_bzRead(&bzerr, b, out, sizeof(out));
		printf("bzRead: %d, bzerror %d\n", rc, bzerr);
		rc = bzerr;
		BZ2_bzReadClose(&bzerr, b);
		fclose(f);
		remove(path);
	} else if (strcmp(mode, "readopen_unused") == 0 && argc > 2) {
		int bzerr;
		FILE *f = fopen("/dev/null", "rb");
		BZFILE *b;

		if (f == NULL)
			return 2;
		b = BZ2_bzReadOpen(&bzerr, f, 0, 0, out, atoi(argv[2]));
		printf("bzReadOpen: %p, bzerror %d\n", (void *) b, bzerr);
		rc = bzerr;
		if (b != NULL)
			BZ2_bzReadClose(&bzerr, b);
		fclose(f);
	} else if (strcmp(mode, "bzopen") == 0 && argc > 3) {
		BZFILE *b = BZ2_bzopen(argv[2], argv[3]);

		rc = b == NULL ? -1 : 0;
		if (b != NULL)
			BZ2_bzclose(b);
	} else {
		fprintf(stderr, "usage: see the comment at the top of bz2.c\n");
		return 2;
	}
	printf("rc: %d\n", rc);
	return 0;
}
