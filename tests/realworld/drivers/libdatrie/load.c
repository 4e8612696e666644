/* Load a trie file with trie_new_from_file() after damaging it.
 *
 * The driver builds a small trie (alphabet 'a'..'z', the one key "abc"), saves it with
 * trie_save() to /tmp/errtrail-libdatrie-load.tri, then rewrites the file as the scenario
 * says and loads it back.  File layout (all big-endian int32 unless said):
 *   alpha map: signature 0xD9FCD9FC, number of ranges, (begin, end) per range  (16 bytes here)
 *   double array: cell 0 = (signature 0xDAFCDAFC, number of cells), cells 1.. (base, check)
 *   tail: signature 0xDFFCDFFC, first free, number of blocks, then per block
 *         next free, data, int16 length, suffix bytes
 *
 * argv[1]:
 *   missing     load /tmp/errtrail-libdatrie-missing/none.tri (the directory does not exist)
 *   alphasig    first byte of the alpha map signature changed
 *   alphashort  file cut after the alpha map's range count (8 bytes)
 *   dasig       first byte of the double array signature changed
 *   dancells    double array cell count set to 0xFFFFFFFF (-1)
 *   dashort     file cut after double array cell 1 (16 + 8 + 8 bytes)
 *   tailsig     first byte of the tail signature changed
 *   tailsuffix  last byte of the file (of the only tail block's suffix) cut off
 *   taillength  the only tail block's suffix length set to 0xFFFE (-2)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <datrie/trie.h>

#define PATH "/tmp/errtrail-libdatrie-load.tri"

static unsigned char buf[4096];

static long read_file(void)
{
    FILE *f = fopen(PATH, "rb");
    long n;
    if (!f) { perror("fopen"); exit(2); }
    n = (long)fread(buf, 1, sizeof buf, f);
    fclose(f);
    return n;
}

static void write_file(long n)
{
    FILE *f = fopen(PATH, "wb");
    if (!f || fwrite(buf, 1, (size_t)n, f) != (size_t)n) { perror("write"); exit(2); }
    fclose(f);
}

static unsigned be32(const unsigned char *p)
{
    return ((unsigned)p[0] << 24) | ((unsigned)p[1] << 16) | ((unsigned)p[2] << 8) | p[3];
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "alphasig";
    const char *path = PATH;
    AlphaMap *map;
    Trie *trie;
    AlphaChar key[] = { 'a', 'b', 'c', 0 };
    long n, da_off = 16, tail_off;

    map = alpha_map_new();
    if (!map || alpha_map_add_range(map, 'a', 'z') != 0) { fprintf(stderr, "map\n"); return 2; }
    trie = trie_new(map);
    alpha_map_free(map);
    if (!trie || !trie_store(trie, key, 7)) { fprintf(stderr, "store\n"); return 2; }
    if (trie_save(trie, PATH) != 0) { fprintf(stderr, "save\n"); return 2; }
    trie_free(trie);

    n = read_file();
    tail_off = da_off + 8 * (long)be32(buf + da_off + 4);
    printf("file %ld bytes, double array at %ld, tail at %ld\n", n, da_off, tail_off);

    if (!strcmp(what, "missing")) {
        path = "/tmp/errtrail-libdatrie-missing/none.tri";
    } else if (!strcmp(what, "alphasig")) {
        buf[0] ^= 0xff;
    } else if (!strcmp(what, "alphashort")) {
        n = 8;
    } else if (!strcmp(what, "dasig")) {
        buf[da_off] ^= 0xff;
    } else if (!strcmp(what, "dancells")) {
        memset(buf + da_off + 4, 0xff, 4);
    } else if (!strcmp(what, "dashort")) {
        n = da_off + 8 + 8;
    } else if (!strcmp(what, "tailsig")) {
        buf[tail_off] ^= 0xff;
    } else if (!strcmp(what, "tailsuffix")) {
        n -= 1;
    } else if (!strcmp(what, "taillength")) {
        buf[tail_off + 20] = 0xff;
        buf[tail_off + 21] = 0xfe;
    } else {
        fprintf(stderr, "unknown scenario %s\n", what);
        return 2;
    }
    write_file(n);

    trie = trie_new_from_file(path);
    printf("trie_new_from_file(%s) = %p\n", path, (void *)trie);
    if (trie)
        trie_free(trie);
    return trie ? 0 : 1;
}
