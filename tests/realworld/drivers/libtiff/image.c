/* libtiff driver: calls on a TIFF that opened. argv[1] selects the scenario.
 *   setdir N      TIFFSetDirectory(N) on a one-directory file
 *   setdir-next N TIFFSetDirectory(N) on a file whose first IFD links to an
 *                 offset past the end of the file
 *   orientation V TIFFSetField(ORIENTATION, V) on a file opened for writing
 *   fieldtag T    TIFFFieldWithTag(T)
 *   tiled         TIFFReadScanline() of a tiled image
 *   strip N       TIFFReadEncodedStrip(N) of a one-strip image
 *   truncated     TIFFReadScanline(row 0) of an image opened "rm" (not mapped)
 *                 whose only strip lies past the end of the file
 *   float         TIFFRGBAImageBegin() of a 32-bit IEEE floating-point image
 * Files are written afresh under /tmp/errtrail-libtiff-image/. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>

#define DIR "/tmp/errtrail-libtiff-image"

struct entry { uint16_t tag, type; uint32_t count, value; };

static void put16(unsigned char *p, uint16_t v) { p[0] = v & 0xff; p[1] = v >> 8; }
static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xffff);
    put16(p + 2, v >> 16);
}

/* A little-endian classic TIFF: header, one IFD at offset 8 with the given
 * entries (values inline; a StripOffsets or TileOffsets value of 0 is replaced
 * by the offset of the pixel data that follows the IFD), the next-IFD offset,
 * then npix bytes of pixels. */
