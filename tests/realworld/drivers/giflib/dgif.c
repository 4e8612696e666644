/* giflib read side: DGifOpenFileName, DGifOpenFileHandle, DGifSlurp and what they call.
 *
 *   dgif missing                 DGifOpenFileName() of a file that does not exist
 *   dgif open HEX                write HEX to /tmp/errtrail-giflib-read.gif, DGifOpenFileName()
 *   dgif handle HEX              the same file opened with open(), DGifOpenFileHandle(fd)
 *   dgif slurp HEX               DGifOpenFileName(), DGifSlurp(); on failure print
 *                                GifErrorString(gif->Error)
 *   dgif gcb HEX                 DGifOpenFileName(), DGifSlurp(), DGifSavedExtensionToGCB(0)
 *
 * The GIF files are given in hex and written afresh by the driver.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gif_lib.h>

#define PATH "/tmp/errtrail-giflib-read.gif"
#define MISSING "/tmp/errtrail-giflib-missing/none.gif"

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
        if (sscanf(hex + i, "%2x", &b) != 1) {
            fprintf(stderr, "bad hex at %zu\n", i);
            exit(2);
        }
        fputc((int)b, f);
    }
    fclose(f);
}

static const char *errstr(int code)
{
    const char *s = GifErrorString(code);
    return s ? s : "(no message)";
}

int main(int argc, char **argv)
{
    int err = 0;
    GifFileType *gif;

    if (argc < 2)
        return 2;
    if (!strcmp(argv[1], "missing")) {
        gif = DGifOpenFileName(MISSING, &err);
        printf("DGifOpenFileName: %p, error %d\n", (void *)gif, err);
        return gif ? 0 : 1;
    }
    if (argc < 3)
        return 2;
    write_hex(PATH, argv[2]);
    if (!strcmp(argv[1], "handle")) {
        int fd = open(PATH, O_RDONLY);
        if (fd < 0) {
            perror("open");
            return 2;
        }
        gif = DGifOpenFileHandle(fd, &err);
        printf("DGifOpenFileHandle: %p, error %d\n", (void *)gif, err);
        if (!gif)
            return 1;
        DGifCloseFile(gif, &err);
        return 0;
    }
    gif = DGifOpenFileName(PATH, &err);
    printf("DGifOpenFileName: %p, error %d\n", (void *)gif, err);
    if (!gif)
        return 1;
    if (!strcmp(argv[1], "open")) {
        DGifCloseFile(gif, &err);
        return 0;
    }
    if (DGifSlurp(gif) == GIF_ERROR) {
        printf("DGifSlurp: GIF_ERROR, error %d: %s\n", gif->Error, errstr(gif->Error));
        DGifCloseFile(gif, &err);
        return 1;
    }
    printf("DGifSlurp: %d image(s), %dx%d\n", gif->ImageCount, gif->SWidth, gif->SHeight);
    if (!strcmp(argv[1], "gcb")) {
        GraphicsControlBlock gcb;
        int rc = DGifSavedExtensionToGCB(gif, 0, &gcb);
        printf("DGifSavedExtensionToGCB: %d\n", rc);
        DGifCloseFile(gif, &err);
        return rc == GIF_OK ? 0 : 1;
    }
    DGifCloseFile(gif, &err);
    return 0;
}
