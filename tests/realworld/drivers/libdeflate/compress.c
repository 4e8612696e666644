/* errtrail real-library corpus: libdeflate compression and allocation with bad arguments.
 *
 * usage: compress MODE
 *   zlib-outbuf       libdeflate_zlib_compress() of a 210-byte text at level 6 into 12 bytes
 *   gzip-outbuf       libdeflate_gzip_compress() of the text at level 6 into 24 bytes
 *   raw-stored        libdeflate_deflate_compress() at level 0 (stored) of 40 bytes into 20
 *   raw-nospace       libdeflate_deflate_compress() at level 1 of 300 incompressible bytes
 *                     into 100 (less than libdeflate_deflate_compress_bound())
 *   level13           libdeflate_alloc_compressor(13)
 *   compressor-nomem  libdeflate_alloc_compressor(12) with an allocator capped at 64 KiB
 *   decompressor-nomem libdeflate_alloc_decompressor() with an allocator capped at 1 KiB
 *
 * The capped allocator (installed with libdeflate_set_memory_allocator()) returns
 * NULL for any request above its cap, as a memory-limited application's would.
 * Nothing is written to disk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

static const char text[] =
    "errtrail traces one function statement by statement and ranks the lines "
    "that may have produced its error value; errtrail traces one function "
    "statement by statement and ranks the lines that may have produced it.";

static size_t cap;

static void *capped_malloc(size_t size)
{
    if (size > cap)
        return NULL;
    return malloc(size);
}

static struct libdeflate_compressor *compressor(int level)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);

    if (c == NULL) {
        fprintf(stderr, "alloc_compressor(%d) failed\n", level);
        exit(2);
    }
    return c;
}

int main(int argc, char **argv)
{
    unsigned char out[512], noise[300];
    struct libdeflate_compressor *c;
    const char *mode;
    size_t n;
    unsigned int x = 12345;
    int i;

    if (argc != 2) {
        fprintf(stderr, "usage: %s MODE\n", argv[0]);
        return 2;
    }
    mode = argv[1];

    if (strcmp(mode, "zlib-outbuf") == 0) {
        c = compressor(6);
        n = libdeflate_zlib_compress(c, text, sizeof(text) - 1, out, 12);
        printf("%s: %zu bytes\n", mode, n);
        libdeflate_free_compressor(c);
    } else if (strcmp(mode, "gzip-outbuf") == 0) {
        c = compressor(6);
        n = libdeflate_gzip_compress(c, text, sizeof(text) - 1, out, 24);
        printf("%s: %zu bytes\n", mode, n);
        libdeflate_free_compressor(c);
    } else if (strcmp(mode, "raw-stored") == 0) {
        c = compressor(0);
        n = libdeflate_deflate_compress(c, text, 40, out, 20);
        printf("%s: %zu bytes\n", mode, n);
        libdeflate_free_compressor(c);
    } else if (strcmp(mode, "raw-nospace") == 0) {
        for (i = 0; i < (int)sizeof(noise); i++) {
            x = x * 1103515245u + 12345u;
            noise[i] = (unsigned char)(x >> 16);
        }
        c = compressor(1);
        n = libdeflate_deflate_compress(c, noise, sizeof(noise), out, 100);
        printf("%s: %zu bytes (bound %zu)\n", mode, n,
               libdeflate_deflate_compress_bound(c, sizeof(noise)));
        libdeflate_free_compressor(c);
    } else if (strcmp(mode, "level13") == 0) {
        c = libdeflate_alloc_compressor(13);
        printf("%s: %p\n", mode, (void *)c);
        libdeflate_free_compressor(c);
    } else if (strcmp(mode, "compressor-nomem") == 0) {
        cap = 64 * 1024;
        libdeflate_set_memory_allocator(capped_malloc, free);
        c = libdeflate_alloc_compressor(12);
        printf("%s: %p\n", mode, (void *)c);
        libdeflate_free_compressor(c);
    } else if (strcmp(mode, "decompressor-nomem") == 0) {
        struct libdeflate_decompressor *d;

        cap = 1024;
        libdeflate_set_memory_allocator(capped_malloc, free);
        d = libdeflate_alloc_decompressor();
        printf("%s: %p\n", mode, (void *)d);
        libdeflate_free_decompressor(d);
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    return 0;
}
