/* libsixel: decoding sixel data, built-in palettes and the allocator's limits.
 * usage: decode repeat|overflow   (sixel_decode_raw on a small DCS string)
 *        dither N                 (sixel_dither_get(N))
 *        malloc-huge | calloc-zero */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sixel.h>

int main(int argc, char **argv)
{
    sixel_allocator_t *allocator = NULL;
    const char *what = argc > 1 ? argv[1] : "repeat";
    SIXELSTATUS status;

    status = sixel_allocator_new(&allocator, NULL, NULL, NULL, NULL);
    if (SIXEL_FAILED(status)) {
        fprintf(stderr, "sixel_allocator_new: %s\n", sixel_helper_format_error(status));
        return 2;
    }

    if (strcmp(what, "repeat") == 0 || strcmp(what, "overflow") == 0) {
        /* DECGRI: '!' count, then one sixel character */
        const char *data = strcmp(what, "repeat") == 0 ? "\033Pq!70000?\033\\"
                                                       : "\033Pq!99999999999?\033\\";
        unsigned char *pixels = NULL, *palette = NULL;
        int width = 0, height = 0, ncolors = 0;

        status = sixel_decode_raw((unsigned char *)data, (int)strlen(data), &pixels, &width,
                                  &height, &palette, &ncolors, allocator);
        printf("sixel_decode_raw = 0x%04x: %s (%s)\n", (unsigned)status,
               sixel_helper_format_error(status), sixel_helper_get_additional_message());
        if (SIXEL_SUCCEEDED(status)) {
            sixel_allocator_free(allocator, pixels);
            sixel_allocator_free(allocator, palette);
        }
    } else if (strcmp(what, "dither") == 0) {
        int builtin = argc > 2 ? atoi(argv[2]) : 99;
        sixel_dither_t *dither = sixel_dither_get(builtin);

        printf("sixel_dither_get(%d) = %p\n", builtin, (void *)dither);
        status = dither ? SIXEL_OK : SIXEL_BAD_ARGUMENT;
        if (dither)
            sixel_dither_unref(dither);
    } else if (strcmp(what, "malloc-huge") == 0) {
        size_t n = (size_t)2 << 30;     /* 2 GiB, over SIXEL_ALLOCATE_BYTES_MAX */
        void *p = sixel_allocator_malloc(allocator, n);

        printf("sixel_allocator_malloc(%zu) = %p\n", n, p);
        status = p ? SIXEL_OK : SIXEL_BAD_ALLOCATION;
        sixel_allocator_free(allocator, p);
    } else if (strcmp(what, "calloc-zero") == 0) {
        int count = argc > 2 ? atoi(argv[2]) : 0;   /* e.g. a palette of 0 entries */
        void *p = sixel_allocator_calloc(allocator, (size_t)count, 3);

        printf("sixel_allocator_calloc(%d, 3) = %p (%s)\n", count, p,
               sixel_helper_get_additional_message());
        status = p ? SIXEL_OK : SIXEL_BAD_ALLOCATION;
        sixel_allocator_free(allocator, p);
    } else {
        fprintf(stderr, "unknown scenario %s\n", what);
        return 2;
    }
    sixel_allocator_unref(allocator);
    return SIXEL_FAILED(status) ? 1 : 0;
}
