/* realworld corpus driver: libzstd calls that fail on bad frames and bad parameters.
 * HEX is the bytes of a (usually hand-made) zstd frame in hex.
 *   zstd header HEX               ZSTD_getFrameHeader(&zfh, frame)
 *   zstd fcs HEX                  ZSTD_getFrameContentSize(frame)
 *   zstd decompress HEX CAP       ZSTD_decompress(dst, CAP, frame)
 *   zstd dctx HEX CAP             ZSTD_decompressDCtx(ZSTD_createDCtx(), dst, CAP, frame)
 *   zstd dict HEX DICT CAP        ZSTD_decompress_usingDict(dctx, dst, CAP, frame, DICT, strlen(DICT))
 *   zstd dparam P V               ZSTD_DCtx_setParameter(ZSTD_createDCtx(), P, V)
 *   zstd cparam P V               ZSTD_CCtx_setParameter(ZSTD_createCCtx(), P, V)
 *   zstd mkframe TEXT             prints the hex of ZSTD_compress2() of TEXT with
 *                                 ZSTD_c_checksumFlag 1 (to make inputs, not a case)
 * Each prints what the call returned and ZSTD_getErrorName() of it.
 */
#define ZSTD_STATIC_LINKING_ONLY
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static unsigned char *unhex(const char *s, size_t *n)
{
    size_t len = strlen(s) / 2;
    unsigned char *out = malloc(len ? len : 1);
    for (size_t i = 0; i < len; i++)
        out[i] = (unsigned char)(hexval(s[2 * i]) << 4 | hexval(s[2 * i + 1]));
    *n = len;
    return out;
}

static int report(const char *what, size_t r)
{
    printf("%s: %zu (%s)\n", what, r, ZSTD_isError(r) ? ZSTD_getErrorName(r) : "ok");
    return ZSTD_isError(r) ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: zstd MODE ARGS...\n");
        return 2;
    }
    const char *mode = argv[1];
    size_t n = 0;
    if (!strcmp(mode, "header")) {
        unsigned char *src = unhex(argv[2], &n);
        ZSTD_frameHeader zfh;
        return report("ZSTD_getFrameHeader", ZSTD_getFrameHeader(&zfh, src, n));
    }
    if (!strcmp(mode, "fcs")) {
        unsigned char *src = unhex(argv[2], &n);
        unsigned long long r = ZSTD_getFrameContentSize(src, n);
        printf("ZSTD_getFrameContentSize: %llu%s\n", r,
               r == ZSTD_CONTENTSIZE_ERROR ? " (ZSTD_CONTENTSIZE_ERROR)" : "");
        return r == ZSTD_CONTENTSIZE_ERROR;
    }
    if (!strcmp(mode, "decompress") && argc == 4) {
        unsigned char *src = unhex(argv[2], &n);
        size_t cap = strtoul(argv[3], NULL, 0);
        void *dst = malloc(cap ? cap : 1);
        return report("ZSTD_decompress", ZSTD_decompress(dst, cap, src, n));
    }
    if (!strcmp(mode, "dctx") && argc == 4) {
        unsigned char *src = unhex(argv[2], &n);
        size_t cap = strtoul(argv[3], NULL, 0);
        void *dst = malloc(cap ? cap : 1);
        ZSTD_DCtx *dctx = ZSTD_createDCtx();
        return report("ZSTD_decompressDCtx", ZSTD_decompressDCtx(dctx, dst, cap, src, n));
    }
    if (!strcmp(mode, "dict") && argc == 5) {
        unsigned char *src = unhex(argv[2], &n);
        size_t cap = strtoul(argv[4], NULL, 0);
        void *dst = malloc(cap ? cap : 1);
        ZSTD_DCtx *dctx = ZSTD_createDCtx();
        return report("ZSTD_decompress_usingDict",
                      ZSTD_decompress_usingDict(dctx, dst, cap, src, n, argv[3], strlen(argv[3])));
    }
    if (!strcmp(mode, "dparam") && argc == 4) {
        ZSTD_DCtx *dctx = ZSTD_createDCtx();
        return report("ZSTD_DCtx_setParameter",
                      ZSTD_DCtx_setParameter(dctx, (ZSTD_dParameter)atoi(argv[2]), atoi(argv[3])));
    }
    if (!strcmp(mode, "cparam") && argc == 4) {
        ZSTD_CCtx *cctx = ZSTD_createCCtx();
        return report("ZSTD_CCtx_setParameter",
                      ZSTD_CCtx_setParameter(cctx, (ZSTD_cParameter)atoi(argv[2]), atoi(argv[3])));
    }
    if (!strcmp(mode, "mkframe")) {
        size_t len = strlen(argv[2]), cap = ZSTD_compressBound(len);
        unsigned char *dst = malloc(cap);
        ZSTD_CCtx *cctx = ZSTD_createCCtx();
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
        size_t r = ZSTD_compress2(cctx, dst, cap, argv[2], len);
        if (ZSTD_isError(r))
            return report("ZSTD_compress2", r);
        for (size_t i = 0; i < r; i++)
            printf("%02x", dst[i]);
        printf("\n");
        return 0;
    }
    fprintf(stderr, "zstd: bad mode %s\n", mode);
    return 2;
}
