/* libspeexdsp resampler driver: argv[1] selects the scenario, the rest are numbers.
 *
 *   init NCH IN OUT Q              speex_resampler_init()
 *   initfrac NCH NUM DEN IN OUT Q  speex_resampler_init_frac()
 *   setrate IN OUT                 speex_resampler_set_rate() on a 1-channel 8000->16000 q3 state
 *   setratefrac NUM DEN IN OUT     speex_resampler_set_rate_frac() on the same state
 *   setquality Q                   speex_resampler_set_quality() on the same state
 *   fracover NSAMP NUM DEN         44100->48000 q3 state, NSAMP samples processed first,
 *                                  then speex_resampler_set_rate_frac(NUM, DEN, 44100, 48000)
 *   process IN OUT NSAMP           set_rate(IN, OUT) (expected to fail), then
 *                                  speex_resampler_process_float() of NSAMP samples
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <speex/speex_resampler.h>

static spx_uint32_t num(const char *s) { return (spx_uint32_t)strtoul(s, NULL, 0); }

static SpeexResamplerState *base(spx_uint32_t in, spx_uint32_t out)
{
    int err = -1;
    SpeexResamplerState *st = speex_resampler_init(1, in, out, 3, &err);
    if (!st) {
        fprintf(stderr, "base init failed: %s\n", speex_resampler_strerror(err));
        exit(2);
    }
    return st;
}

static void report(const char *what, int rc)
{
    printf("%s: %d (%s)\n", what, rc, speex_resampler_strerror(rc));
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s SCENARIO ARGS...\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    if (!strcmp(mode, "init") && argc == 6) {
        int err = -1;
        SpeexResamplerState *st = speex_resampler_init(num(argv[2]), num(argv[3]), num(argv[4]),
                                                       atoi(argv[5]), &err);
        printf("speex_resampler_init: %p err %d (%s)\n", (void *)st, err,
               speex_resampler_strerror(err));
        if (st)
            speex_resampler_destroy(st);
        return st ? 0 : 1;
    }
    if (!strcmp(mode, "initfrac") && argc == 8) {
        int err = -1;
        SpeexResamplerState *st = speex_resampler_init_frac(num(argv[2]), num(argv[3]), num(argv[4]),
                                                            num(argv[5]), num(argv[6]),
                                                            atoi(argv[7]), &err);
        printf("speex_resampler_init_frac: %p err %d (%s)\n", (void *)st, err,
               speex_resampler_strerror(err));
        if (st)
            speex_resampler_destroy(st);
        return st ? 0 : 1;
    }
    if (!strcmp(mode, "setrate") && argc == 4) {
        SpeexResamplerState *st = base(8000, 16000);
        int rc = speex_resampler_set_rate(st, num(argv[2]), num(argv[3]));
        report("speex_resampler_set_rate", rc);
        speex_resampler_destroy(st);
        return rc ? 1 : 0;
    }
    if (!strcmp(mode, "setratefrac") && argc == 6) {
        SpeexResamplerState *st = base(8000, 16000);
        int rc = speex_resampler_set_rate_frac(st, num(argv[2]), num(argv[3]), num(argv[4]),
                                               num(argv[5]));
        report("speex_resampler_set_rate_frac", rc);
        speex_resampler_destroy(st);
        return rc ? 1 : 0;
    }
    if (!strcmp(mode, "setquality") && argc == 3) {
        SpeexResamplerState *st = base(8000, 16000);
        int rc = speex_resampler_set_quality(st, atoi(argv[2]));
        report("speex_resampler_set_quality", rc);
        speex_resampler_destroy(st);
        return rc ? 1 : 0;
    }
    if (!strcmp(mode, "fracover") && argc == 5) {
        SpeexResamplerState *st = base(44100, 48000);
        spx_uint32_t n = num(argv[2]);
        float in[512], out[1024];
        spx_uint32_t in_len = n > 512 ? 512 : n, out_len = 1024;
        for (spx_uint32_t i = 0; i < in_len; i++)
            in[i] = (float)((i * 37) % 200) - 100.0f;
        int rc = speex_resampler_process_float(st, 0, in, &in_len, out, &out_len);
        printf("process_float: %d, in %u out %u\n", rc, in_len, out_len);
        rc = speex_resampler_set_rate_frac(st, num(argv[3]), num(argv[4]), 44100, 48000);
        report("speex_resampler_set_rate_frac", rc);
        speex_resampler_destroy(st);
        return rc ? 1 : 0;
    }
    if (!strcmp(mode, "process") && argc == 5) {
        SpeexResamplerState *st = base(8000, 16000);
        int rc = speex_resampler_set_rate(st, num(argv[2]), num(argv[3]));
        report("speex_resampler_set_rate", rc);
        float in[64], out[256];
        spx_uint32_t in_len = num(argv[4]), out_len = 256;
        if (in_len > 64)
            in_len = 64;
        for (spx_uint32_t i = 0; i < in_len; i++)
            in[i] = (float)i;
        rc = speex_resampler_process_float(st, 0, in, &in_len, out, &out_len);
        report("speex_resampler_process_float", rc);
        speex_resampler_destroy(st);
        return rc ? 1 : 0;
    }
    fprintf(stderr, "bad scenario or arguments\n");
    return 2;
}
