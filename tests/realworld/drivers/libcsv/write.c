/* libcsv writer scenarios for errtrail's real-library corpus.
 *
 *   write write-null                csv_write() of a NULL field
 *   write write2-null               csv_write2() of a NULL field, quote '\''
 *   write fwrite-ro TEXT            csv_fwrite() to a stream opened for reading only
 *   write fwrite-full BUF TEXT      csv_fwrite() to /dev/full through a BUF-byte stdio buffer
 *   write fwrite2-ro Q TEXT         csv_fwrite2() with quote Q, read-only stream
 *   write fwrite2-full BUF Q TEXT   csv_fwrite2() with quote Q to /dev/full, BUF-byte buffer
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>

static char iobuf[4096];

static FILE *open_readonly(void)
{
    const char *path = "/tmp/errtrail-libcsv-out.csv";
    FILE *fp = fopen(path, "w");
    if (fp == NULL) {
        perror(path);
        exit(2);
    }
    fclose(fp);
    fp = fopen(path, "r"); /* the bug: opened for reading, then written */
    if (fp == NULL) {
        perror(path);
        exit(2);
    }
    return fp;
}

static FILE *open_full(const char *bufsize)
{
    FILE *fp = fopen("/dev/full", "w");
    size_t n = strtoul(bufsize, NULL, 0);
    if (fp == NULL) {
        perror("/dev/full");
        exit(2);
    }
    if (n > sizeof(iobuf))
        n = sizeof(iobuf);
    setvbuf(fp, iobuf, _IOFBF, n);
    return fp;
}

int main(int argc, char **argv)
{
    char out[64];
    const char *field = NULL; /* a missing value */
    FILE *fp;
    int r;

    if (argc < 2) {
        fprintf(stderr, "usage: write SCENARIO ...\n");
        return 2;
    }
    if (strcmp(argv[1], "write-null") == 0) {
        size_t n = csv_write(out, sizeof(out), field, 5);
        printf("csv_write: %zu\n", n);
        return n == 0;
    } else if (strcmp(argv[1], "write2-null") == 0) {
        size_t n = csv_write2(out, sizeof(out), field, 5, '\'');
        printf("csv_write2: %zu\n", n);
        return n == 0;
    } else if (strcmp(argv[1], "fwrite-ro") == 0 && argc == 3) {
        fp = open_readonly();
        r = csv_fwrite(fp, argv[2], strlen(argv[2]));
    } else if (strcmp(argv[1], "fwrite-full") == 0 && argc == 4) {
        fp = open_full(argv[2]);
        r = csv_fwrite(fp, argv[3], strlen(argv[3]));
    } else if (strcmp(argv[1], "fwrite2-ro") == 0 && argc == 4) {
        fp = open_readonly();
        r = csv_fwrite2(fp, argv[3], strlen(argv[3]), (unsigned char)argv[2][0]);
    } else if (strcmp(argv[1], "fwrite2-full") == 0 && argc == 5) {
        fp = open_full(argv[2]);
        r = csv_fwrite2(fp, argv[4], strlen(argv[4]), (unsigned char)argv[3][0]);
    } else {
        fprintf(stderr, "write: bad scenario\n");
        return 2;
    }
    printf("csv_fwrite: %d\n", r);
    fclose(fp);
    return r != 0;
}
