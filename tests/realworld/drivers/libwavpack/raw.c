/* libwavpack: WavpackOpenRawDecoder() on frames built in memory.
 *   overrun    Matroska-style frame (no "wvpk" header): first block not final, block_size 1000
 *   leftover   Matroska-style frame: a non-final block of size 0, then 4 bytes left over
 *   badheader  32 bytes starting "wvpk" whose ckSize is odd (no valid block header)
 *   entropy    one mono block whose ID_ENTROPY_VARS metadata has 2 bytes (mono needs 6)
 *   monodata   one block whose flags have both MONO_FLAG and FALSE_STEREO
 *   decorr     one mono block whose ID_DECORR_TERMS metadata holds term byte 0x05 (term 0)
 *   unknownid  one mono block with metadata id 0x1e (not optional, unknown to the decoder)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wavpack.h>

static void le32(unsigned char *p, uint32_t v)
{
    p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

/* a 32-byte block header for 64 mono 16-bit samples at 44.1 kHz, then the metadata */
static int block(unsigned char *buf, uint32_t flags, const unsigned char *meta, int mlen)
{
    memcpy(buf, "wvpk", 4);
    le32(buf + 4, 32 - 8 + mlen);
    buf[8] = 0x07; buf[9] = 0x04;         /* version 0x407 */
    buf[10] = buf[11] = 0;
    le32(buf + 12, 64);                   /* total_samples */
    le32(buf + 16, 0);                    /* block_index */
    le32(buf + 20, 64);                   /* block_samples */
    le32(buf + 24, flags);
    le32(buf + 28, 0);                    /* crc */
    memcpy(buf + 32, meta, mlen);
    return 32 + mlen;
}

#define MONO16 (1 | MONO_FLAG | INITIAL_BLOCK | FINAL_BLOCK | (9u << SRATE_LSB))

int main(int argc, char **argv)
{
    unsigned char buf[256];
    char error[80] = "";
    int len = 0;
    const char *mode = argc > 1 ? argv[1] : "";
    WavpackContext *wpc;

    memset(buf, 0, sizeof buf);
    if (!strcmp(mode, "overrun")) {
        le32(buf, 64);                    /* block_samples */
        le32(buf + 4, MONO16 & ~FINAL_BLOCK);
        le32(buf + 8, 0);                 /* crc */
        le32(buf + 12, 1000);             /* block_size */
        len = 24;
    } else if (!strcmp(mode, "leftover")) {
        le32(buf, 64);
        le32(buf + 4, MONO16 & ~FINAL_BLOCK);
        le32(buf + 8, 0);
        le32(buf + 12, 0);
        len = 20;
    } else if (!strcmp(mode, "badheader")) {
        memcpy(buf, "wvpk", 4);
        le32(buf + 4, 25);
        buf[8] = 0x07; buf[9] = 0x04;
        len = 32;
    } else if (!strcmp(mode, "entropy")) {
        static const unsigned char meta[] = { ID_ENTROPY_VARS, 1, 0x10, 0x20 };
        len = block(buf, MONO16, meta, sizeof meta);
    } else if (!strcmp(mode, "monodata")) {
        static const unsigned char meta[] = { ID_DUMMY, 0 };
        len = block(buf, MONO16 | FALSE_STEREO, meta, sizeof meta);
    } else if (!strcmp(mode, "decorr")) {
        static const unsigned char meta[] = { ID_DECORR_TERMS, 1, 0x05, 0x06 };
        len = block(buf, MONO16, meta, sizeof meta);
    } else if (!strcmp(mode, "unknownid")) {
        static const unsigned char meta[] = { 0x1e, 0 };
        len = block(buf, MONO16, meta, sizeof meta);
    } else {
        fprintf(stderr, "usage: %s overrun|leftover|badheader|entropy|monodata|decorr|unknownid\n", argv[0]);
        return 2;
    }

    wpc = WavpackOpenRawDecoder(buf, len, NULL, 0, 0x407, error, 0, 0);
    if (!wpc) {
        printf("WavpackOpenRawDecoder: NULL: %s\n", error);
        return 1;
    }
    printf("WavpackOpenRawDecoder: opened, %u samples in frame\n", WavpackGetNumSamplesInFrame(wpc));
    WavpackCloseFile(wpc);
    return 0;
}
