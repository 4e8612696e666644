/* giflib write side.
 *
 *   egif nocmap                  EGifOpenFileName(/tmp/errtrail-giflib-write.gif),
 *                                EGifPutScreenDesc() and EGifPutImageDesc() without any
 *                                colour map
 *   egif toolong                 a 2x1 image, then EGifPutLine() of 3 pixels
 *   egif full                    EGifOpenFileName("/dev/full"), a screen descriptor,
 *                                EGifCloseFile() (the buffered data is flushed then)
 *   egif gcb HEX                 write HEX to /tmp/errtrail-giflib-gcb.gif, DGifSlurp() it and
 *                                EGifGCBToSavedExtension() a new delay into image 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>

#define OUT "/tmp/errtrail-giflib-write.gif"
#define IN "/tmp/errtrail-giflib-gcb.gif"

static void write_hex(const char *path, const char *hex)
{
    FILE *f = fopen(path, "wb");
    size_t n = strlen(hex);
    if (!f || n % 2) {
        fprintf(stderr, "bad hex or cannot write %s\n", path);
        exit(2);
    }
    for (size_t i = 0; i < n; i += 2) {
        unsigned int b;
        if (sscanf(hex + i, "%2x", &b) != 1)
            exit(2);
        fputc((int)b, f);
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    int err = 0, rc;
    GifFileType *gif;
    GifColorType colors[2] = {{0, 0, 0}, {255, 255, 255}};

    if (argc < 2)
        return 2;
    if (!strcmp(argv[1], "gcb")) {
        GraphicsControlBlock gcb = {DISPOSAL_UNSPECIFIED, false, 10, NO_TRANSPARENT_COLOR};
        if (argc < 3)
            return 2;
        write_hex(IN, argv[2]);
        gif = DGifOpenFileName(IN, &err);
        if (!gif || DGifSlurp(gif) == GIF_ERROR) {
            printf("cannot read %s: %d\n", IN, gif ? gif->Error : err);
            return 2;
        }
        rc = EGifGCBToSavedExtension(&gcb, gif, 0);
        printf("EGifGCBToSavedExtension: %d\n", rc);
        DGifCloseFile(gif, &err);
        return rc == GIF_OK ? 0 : 1;
    }
    gif = EGifOpenFileName(!strcmp(argv[1], "full") ? "/dev/full" : OUT, false, &err);
    if (!gif) {
        printf("EGifOpenFileName: NULL, error %d\n", err);
        return 2;
    }
    if (!strcmp(argv[1], "nocmap")) {
        rc = EGifPutScreenDesc(gif, 1, 1, 8, 0, NULL);
        printf("EGifPutScreenDesc: %d\n", rc);
        rc = EGifPutImageDesc(gif, 0, 0, 1, 1, false, NULL);
        printf("EGifPutImageDesc: %d, error %d: %s\n", rc, gif->Error, GifErrorString(gif->Error));
    } else if (!strcmp(argv[1], "toolong")) {
        ColorMapObject *map = GifMakeMapObject(2, colors);
        GifPixelType line[3] = {0, 1, 0};
        rc = EGifPutScreenDesc(gif, 2, 1, 8, 0, map);
        rc = rc && EGifPutImageDesc(gif, 0, 0, 2, 1, false, NULL);
        printf("descriptors: %d\n", rc);
        rc = EGifPutLine(gif, line, 3);
        printf("EGifPutLine: %d, error %d: %s\n", rc, gif->Error, GifErrorString(gif->Error));
        GifFreeMapObject(map);
    } else if (!strcmp(argv[1], "full")) {
        ColorMapObject *map = GifMakeMapObject(2, colors);
        rc = EGifPutScreenDesc(gif, 1, 1, 8, 0, map);
        printf("EGifPutScreenDesc: %d\n", rc);
        GifFreeMapObject(map);
        rc = EGifCloseFile(gif, &err);
        printf("EGifCloseFile: %d, error %d: %s\n", rc, err, GifErrorString(err));
        return rc == GIF_OK ? 0 : 1;
    } else {
        return 2;
    }
    EGifCloseFile(gif, &err);
    return rc == GIF_OK ? 0 : 1;
}
