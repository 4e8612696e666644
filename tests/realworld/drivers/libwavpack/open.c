/* libwavpack: WavpackOpenFileInput() and WavpackWriteTag() on files the driver writes
 * under /tmp/errtrail-libwavpack-*.
 *   missing    open a file that does not exist
 *   garbage    open a short text file (no WavPack block header in it)
 *   riff       open a RIFF/WAVE file (a .wav handed to the decoder)
 *   empty      open an empty file
 *   truncated  open a file whose one block header claims 1000 bytes and has none of them
 *   dsd        open a DSD file (written with libwavpack's own encoder) without OPEN_DSD_* flags
 *   writetag   open a good PCM file (encoded here) read-only, append a tag item, WavpackWriteTag()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wavpack.h>

static void put_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); exit(2); }
    if (len) fwrite(data, 1, len, f);
    fclose(f);
}

static int blockout(void *id, void *data, int32_t bcount)
{
    return fwrite(data, 1, bcount, (FILE *) id) == (size_t) bcount;
}

/* encode 64 samples of one channel: 16-bit PCM at 44.1 kHz, or 1-bit DSD64 bytes */
static void encode(const char *path, int dsd)
{
    FILE *f = fopen(path, "wb");
    WavpackConfig cfg;
    int32_t samples[64];
    int i;
    WavpackContext *wpc = WavpackOpenFileOutput(blockout, f, NULL);

    memset(&cfg, 0, sizeof cfg);
    cfg.num_channels = 1;
    cfg.channel_mask = 4;
    if (dsd) {
        cfg.bytes_per_sample = 1;
        cfg.bits_per_sample = 8;
        cfg.sample_rate = 2822400;
        cfg.qmode = QMODE_DSD_MSB_FIRST;
    } else {
        cfg.bytes_per_sample = 2;
        cfg.bits_per_sample = 16;
        cfg.sample_rate = 44100;
    }
    for (i = 0; i < 64; i++)
        samples[i] = dsd ? (i * 37) & 0xff : (i * 523) % 4000 - 2000;
    if (!WavpackSetConfiguration64(wpc, &cfg, 64, NULL) || !WavpackPackInit(wpc) ||
        !WavpackPackSamples(wpc, samples, 64) || !WavpackFlushSamples(wpc)) {
        fprintf(stderr, "encode: %s\n", WavpackGetErrorMessage(wpc));
        exit(2);
    }
    WavpackCloseFile(wpc);
    fclose(f);
}

int main(int argc, char **argv)
{
    char error[80] = "";
    char path[128];
    const char *mode = argc > 1 ? argv[1] : "";
    WavpackContext *wpc;
    int flags = 0;

    snprintf(path, sizeof path, "/tmp/errtrail-libwavpack-%s.wv", mode);
    unlink(path);

    if (!strcmp(mode, "missing")) {
        /* nothing written */
    } else if (!strcmp(mode, "garbage")) {
        const char text[] = "hello, this is a text file and not a WavPack file\n";
        put_file(path, text, sizeof text - 1);
    } else if (!strcmp(mode, "riff")) {
        /* 44-byte canonical WAVE header (mono, 16-bit, 44.1 kHz) and 4 samples */
        unsigned char wav[52] = "RIFF\x2c\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x44\xac\0\0\x88\x58\x01\0\x02\0\x10\0data\x08\0\0\0";
        put_file(path, wav, sizeof wav);
    } else if (!strcmp(mode, "empty")) {
        put_file(path, "", 0);
    } else if (!strcmp(mode, "truncated")) {
        /* "wvpk", ckSize 1000, version 0x407, 64 samples, mono 16-bit 44.1 kHz, then EOF */
        unsigned char hdr[32] = "wvpk\xe8\x03\0\0\x07\x04\0\0\x40\0\0\0\0\0\0\0\x40\0\0\0\x05\x18\x80\x04\0\0\0\0";
        put_file(path, hdr, sizeof hdr);
    } else if (!strcmp(mode, "dsd")) {
        encode(path, 1);
    } else if (!strcmp(mode, "writetag")) {
        encode(path, 0);
    } else {
        fprintf(stderr, "usage: %s missing|garbage|riff|empty|truncated|dsd|writetag\n", argv[0]);
        return 2;
    }

    wpc = WavpackOpenFileInput(path, error, flags, 0);
    if (!wpc) {
        printf("WavpackOpenFileInput: NULL: %s\n", error);
        return 1;
    }
    if (!strcmp(mode, "writetag")) {
        int ok = WavpackAppendTagItem(wpc, "Title", "errtrail", 8);
        printf("WavpackAppendTagItem: %d\n", ok);
        ok = WavpackWriteTag(wpc);
        printf("WavpackWriteTag: %d: %s\n", ok, WavpackGetErrorMessage(wpc));
        WavpackCloseFile(wpc);
        return ok ? 0 : 1;
    }
    printf("WavpackOpenFileInput: opened, %d channel(s)\n", WavpackGetNumChannels(wpc));
    WavpackCloseFile(wpc);
    return 0;
}
