/* libopenjp2 decoder driver: writes a small JPEG 2000 codestream (.j2k) or JP2 file
 * chosen by argv[1] to /tmp/errtrail-libopenjp2-<scenario>, then reads its header
 * with opj_read_header() (and, for "reduce N", asks for resolution factor N). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openjpeg.h>

static unsigned char buf[512];
static size_t len;

static void put(const unsigned char *p, size_t n) { memcpy(buf + len, p, n); len += n; }
static void u8(unsigned v) { buf[len++] = (unsigned char)v; }
static void u16(unsigned v) { u8(v >> 8); u8(v & 0xff); }
static void u32(unsigned v) { u16(v >> 16); u16(v & 0xffff); }

static void soc(void) { u16(0xff4f); }
/* SIZ for one 8-bit component: image xsiz x 8, one 8x8 tile, sub-sampling xr x 1 */
static void siz(unsigned xsiz, unsigned xr)
{
    u16(0xff51); u16(41); u16(0);
    u32(xsiz); u32(8); u32(0); u32(0);    /* Xsiz Ysiz X0siz Y0siz */
    u32(8); u32(8); u32(0); u32(0);       /* XTsiz YTsiz XT0siz YT0siz */
    u16(1); u8(7); u8(xr); u8(1);          /* Csiz, Ssiz XRsiz YRsiz */
}
/* COD: 1 layer, 1 decomposition level (2 resolutions), 64x64 code-blocks, 5/3 */
static void cod(void)
{
    u16(0xff52); u16(12); u8(0); u8(0); u16(1); u8(0);
    u8(1); u8(4); u8(4); u8(0); u8(1);
}
/* QCD: no quantisation, 2 guard bits, 4 sub-bands */
static void qcd(void) { u16(0xff5c); u16(7); u8(0x40); u8(0x48); u8(0x48); u8(0x48); u8(0x50); }
static void sot(void) { u16(0xff90); u16(10); u16(0); u32(0); u8(0); u8(1); u16(0xffd9); }

static void jp2_head(unsigned magic, unsigned width)
{
    u32(12); put((const unsigned char *)"jP  ", 4); u32(magic);
    u32(20); put((const unsigned char *)"ftypjp2 ", 8); u32(0); put((const unsigned char *)"jp2 ", 4);
    u32(30); put((const unsigned char *)"jp2h", 4);
    u32(22); put((const unsigned char *)"ihdr", 4);
    u32(8); u32(width); u16(1); u8(7); u8(7); u8(0); u8(0);  /* H W NC BPC C UnkC IPR */
    u32(0); put((const unsigned char *)"jp2c", 4);           /* codestream to the end */
}

static void on_msg(const char *msg, void *data) { fprintf(stderr, "%s: %s", (const char *)data, msg); }

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "valid";
    OPJ_CODEC_FORMAT fmt = OPJ_CODEC_J2K;
    char path[256];

    if (!strcmp(what, "nosoc")) {              /* starts with SIZ, no SOC */
        siz(8, 1); cod(); qcd(); sot();
    } else if (!strcmp(what, "codfirst")) {    /* COD where SIZ must be */
        soc(); cod(); siz(8, 1); qcd(); sot();
    } else if (!strcmp(what, "nocod")) {       /* main header without COD */
        soc(); siz(8, 1); qcd(); sot();
    } else if (!strcmp(what, "sizempty")) {    /* Xsiz 0: zero image width */
        soc(); siz(0, 1); cod(); qcd(); sot();
    } else if (!strcmp(what, "sizdx")) {       /* XRsiz 0 */
        soc(); siz(8, 0); cod(); qcd(); sot();
    } else if (!strcmp(what, "valid") || !strcmp(what, "reduce")) {
        soc(); siz(8, 1); cod(); qcd(); sot();
    } else if (!strcmp(what, "jp2magic")) {    /* signature box with a bad magic number */
        fmt = OPJ_CODEC_JP2; jp2_head(0x0d0a870b, 8); soc(); siz(8, 1); cod(); qcd(); sot();
    } else if (!strcmp(what, "jp2ihdr")) {     /* ihdr with width 0 */
        fmt = OPJ_CODEC_JP2; jp2_head(0x0d0a870a, 0); soc(); siz(8, 1); cod(); qcd(); sot();
    } else if (!strcmp(what, "jp2nosoc")) {    /* good boxes, codestream without SOC */
        fmt = OPJ_CODEC_JP2; jp2_head(0x0d0a870a, 8); siz(8, 1); cod(); qcd(); sot();
    } else {
        fprintf(stderr, "unknown scenario %s\n", what);
        return 2;
    }

    snprintf(path, sizeof path, "/tmp/errtrail-libopenjp2-%s.%s", what,
             fmt == OPJ_CODEC_JP2 ? "jp2" : "j2k");
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
        perror(path);
        return 2;
    }

    opj_stream_t *stream = opj_stream_create_default_file_stream(path, OPJ_TRUE);
    if (!stream) {
        fprintf(stderr, "cannot open %s\n", path);
        return 2;
    }
    opj_codec_t *codec = opj_create_decompress(fmt);
    opj_set_error_handler(codec, on_msg, "error");
    opj_set_warning_handler(codec, on_msg, "warning");
    opj_dparameters_t params;
    opj_set_default_decoder_parameters(&params);
    opj_setup_decoder(codec, &params);

    opj_image_t *image = NULL;
    int rc = 0;
    if (!opj_read_header(stream, codec, &image)) {
        printf("opj_read_header failed\n");
        rc = 1;
    } else if (!strcmp(what, "reduce")) {
        unsigned factor = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 0;
        if (!opj_set_decoded_resolution_factor(codec, factor)) {
            printf("opj_set_decoded_resolution_factor(%u) failed\n", factor);
            rc = 1;
        } else {
            printf("resolution factor %u set\n", factor);
        }
    } else {
        printf("header read: %ux%u, %u component(s)\n", image->x1 - image->x0,
               image->y1 - image->y0, image->numcomps);
    }
    opj_image_destroy(image);
    opj_destroy_codec(codec);
    opj_stream_destroy(stream);
    return rc;
}
