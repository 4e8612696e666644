/* realworld corpus driver: liblz4 (lz4 1.9.4) calls with bad arguments and bad input.
 * The block API (lz4.c) returns a negative int on malformed input (minus the input
 * position where decoding stopped, minus one); the frame API (lz4frame.c) returns
 * size_t error codes, (size_t)-LZ4F_ERROR_xxx (maxBlockSize_invalid 2,
 * headerVersion_wrong 6, blockChecksum_invalid 7, allocation_failed 9,
 * dstMaxSize_tooSmall 11, frameType_unknown 13, frameSize_wrong 14,
 * decompressionFailed 16, headerChecksum_invalid 17, contentChecksum_invalid 18).
 * The input is made here with the same library: 4000 bytes of text, compressed as one
 * block (LZ4_compress_default) or as a frame (LZ4F_compressFrame, 64 KB blocks,
 * no content size: magic 0-3, FLG 4, BD 5, header checksum 6, then the block's 4-byte
 * size, its data, its checksum if any, the 4-byte end mark, the content checksum if any).
 *   lz4 continue               LZ4_decompress_safe_continue(): the first block (the
 *                              first 2000 bytes of text) decodes into out, then 64 bytes
 *                              of 0xff are decoded right after it (prefix 2000 bytes)
 *   lz4 usingdict              LZ4_decompress_safe_usingDict() of 64 bytes of 0xff with
 *                              a 100-byte dictionary that is not in front of dest
 *   lz4 frameinfo badmagic     LZ4F_getFrameInfo() on a frame whose magic is changed
 *   lz4 decompress MODE N      LZ4F_decompress() once on a whole frame into N bytes;
 *                              MODE:
 *                                badmagic    byte 0 of the magic changed
 *                                version     FLG's version bits 01 changed to 10
 *                                hdrcrc      the header checksum byte flipped
 *                                blockcrc    block checksums on, the last byte of the
 *                                            block's checksum flipped
 *                                bigblock    the block's size field set to 0x100000
 *                                            (1 MB, compressed) in a 64 KB-block frame
 *                                corrupt     every byte of the compressed block set
 *                                            to 0xff
 *                                contentcrc  content checksum on, its last byte flipped
 *   lz4 begin small            LZ4F_compressBegin() into a 10-byte buffer
 *   lz4 begin bsid             LZ4F_compressBegin() with blockSizeID 3 (invalid),
 *                              independent blocks, no autoFlush
 *   lz4 end size               LZ4F_compressBegin() with contentSize 4000, one
 *                              LZ4F_compressUpdate() of 2000 bytes, LZ4F_compressEnd()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lz4.h>
#define LZ4F_STATIC_LINKING_ONLY /* LZ4F_getErrorCode() */
#include <lz4frame.h>

static char plain[4000];
static char packed[8000];
static char out[70000];
static char garbage[64];

static void fill(void)
{
	size_t i;
	static const char words[] = "the quick brown fox jumps over the lazy dog ";

	for (i = 0; i < sizeof(plain); i++)
		plain[i] = words[(i * 7 + i / 45) % (sizeof(words) - 1)];
	memset(garbage, 0xff, sizeof(garbage));
}

static void report(const char *what, size_t r)
{
	if (LZ4F_isError(r))
		printf("%s: error %s (-%d)\n", what, LZ4F_getErrorName(r), (int)LZ4F_getErrorCode(r));
	else
		printf("%s: %zu\n", what, r);
}

