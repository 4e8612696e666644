/* libopenjp2 driver for the calls around decoding and encoding: opening a stream on a
 * missing file, asking for an unsupported codec, creating an image too large to hold,
 * and setting an encoder option with a bad value. argv[1] selects the scenario. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openjpeg.h>

static void on_msg(const char *msg, void *data) { fprintf(stderr, "%s: %s", (const char *)data, msg); }

static int image(OPJ_UINT32 w, OPJ_UINT32 h)
{
    opj_image_cmptparm_t cp;
    memset(&cp, 0, sizeof cp);
    cp.dx = 1; cp.dy = 1; cp.w = w; cp.h = h; cp.prec = 8;
    opj_image_t *img = opj_image_create(1, &cp, OPJ_CLRSPC_GRAY);
    if (!img) {
        printf("opj_image_create(%ux%u) failed\n", w, h);
        return 1;
    }
    opj_image_destroy(img);
    printf("image %ux%u created\n", w, h);
    return 0;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";

    if (!strcmp(what, "missing")) {
        const char *path = "/tmp/errtrail-libopenjp2-missing/none.j2k";
        opj_stream_t *s = opj_stream_create_default_file_stream(path, OPJ_TRUE);
        if (!s) {
            printf("cannot open %s\n", path);
            return 1;
        }
        opj_stream_destroy(s);
        return 0;
    }
    if (!strcmp(what, "jpt")) {
        opj_codec_t *c = opj_create_decompress(OPJ_CODEC_JPT);
        if (!c) {
            printf("opj_create_decompress(OPJ_CODEC_JPT) failed\n");
            return 1;
        }
        opj_destroy_codec(c);
        return 0;
    }
    if (!strcmp(what, "image")) {
        OPJ_UINT32 w = argc > 2 ? (OPJ_UINT32)strtoul(argv[2], NULL, 0) : 8;
        OPJ_UINT32 h = argc > 3 ? (OPJ_UINT32)strtoul(argv[3], NULL, 0) : 8;
        return image(w, h);
    }
    if (!strcmp(what, "option")) {
        const char *opts[] = { argc > 2 ? argv[2] : "PLT=YES", NULL };
        opj_codec_t *c = opj_create_compress(OPJ_CODEC_J2K);
        opj_set_error_handler(c, on_msg, "error");
        int rc = 0;
        if (!opj_encoder_set_extra_options(c, opts)) {
            printf("opj_encoder_set_extra_options(%s) failed\n", opts[0]);
            rc = 1;
        }
        opj_destroy_codec(c);
        return rc;
    }
    fprintf(stderr, "unknown scenario %s\n", what);
    return 2;
}
