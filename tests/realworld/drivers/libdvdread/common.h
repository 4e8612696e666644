/* Shared helpers for the libdvdread drivers: a logger that writes to stderr and
 * small DVD-Video directory trees / images written afresh under /tmp. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dvdread/dvd_reader.h>

static void log_stderr(void *priv, dvd_logger_level_t level, const char *fmt, va_list args)
{
    (void)priv;
    fprintf(stderr, "libdvdread[%d]: ", (int)level);
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
}

static const dvd_logger_cb logcb = { log_stderr };

/* rm -rf of the few files a driver writes (no recursion beyond VIDEO_TS/). */
static void clean_tree(const char *root)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "cleaning %s failed\n", root);
}

/* root/VIDEO_TS/ made afresh, empty. */
static void make_tree(const char *root)
{
    char path[512];
    clean_tree(root);
    if (mkdir(root, 0755) != 0) { perror(root); exit(2); }
    snprintf(path, sizeof path, "%s/VIDEO_TS", root);
    if (mkdir(path, 0755) != 0) { perror(path); exit(2); }
}

/* root/VIDEO_TS/name with size bytes: ident (if any) at offset 0, zeros after. */
static void write_file(const char *root, const char *name, const char *ident, size_t size)
{
    char path[512];
    unsigned char *buf = calloc(1, size ? size : 1);
    FILE *f;
    snprintf(path, sizeof path, "%s/VIDEO_TS/%s", root, name);
    if (ident)
        memcpy(buf, ident, strlen(ident) < size ? strlen(ident) : size);
    f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, size, f) != size || fclose(f) != 0) { perror(path); exit(2); }
    free(buf);
}
