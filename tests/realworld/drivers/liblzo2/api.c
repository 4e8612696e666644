/* liblzo2 entry points called with bad arguments.
 *
 *   api init-version      __lzo_init_v2() with version 0 (an uninitialised LZO_VERSION)
 *   api init-sizes        __lzo_init_v2() told sizeof(int) is 8 (a header/ABI mismatch)
 *   api x999-level N      lzo1x_999_compress_level() at level N (valid: 1..9)
 *   api b-level N         lzo1b_compress() at level N (valid: 1..9, or -1 for the default)
 *   api c-level N         lzo1c_compress() at level N (likewise)
 *   api crc-null          lzo_crc32() of a NULL buffer of 16 bytes
 *   api align N           __lzo_align_gap() of a buffer for an alignment of N bytes
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lzo/lzoconf.h>
#include <lzo/lzo1b.h>
#include <lzo/lzo1c.h>
#include <lzo/lzo1x.h>

static const char sample[] =
    "errtrail traces lzo; errtrail traces lzo; lzo traces nothing at all.";

int main(int argc, char **argv)
{
    static unsigned char wrk[1 << 20];
    unsigned char out[512];
    lzo_uint olen = sizeof out, inlen = sizeof sample - 1;
    const char *what;
    long n;
    int r;

    if (argc < 2) {
        fprintf(stderr, "usage: %s WHAT [N]\n", argv[0]);
        return 2;
    }
    what = argv[1];
    n = argc > 2 ? strtol(argv[2], NULL, 0) : 0;

    if (!strcmp(what, "init-version")) {
        r = __lzo_init_v2(0, (int)sizeof(short), (int)sizeof(int), (int)sizeof(long),
                          (int)sizeof(lzo_uint32_t), (int)sizeof(lzo_uint),
                          (int)lzo_sizeof_dict_t, (int)sizeof(char *),
                          (int)sizeof(lzo_voidp), (int)sizeof(lzo_callback_t));
        printf("__lzo_init_v2: %d\n", r);
        return r == LZO_E_OK ? 0 : 1;
    }
    if (!strcmp(what, "init-sizes")) {
        r = __lzo_init_v2(LZO_VERSION, (int)sizeof(short), 8, (int)sizeof(long),
                          (int)sizeof(lzo_uint32_t), (int)sizeof(lzo_uint),
                          (int)lzo_sizeof_dict_t, (int)sizeof(char *),
                          (int)sizeof(lzo_voidp), (int)sizeof(lzo_callback_t));
        printf("__lzo_init_v2: %d\n", r);
        return r == LZO_E_OK ? 0 : 1;
    }

    if (lzo_init() != LZO_E_OK) {
        fprintf(stderr, "lzo_init failed\n");
        return 2;
    }
    if (!strcmp(what, "x999-level")) {
        r = lzo1x_999_compress_level((const lzo_bytep)sample, inlen, out, &olen, wrk,
                                     NULL, 0, NULL, (int)n);
        printf("lzo1x_999_compress_level: %d\n", r);
    } else if (!strcmp(what, "b-level")) {
        r = lzo1b_compress((const lzo_bytep)sample, inlen, out, &olen, wrk, (int)n);
        printf("lzo1b_compress: %d\n", r);
    } else if (!strcmp(what, "c-level")) {
        r = lzo1c_compress((const lzo_bytep)sample, inlen, out, &olen, wrk, (int)n);
        printf("lzo1c_compress: %d\n", r);
    } else if (!strcmp(what, "crc-null")) {
        lzo_uint32_t c = lzo_crc32(0, NULL, 16);
        printf("lzo_crc32: %#lx\n", (unsigned long)c);
        r = c == 0 ? 1 : 0;
    } else if (!strcmp(what, "align")) {
        unsigned gap = __lzo_align_gap(out + 1, (lzo_uint)n);
        printf("__lzo_align_gap: %u\n", gap);
        r = gap == 0 ? 1 : 0;
    } else {
        fprintf(stderr, "unknown %s\n", what);
        return 2;
    }
    return r == LZO_E_OK ? 0 : 1;
}