static size_t frame(int blockcrc, int contentcrc)
{
	LZ4F_preferences_t prefs;
	size_t n;

	memset(&prefs, 0, sizeof(prefs));
	prefs.frameInfo.blockChecksumFlag = blockcrc ? LZ4F_blockChecksumEnabled : LZ4F_noBlockChecksum;
	prefs.frameInfo.contentChecksumFlag = contentcrc ? LZ4F_contentChecksumEnabled : LZ4F_noContentChecksum;
	n = LZ4F_compressFrame(packed, sizeof(packed), plain, sizeof(plain), &prefs);
	if (LZ4F_isError(n)) {
		report("compressFrame", n);
		exit(2);
	}
	printf("frame: %zu bytes, block of %u bytes\n", n,
	       (unsigned)((unsigned char)packed[7] | (unsigned char)packed[8] << 8 |
			  (unsigned char)packed[9] << 16 | (unsigned char)packed[10] << 24));
	return n;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	const char *mode = argc > 2 ? argv[2] : "";

	fill();
	if (!strcmp(cmd, "continue")) {
		LZ4_streamDecode_t sd;
		int n = LZ4_compress_default(plain, packed, 2000, sizeof(packed));
		int r;

		memset(&sd, 0, sizeof(sd));
		LZ4_setStreamDecode(&sd, NULL, 0);
		r = LZ4_decompress_safe_continue(&sd, packed, out, n, 2000);
		printf("first block (%d bytes): %d\n", n, r);
		r = LZ4_decompress_safe_continue(&sd, garbage, out + r, sizeof(garbage), 2000);
		printf("second block: %d\n", r);
	} else if (!strcmp(cmd, "usingdict")) {
		printf("LZ4_decompress_safe_usingDict: %d\n",
		       LZ4_decompress_safe_usingDict(garbage, out, sizeof(garbage), sizeof(plain),
						     plain, 100));
	} else if (!strcmp(cmd, "frameinfo")) {
		LZ4F_dctx *dctx;
		LZ4F_frameInfo_t info;
		size_t n = frame(0, 0);

		packed[0] ^= 0x01;
		report("createDecompressionContext", LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION));
		report("getFrameInfo", LZ4F_getFrameInfo(dctx, &info, packed, &n));
		LZ4F_freeDecompressionContext(dctx);
	} else if (!strcmp(cmd, "decompress")) {
		LZ4F_dctx *dctx;
		size_t n, dn, cap = argc > 3 ? strtoul(argv[3], NULL, 0) : sizeof(out);
		unsigned blk;

		n = frame(!strcmp(mode, "blockcrc"), !strcmp(mode, "contentcrc"));
		blk = (unsigned char)packed[7] | (unsigned char)packed[8] << 8;
		if (!strcmp(mode, "badmagic"))
			packed[0] ^= 0x01;
		else if (!strcmp(mode, "version"))
			packed[4] ^= 0xc0;
		else if (!strcmp(mode, "hdrcrc"))
			packed[6] ^= 0xff;
		else if (!strcmp(mode, "blockcrc"))
			packed[11 + blk + 3] ^= 0xff;
		else if (!strcmp(mode, "bigblock"))
			memcpy(packed + 7, "\x00\x00\x10\x00", 4);
		else if (!strcmp(mode, "corrupt"))
			memset(packed + 11, 0xff, blk);
		else if (!strcmp(mode, "contentcrc"))
			packed[n - 1] ^= 0xff;
		report("createDecompressionContext", LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION));
		if (cap > sizeof(out))
			cap = sizeof(out);
		dn = cap;
		report("LZ4F_decompress", LZ4F_decompress(dctx, out, &dn, packed, &n, NULL));
		printf("consumed %zu, produced %zu\n", n, dn);
		LZ4F_freeDecompressionContext(dctx);
	} else if (!strcmp(cmd, "begin") || !strcmp(cmd, "end")) {
		LZ4F_cctx *cctx;
		LZ4F_preferences_t prefs;
		size_t r;

		memset(&prefs, 0, sizeof(prefs));
		report("createCompressionContext", LZ4F_createCompressionContext(&cctx, LZ4F_VERSION));
		if (!strcmp(cmd, "begin") && !strcmp(mode, "small")) {
			report("LZ4F_compressBegin", LZ4F_compressBegin(cctx, packed, 10, &prefs));
		} else if (!strcmp(cmd, "begin") && !strcmp(mode, "bsid")) {
			prefs.frameInfo.blockSizeID = (LZ4F_blockSizeID_t)3;
			prefs.frameInfo.blockMode = LZ4F_blockIndependent;
			report("LZ4F_compressBegin", LZ4F_compressBegin(cctx, packed, sizeof(packed), &prefs));
		} else if (!strcmp(cmd, "end") && !strcmp(mode, "size")) {
			size_t pos;

			prefs.frameInfo.contentSize = sizeof(plain);
			r = LZ4F_compressBegin(cctx, packed, sizeof(packed), &prefs);
			report("LZ4F_compressBegin", r);
			pos = r;
			r = LZ4F_compressUpdate(cctx, packed + pos, sizeof(packed) - pos, plain, 2000, NULL);
			report("LZ4F_compressUpdate", r);
			pos += r;
			report("LZ4F_compressEnd", LZ4F_compressEnd(cctx, packed + pos, sizeof(packed) - pos, NULL));
		}
		LZ4F_freeCompressionContext(cctx);
	} else {
		fprintf(stderr, "usage: lz4 continue|usingdict|frameinfo|decompress|begin|end ...\n");
		return 2;
	}
	return 0;
}
