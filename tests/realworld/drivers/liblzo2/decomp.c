/* liblzo2 decompressors fed bad input.
 *
 *   decomp ALGO SCENARIO [N]
 *
 * ALGO: x1 (lzo1x_1 / lzo1x_decompress_safe), y1 (lzo1y), z1 (lzo1z_999 / lzo1z),
 *       b1 (lzo1b level 1 / lzo1b_decompress_safe), c1 (lzo1c), f1 (lzo1f_1),
 *       2a (lzo2a_999), xd (lzo1x_999_compress_dict / lzo1x_decompress_dict_safe).
 * SCENARIO:
 *   ok          decompress the sample as compressed
 *   empty       an empty input (in_len 0)
 *   trunc N     only the first N bytes of the compressed data
 *   small N     an output buffer of N bytes
 *   trailing    two garbage bytes after the end-of-stream marker
 *   noeof       the compressed data without its last 3 bytes (the end-of-stream marker)
 *   nodict      (xd only) decompress without the dictionary it was compressed with
 *   lookbehind  (x1 only) a 10-byte stream: a 4-byte literal run, a match 16 bytes back, end marker
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lzo/lzoconf.h>
#include <lzo/lzo1b.h>
#include <lzo/lzo1c.h>
#include <lzo/lzo1f.h>
#include <lzo/lzo1x.h>
#include <lzo/lzo1y.h>
#include <lzo/lzo1z.h>
#include <lzo/lzo2a.h>

static const char sample[] =
    "errtrail traces lzo; errtrail traces lzo; lzo traces nothing at all.";
static const char dict[] = "traces lzo; errtrail traces nothing";

typedef int (*dfunc)(const lzo_bytep, lzo_uint, lzo_bytep, lzo_uintp, lzo_voidp);

int main(int argc, char **argv)
{
    static unsigned char wrk[1 << 20];
    unsigned char comp[512], out[512];
    lzo_uint clen = sizeof comp, olen = sizeof out, inlen = sizeof sample - 1;
    const char *algo, *scen;
    dfunc dec = NULL;
    int r;

    if (argc < 3) {
        fprintf(stderr, "usage: %s ALGO SCENARIO [N]\n", argv[0]);
        return 2;
    }
    algo = argv[1];
    scen = argv[2];
    if (lzo_init() != LZO_E_OK) {
        fprintf(stderr, "lzo_init failed\n");
        return 2;
    }

    if (!strcmp(algo, "x1")) {
        r = lzo1x_1_compress((const lzo_bytep)sample, inlen, comp, &clen, wrk);
        dec = lzo1x_decompress_safe;
    } else if (!strcmp(algo, "y1")) {
        r = lzo1y_1_compress((const lzo_bytep)sample, inlen, comp, &clen, wrk);
        dec = lzo1y_decompress_safe;
    } else if (!strcmp(algo, "z1")) {
        r = lzo1z_999_compress((const lzo_bytep)sample, inlen, comp, &clen, wrk);
        dec = lzo1z_decompress_safe;
    } else if (!strcmp(algo, "b1")) {
        r = lzo1b_compress((const lzo_bytep)sample, inlen, comp, &clen, wrk, 1);
        dec = lzo1b_decompress_safe;
    } else if (!strcmp(algo, "c1")) {
        r = lzo1c_compress((const lzo_bytep)sample, inlen, comp, &clen, wrk, 1);
        dec = lzo1c_decompress_safe;
    } else if (!strcmp(algo, "f1")) {
        r = lzo1f_1_compress((const lzo_bytep)sample, inlen, comp, &clen, wrk);
        dec = lzo1f_decompress_safe;
    } else if (!strcmp(algo, "2a")) {
        r = lzo2a_999_compress((const lzo_bytep)sample, inlen, comp, &clen, wrk);
        dec = lzo2a_decompress_safe;
    } else if (!strcmp(algo, "xd")) {
        r = lzo1x_999_compress_dict((const lzo_bytep)sample, inlen, comp, &clen, wrk,
                                    (const lzo_bytep)dict, sizeof dict - 1);
    } else {
        fprintf(stderr, "unknown algorithm %s\n", algo);
        return 2;
    }
    if (r != LZO_E_OK) {
        fprintf(stderr, "compress failed: %d\n", r);
        return 2;
    }
    printf("compressed %lu -> %lu bytes\n", (unsigned long)inlen, (unsigned long)clen);

    if (!strcmp(scen, "empty")) {
        clen = 0;
    } else if (!strcmp(scen, "trunc") && argc > 3) {
        clen = strtoul(argv[3], NULL, 0);
    } else if (!strcmp(scen, "small") && argc > 3) {
        olen = strtoul(argv[3], NULL, 0);
    } else if (!strcmp(scen, "trailing")) {
        comp[clen++] = 0x5a;
        comp[clen++] = 0xa5;
    } else if (!strcmp(scen, "noeof")) {
        clen -= 3;
    } else if (!strcmp(scen, "lookbehind") && !strcmp(algo, "x1")) {
        /* 17+4: a first literal run of 4 bytes; then an M2 match (t >= 64) whose
         * offset 1 + 7 + (1 << 3) = 16 lies before the 4 bytes written so far;
         * then the end-of-stream marker 0x11 0 0 */
        static const unsigned char bad[] = { 21, 'l', 'z', 'o', '!', 0x7c, 0x01, 0x11, 0, 0 };
        memcpy(comp, bad, sizeof bad);
        clen = sizeof bad;
    } else if (strcmp(scen, "ok") && strcmp(scen, "nodict")) {
        fprintf(stderr, "unknown scenario %s\n", scen);
        return 2;
    }

    if (!strcmp(algo, "xd")) {
        if (!strcmp(scen, "nodict"))
            r = lzo1x_decompress_dict_safe(comp, clen, out, &olen, NULL, NULL, 0);
        else
            r = lzo1x_decompress_dict_safe(comp, clen, out, &olen, NULL,
                                           (const lzo_bytep)dict, sizeof dict - 1);
    } else {
        r = dec(comp, clen, out, &olen, NULL);
    }
    printf("decompress: %d, %lu bytes out\n", r, (unsigned long)olen);
    return r == LZO_E_OK ? 0 : 1;
}
