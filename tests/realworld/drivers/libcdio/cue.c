/* libcdio driver: CUE sheets (bincue image driver).
   Writes /tmp/errtrail-libcdio-cue-<pid>/disc.cue from a keyword and opens it:
   cue is    KIND   cdio_is_cuefile(disc.cue)
   cue open  KIND   cdio_open_cue(disc.cue)
   KIND: track100  "TRACK 100 AUDIO"            (track number out of range)
         keyword   "FOO bar" after a track      (unrecognized keyword)
         nobin     a valid sheet whose disc.bin was never written */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cdio/cdio.h>

static const char *sheet(const char *kind)
{
    if (!strcmp(kind, "track100"))
        return "FILE \"disc.bin\" BINARY\nTRACK 100 AUDIO\nINDEX 01 00:00:00\n";
    if (!strcmp(kind, "keyword"))
        return "FILE \"disc.bin\" BINARY\nTRACK 01 AUDIO\nFOO bar\nINDEX 01 00:00:00\n";
    if (!strcmp(kind, "nobin"))
        return "FILE \"disc.bin\" BINARY\nTRACK 01 MODE1/2352\nINDEX 01 00:00:00\n";
    return NULL;
}

int main(int argc, char **argv)
{
    char dir[64], path[96];
    const char *text;
    FILE *f;

    if (argc != 3 || (text = sheet(argv[2])) == NULL) {
        fprintf(stderr, "usage: %s is|open track100|keyword|nobin\n", argv[0]);
        return 2;
    }
    snprintf(dir, sizeof dir, "/tmp/errtrail-libcdio-cue-%ld", (long)getpid());
    mkdir(dir, 0700);
    snprintf(path, sizeof path, "%s/disc.cue", dir);
    f = fopen(path, "w");
    if (!f) { perror(path); return 2; }
    fputs(text, f);
    fclose(f);

    int failed;
    if (!strcmp(argv[1], "is")) {
        char *bin = cdio_is_cuefile(path);
        printf("cdio_is_cuefile(%s) = %s\n", path, bin ? bin : "NULL");
        failed = bin == NULL;
        free(bin);
    } else if (!strcmp(argv[1], "open")) {
        CdIo_t *cd = cdio_open_cue(path);
        printf("cdio_open_cue(%s) = %p\n", path, (void *)cd);
        failed = cd == NULL;
        if (cd) cdio_destroy(cd);
    } else {
        fprintf(stderr, "unknown mode %s\n", argv[1]);
        failed = 2;
    }
    unlink(path);
    rmdir(dir);
    return failed;
}
