/* errtrail real-library corpus: libdeflate decompression with bad input.
 *
 * usage: decompress MODE
 *   zlib-badblock   a zlib stream of a text whose first deflate byte was corrupted
 *                   to block type 3 (reserved), to libdeflate_zlib_decompress()
 *   zlib-gzipdata   a gzip stream handed to libdeflate_zlib_decompress()
 *   zlib-adler      a zlib stream whose Adler-32 trailer was corrupted
 *   gzip-outbuf     a gzip stream of a 210-byte text, decompressed into 64 bytes
 *   gzip-crc        a gzip stream whose CRC-32 trailer was corrupted
 *   raw-nlen        a raw stored block whose NLEN is not ~LEN
 *   raw-btype3      a raw block of block type 3 (reserved)
 *   raw-precode     a raw dynamic block whose 4 precode lengths are all 1 (overfull)
 *   raw-short       a raw stored block of 5 bytes, decompressed with an expected size of 64
 *
 * Inputs are built in memory (compressed by libdeflate itself where a valid
 * stream is needed); nothing is written to disk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

static const char text[] =
    "errtrail traces one function statement by statement and ranks the lines "
    "that may have produced its error value; errtrail traces one function "
    "statement by statement and ranks the lines that may have produced it.";

/* Compress text with the given wrapper ('z' zlib, 'g' gzip). */
static size_t make_stream(int kind, unsigned char *out, size_t avail)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
    size_t n;

    if (c == NULL) {
        fprintf(stderr, "alloc_compressor failed\n");
        exit(2);
    }
    if (kind == 'z')
        n = libdeflate_zlib_compress(c, text, sizeof(text) - 1, out, avail);
    else
        n = libdeflate_gzip_compress(c, text, sizeof(text) - 1, out, avail);
    libdeflate_free_compressor(c);
    if (n == 0) {
        fprintf(stderr, "compress failed\n");
        exit(2);
    }
    return n;
}

static void result(const char *what, enum libdeflate_result r, size_t actual)
{
    printf("%s: result %d, %zu bytes out\n", what, (int)r, actual);
}

int main(int argc, char **argv)
{
    unsigned char in[512], out[512];
    size_t n, actual = 0;
    enum libdeflate_result r;
    struct libdeflate_decompressor *d;
    const char *mode;

    if (argc != 2) {
        fprintf(stderr, "usage: %s MODE\n", argv[0]);
        return 2;
    }
    mode = argv[1];
    d = libdeflate_alloc_decompressor();
    if (d == NULL) {
        fprintf(stderr, "alloc_decompressor failed\n");
        return 2;
    }
    memset(in, 0, sizeof(in));

    if (strcmp(mode, "zlib-badblock") == 0) {
        n = make_stream('z', in, sizeof(in));
        in[2] |= 0x06; /* BTYPE of the first block := 3 */
        r = libdeflate_zlib_decompress(d, in, n, out, sizeof(out), &actual);
        result(mode, r, actual);
    } else if (strcmp(mode, "zlib-gzipdata") == 0) {
        n = make_stream('g', in, sizeof(in));
        r = libdeflate_zlib_decompress(d, in, n, out, sizeof(out), &actual);
        result(mode, r, actual);
    } else if (strcmp(mode, "zlib-adler") == 0) {
        n = make_stream('z', in, sizeof(in));
        in[n - 1] ^= 0x55;
        r = libdeflate_zlib_decompress(d, in, n, out, sizeof(out), &actual);
        result(mode, r, actual);
    } else if (strcmp(mode, "gzip-outbuf") == 0) {
        n = make_stream('g', in, sizeof(in));
        r = libdeflate_gzip_decompress(d, in, n, out, 64, &actual);
        result(mode, r, actual);
    } else if (strcmp(mode, "gzip-crc") == 0) {
        n = make_stream('g', in, sizeof(in));
        in[n - 8] ^= 0x55; /* first byte of CRC32 */
        r = libdeflate_gzip_decompress(d, in, n, out, sizeof(out), &actual);
        result(mode, r, actual);
    } else if (strcmp(mode, "raw-nlen") == 0) {
        /* BFINAL=1 BTYPE=0, LEN=5, NLEN=0 (should be 0xfffa), "hello" */
        static const unsigned char s[] = { 0x01, 0x05, 0x00, 0x00, 0x00, 'h', 'e', 'l', 'l', 'o' };
        r = libdeflate_deflate_decompress(d, s, sizeof(s), out, sizeof(out), &actual);
        result(mode, r, actual);
    } else if (strcmp(mode, "raw-btype3") == 0) {
        /* BFINAL=1 BTYPE=3 */
        static const unsigned char s[] = { 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        r = libdeflate_deflate_decompress(d, s, sizeof(s), out, sizeof(out), &actual);
        result(mode, r, actual);
    } else if (strcmp(mode, "raw-precode") == 0) {
        /* BFINAL=1 BTYPE=2, HLIT=0, HDIST=0, HCLEN=0 (4 precode lengths),
         * precode lengths of symbols 16, 17, 18, 0 all 1: an overfull code */
        static const unsigned char s[16] = { 0x05, 0x00, 0x92, 0x04 };
        r = libdeflate_deflate_decompress(d, s, sizeof(s), out, sizeof(out), &actual);
        result(mode, r, actual);
    } else if (strcmp(mode, "raw-short") == 0) {
        /* a valid stored block of "hello"; the caller expects 64 bytes */
        static const unsigned char s[] = { 0x01, 0x05, 0x00, 0xfa, 0xff, 'h', 'e', 'l', 'l', 'o' };
        r = libdeflate_deflate_decompress(d, s, sizeof(s), out, 64, NULL);
        result(mode, r, 64);
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    libdeflate_free_decompressor(d);
    return 0;
}