static void write_tiff(const char *path, struct entry *e, int n, uint32_t next, int npix)
{
    unsigned char buf[1024];
    size_t len = 0;
    uint32_t data = 8 + 2 + 12 * n + 4;
    memcpy(buf, "II*\0", 4);
    put32(buf + 4, 8);
    len = 8;
    put16(buf + len, n);
    len += 2;
    for (int i = 0; i < n; i++) {
        uint32_t v = e[i].value;
        if ((e[i].tag == TIFFTAG_STRIPOFFSETS || e[i].tag == TIFFTAG_TILEOFFSETS) && v == 0)
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
    for (int i = 0; i < npix && len < sizeof buf; i++)
        buf[len++] = (unsigned char)(i * 16);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static TIFF *open_or_die(const char *path, const char *mode)
{
    TIFF *tif = TIFFOpen(path, mode);
    if (!tif) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    return tif;
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
    unsigned char row[4096];
    TIFF *tif;

    if (argc < 2) {
        fprintf(stderr, "usage: %s SCENARIO [ARG]\n", argv[0]);
        return 2;
    }
    mkdir(DIR, 0755);
    const char *s = argv[1];
    long arg = argc > 2 ? strtol(argv[2], NULL, 0) : 0;
    if (!strcmp(s, "setdir")) {
        write_tiff(path, e, n, 0, 8);
        tif = open_or_die(path, "r");
        printf("TIFFSetDirectory(%ld) = %d\n", arg, TIFFSetDirectory(tif, (tdir_t)arg));
    } else if (!strcmp(s, "setdir-next")) {
        write_tiff(path, e, n, 0x10000, 8);  /* next IFD at 64 KiB: past the end */
        tif = open_or_die(path, "r");
        printf("TIFFSetDirectory(%ld) = %d\n", arg, TIFFSetDirectory(tif, (tdir_t)arg));
    } else if (!strcmp(s, "orientation")) {
        tif = open_or_die(DIR "/out.tif", "w");
        printf("TIFFSetField(ORIENTATION, %ld) = %d\n", arg,
               TIFFSetField(tif, TIFFTAG_ORIENTATION, (int)arg));
    } else if (!strcmp(s, "fieldtag")) {
        write_tiff(path, e, n, 0, 8);
        tif = open_or_die(path, "r");
        const TIFFField *f = TIFFFieldWithTag(tif, (uint32_t)arg);
        printf("TIFFFieldWithTag(%ld) = %s\n", arg, f ? TIFFFieldName(f) : "NULL");
    } else if (!strcmp(s, "tiled")) {
        /* 16x16 8-bit grey, one uncompressed 16x16 tile of 256 bytes */
        struct entry t[] = {
            {TIFFTAG_IMAGEWIDTH, TIFF_LONG, 1, 16},
            {TIFFTAG_IMAGELENGTH, TIFF_LONG, 1, 16},
            {TIFFTAG_BITSPERSAMPLE, TIFF_SHORT, 1, 8},
            {TIFFTAG_COMPRESSION, TIFF_SHORT, 1, COMPRESSION_NONE},
            {TIFFTAG_PHOTOMETRIC, TIFF_SHORT, 1, PHOTOMETRIC_MINISBLACK},
            {TIFFTAG_SAMPLESPERPIXEL, TIFF_SHORT, 1, 1},
            {TIFFTAG_TILEWIDTH, TIFF_LONG, 1, 16},
            {TIFFTAG_TILELENGTH, TIFF_LONG, 1, 16},
            {TIFFTAG_TILEOFFSETS, TIFF_LONG, 1, 0},
            {TIFFTAG_TILEBYTECOUNTS, TIFF_LONG, 1, 256},
        };
        write_tiff(path, t, sizeof t / sizeof t[0], 0, 256);
        tif = open_or_die(path, "r");
        printf("TIFFReadScanline(0) = %d\n", TIFFReadScanline(tif, row, 0, 0));
    } else if (!strcmp(s, "strip")) {
        write_tiff(path, e, n, 0, 8);
        tif = open_or_die(path, "r");
        printf("TIFFReadEncodedStrip(%ld) = %ld\n", arg,
               (long)TIFFReadEncodedStrip(tif, (uint32_t)arg, row, sizeof row));
    } else if (!strcmp(s, "truncated")) {
        e[5].value = 0x1000;                 /* the strip at 4 KiB, the file is 130 bytes */
        write_tiff(path, e, n, 0, 8);
        tif = open_or_die(path, "rm");
        printf("TIFFReadScanline(0) = %d\n", TIFFReadScanline(tif, row, 0, 0));
    } else if (!strcmp(s, "float")) {
        struct entry f[] = {
            {TIFFTAG_IMAGEWIDTH, TIFF_LONG, 1, 2},
            {TIFFTAG_IMAGELENGTH, TIFF_LONG, 1, 1},
            {TIFFTAG_BITSPERSAMPLE, TIFF_SHORT, 1, 32},
            {TIFFTAG_COMPRESSION, TIFF_SHORT, 1, COMPRESSION_NONE},
            {TIFFTAG_PHOTOMETRIC, TIFF_SHORT, 1, PHOTOMETRIC_MINISBLACK},
            {TIFFTAG_STRIPOFFSETS, TIFF_LONG, 1, 0},
            {TIFFTAG_SAMPLESPERPIXEL, TIFF_SHORT, 1, 1},
            {TIFFTAG_ROWSPERSTRIP, TIFF_LONG, 1, 1},
            {TIFFTAG_STRIPBYTECOUNTS, TIFF_LONG, 1, 8},
            {TIFFTAG_SAMPLEFORMAT, TIFF_SHORT, 1, SAMPLEFORMAT_IEEEFP},
        };
        write_tiff(path, f, sizeof f / sizeof f[0], 0, 8);
        tif = open_or_die(path, "r");
        TIFFRGBAImage img;
        char emsg[1024] = "";
        int ok = TIFFRGBAImageBegin(&img, tif, 0, emsg);
        printf("TIFFRGBAImageBegin = %d (%s)\n", ok, emsg);
        if (ok)
            TIFFRGBAImageEnd(&img);
    } else {
        fprintf(stderr, "unknown scenario %s\n", s);
        return 2;
    }
    TIFFClose(tif);
    return 0;
}
