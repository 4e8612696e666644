/* libwavpack: encoder configuration and tag items, on a context made with
 * WavpackOpenFileOutput() (no block is ever written).
 *   chans     WavpackSetConfiguration64() with num_channels 0
 *   bits      WavpackSetConfiguration64() with 20 bits in 2 bytes per sample
 *   rate      WavpackSetConfiguration() (the 32-bit entry) with sample_rate 0
 *   toolong   WavpackAppendTagItem() with a 16 MiB value (APEv2 tags are limited to 16 MiB)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wavpack.h>

static int blockout(void *id, void *data, int32_t bcount)
{
    (void) id; (void) data;
    return bcount >= 0;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    WavpackContext *wpc = WavpackOpenFileOutput(blockout, NULL, NULL);
    WavpackConfig cfg;
    int ok;

    memset(&cfg, 0, sizeof cfg);
    cfg.num_channels = 2;
    cfg.channel_mask = 3;
    cfg.bytes_per_sample = 2;
    cfg.bits_per_sample = 16;
    cfg.sample_rate = 44100;

    if (!strcmp(mode, "chans")) {
        cfg.num_channels = 0;
        ok = WavpackSetConfiguration64(wpc, &cfg, 44100, NULL);
    } else if (!strcmp(mode, "bits")) {
        cfg.bits_per_sample = 20;
        ok = WavpackSetConfiguration64(wpc, &cfg, 44100, NULL);
    } else if (!strcmp(mode, "rate")) {
        cfg.sample_rate = 0;
        ok = WavpackSetConfiguration(wpc, &cfg, 44100);
    } else if (!strcmp(mode, "toolong")) {
        int vsize = 16 * 1024 * 1024;
        char *value = malloc(vsize);
        memset(value, 'x', vsize);
        ok = WavpackAppendTagItem(wpc, "Comment", value, vsize);
        free(value);
    } else {
        fprintf(stderr, "usage: %s chans|bits|rate|toolong\n", argv[0]);
        return 2;
    }
    printf("%s: %d: %s\n", mode, ok, WavpackGetErrorMessage(wpc));
    WavpackCloseFile(wpc);
    return ok ? 0 : 1;
}
