/* libsixel: sixel_helper_load_image_file() on files a user might hand it.
 * usage: load missing|dir|pnm-empty|pnm-wide|pnm-zero|garbage|noalloc|url
 * Files live under /tmp/errtrail-libsixel-load-*. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sixel.h>

static SIXELSTATUS on_frame(sixel_frame_t *frame, void *data)
{
    (void)frame;
    (void)data;
    return SIXEL_OK;
}

static const char *put(const char *name, const char *body, size_t len)
{
    static char path[256];
    FILE *f;

    snprintf(path, sizeof path, "/tmp/errtrail-libsixel-load-%s", name);
    f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return NULL;
    }
    fwrite(body, 1, len, f);
    fclose(f);
    return path;
}

int main(int argc, char **argv)
{
    sixel_allocator_t *allocator = NULL;
    const char *path = NULL;
    const char *what = argc > 1 ? argv[1] : "missing";
    int use_allocator = 1;
    SIXELSTATUS status;

    if (strcmp(what, "missing") == 0) {
        path = "/tmp/errtrail-libsixel-load-missing.ppm";
        unlink(path);
    } else if (strcmp(what, "dir") == 0) {
        path = "/tmp/errtrail-libsixel-load-dir";
        if (mkdir(path, 0755) != 0 && errno != EEXIST) {
            perror(path);
            return 2;
        }
    } else if (strcmp(what, "pnm-empty") == 0) {
        path = put("empty.ppm", "P6\n", 3);        /* magic only, no size line */
    } else if (strcmp(what, "pnm-wide") == 0) {
        path = put("wide.ppm", "P6\n70000 1\n255\n", 15);   /* width over 65536 */
    } else if (strcmp(what, "pnm-zero") == 0) {
        path = put("zero.ppm", "P6\n0 0\n255\n\0\0\0", 14); /* 0x0 image, 3 data bytes */
    } else if (strcmp(what, "garbage") == 0) {
        path = put("garbage.img", "hello, world\n", 13);    /* no known format */
    } else if (strcmp(what, "noalloc") == 0) {
        path = put("ok.ppm", "P6\n1 1\n255\n\377\0\0", 14);
        use_allocator = 0;                                  /* "may be NULL", says sixel.h */
    } else if (strcmp(what, "url") == 0) {
        path = "http://example.invalid/image.png";          /* built without libcurl */
    } else {
        fprintf(stderr, "unknown scenario %s\n", what);
        return 2;
    }
    if (path == NULL)
        return 2;

    if (use_allocator) {
        status = sixel_allocator_new(&allocator, NULL, NULL, NULL, NULL);
        if (SIXEL_FAILED(status)) {
            fprintf(stderr, "sixel_allocator_new: %s\n", sixel_helper_format_error(status));
            return 2;
        }
    }

    status = sixel_helper_load_image_file(path, 1, 0, SIXEL_PALETTE_MAX, NULL,
                                          SIXEL_LOOP_AUTO, on_frame, 0, NULL, NULL,
                                          allocator);
    printf("sixel_helper_load_image_file(%s) = 0x%04x: %s (%s)\n", path, (unsigned)status,
           sixel_helper_format_error(status), sixel_helper_get_additional_message());
    sixel_allocator_unref(allocator);
    return SIXEL_FAILED(status) ? 1 : 0;
}
