/* libtiff driver: opening files. argv[1] selects the scenario.
 *   missing   TIFFOpen() of a file that does not exist
 *   badmode   TIFFOpen() with mode "x" (neither r, w nor a)
 *   text      TIFFOpen() of a text file (bad magic number)
 *   png       TIFFOpen() of a file that starts with the PNG signature
 *   nolength  TIFFOpen() of a TIFF whose first IFD has no ImageLength
 *   nooffsets TIFFOpen() of a TIFF whose first IFD has no StripOffsets
 *   palette   TIFFOpen() of a 4-bit palette TIFF without a Colormap
 *   widthtype TIFFOpen() of a TIFF whose ImageWidth entry has type ASCII
 * Files are written afresh under /tmp/errtrail-libtiff-open/. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>

#define DIR "/tmp/errtrail-libtiff-open"

struct entry { uint16_t tag, type; uint32_t count, value; };

static void put16(unsigned char *p, uint16_t v) { p[0] = v & 0xff; p[1] = v >> 8; }
static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xffff);
    put16(p + 2, v >> 16);
}

/* A little-endian classic TIFF: header, one IFD at offset 8 with the given
 * entries (values inline; a StripOffsets value of 0 is replaced by the offset
 * of the pixel data that follows the IFD), next-IFD offset, 8 bytes of pixels. */
static void write_tiff(const char *path, struct entry *e, int n, uint32_t next)
{
    unsigned char buf[512];
    size_t len = 0;
    uint32_t data = 8 + 2 + 12 * n + 4;
    memcpy(buf, "II*\0", 4);
    put32(buf + 4, 8);
    len = 8;
    put16(buf + len, n);
    len += 2;
    for (int i = 0; i < n; i++) {
        uint32_t v = e[i].value;
        if (e[i].tag == TIFFTAG_STRIPOFFSETS && v == 0)
            v = data;
        put16(buf + len, e[i].tag);
        put16(buf + len + 2, e[i].type);
        put32(buf + len + 4, e[i].count);
        if (e[i].type == TIFF_SHORT && e[i].count == 1) {
            put16(buf + len + 8, v);
            put16(buf + len + 10, 0);
        } else
            put32(buf + len + 8, v);
        len += 12;
    }
    put32(buf + len, next);
    len += 4;
    for (int i = 0; i < 8; i++)
        buf[len++] = (unsigned char)(i * 16);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static void write_bytes(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static int drop(struct entry *e, int n, uint16_t tag)
{
    int j = 0;
    for (int i = 0; i < n; i++)
        if (e[i].tag != tag)
            e[j++] = e[i];
    return j;
}

static void report(const char *what, TIFF *tif)
{
    printf("%s: %s\n", what, tif ? "opened" : "NULL");
    if (tif)
        TIFFClose(tif);
}

int main(int argc, char **argv)
{
    /* 4x2 8-bit grey, one uncompressed strip of 8 bytes */
    struct entry e[] = {
        {TIFFTAG_IMAGEWIDTH, TIFF_LONG, 1, 4},
        {TIFFTAG_IMAGELENGTH, TIFF_LONG, 1, 2},
        {TIFFTAG_BITSPERSAMPLE, TIFF_SHORT, 1, 8},
        {TIFFTAG_COMPRESSION, TIFF_SHORT, 1, COMPRESSION_NONE},
        {TIFFTAG_PHOTOMETRIC, TIFF_SHORT, 1, PHOTOMETRIC_MINISBLACK},
        {TIFFTAG_STRIPOFFSETS, TIFF_LONG, 1, 0},
        {TIFFTAG_SAMPLESPERPIXEL, TIFF_SHORT, 1, 1},
        {TIFFTAG_ROWSPERSTRIP, TIFF_LONG, 1, 2},
        {TIFFTAG_STRIPBYTECOUNTS, TIFF_LONG, 1, 8},
    };
    int n = sizeof e / sizeof e[0];
    const char *path = DIR "/image.tif";

    if (argc < 2) {
        fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
        return 2;
    }
    mkdir(DIR, 0755);
    const char *s = argv[1];
    if (!strcmp(s, "missing")) {
        remove(DIR "/missing.tif");
        report(s, TIFFOpen(DIR "/missing.tif", "r"));
    } else if (!strcmp(s, "badmode")) {
        write_tiff(path, e, n, 0);
        report(s, TIFFOpen(path, "x"));
    } else if (!strcmp(s, "text")) {
        static const char text[] = "hello, this is not a TIFF file\n";
        write_bytes(DIR "/text.tif", text, sizeof text - 1);
        report(s, TIFFOpen(DIR "/text.tif", "r"));
    } else if (!strcmp(s, "png")) {
        static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                            0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        write_bytes(DIR "/png.tif", png, sizeof png);
        report(s, TIFFOpen(DIR "/png.tif", "r"));
    } else if (!strcmp(s, "nolength")) {
        n = drop(e, n, TIFFTAG_IMAGELENGTH);
        write_tiff(path, e, n, 0);
        report(s, TIFFOpen(path, "r"));
    } else if (!strcmp(s, "nooffsets")) {
        n = drop(e, n, TIFFTAG_STRIPOFFSETS);
        write_tiff(path, e, n, 0);
        report(s, TIFFOpen(path, "r"));
    } else if (!strcmp(s, "palette")) {
        e[2].value = 4;                     /* BitsPerSample 4 */
        e[4].value = PHOTOMETRIC_PALETTE;   /* and no Colormap */
        e[8].value = 4;                     /* 2 rows of 2 bytes */
        write_tiff(path, e, n, 0);
        report(s, TIFFOpen(path, "r"));
    } else if (!strcmp(s, "widthtype")) {
        e[0].type = TIFF_ASCII;             /* ImageWidth as ASCII "4" (count 1) */
        e[0].value = '4';
        write_tiff(path, e, n, 0);
        report(s, TIFFOpen(path, "r"));
    } else {
        fprintf(stderr, "unknown scenario %s\n", s);
        return 2;
    }
    return 0;
}
