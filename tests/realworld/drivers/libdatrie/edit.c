/* Build and save tries with bad arguments.
 *
 * argv[1]:
 *   reversed  alpha_map_add_range(map, 'z', 'a'): begin after end
 *   absent    trie_store_if_absent() of a key "abc" stored just before
 *   nodir     trie_save() to /tmp/errtrail-libdatrie-nodir/sub/x.tri (no such directory)
 *   rdonly    trie_fwrite() to /tmp/errtrail-libdatrie-rdonly.tri opened with "rb"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <datrie/trie.h>

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "reversed";
    AlphaMap *map;
    Trie *trie;
    AlphaChar key[] = { 'a', 'b', 'c', 0 };
    int rc;

    map = alpha_map_new();
    if (!map) return 2;
    if (!strcmp(what, "reversed")) {
        rc = alpha_map_add_range(map, 'z', 'a');
        printf("alpha_map_add_range('z', 'a') = %d\n", rc);
        alpha_map_free(map);
        return rc ? 1 : 0;
    }
    if (alpha_map_add_range(map, 'a', 'z') != 0) return 2;
    trie = trie_new(map);
    alpha_map_free(map);
    if (!trie) return 2;
    if (!trie_store(trie, key, 1)) return 2;

    if (!strcmp(what, "absent")) {
        rc = trie_store_if_absent(trie, key, 2);
        printf("trie_store_if_absent(abc) = %d\n", rc);
        rc = !rc;
    } else if (!strcmp(what, "nodir")) {
        rc = trie_save(trie, "/tmp/errtrail-libdatrie-nodir/sub/x.tri");
        printf("trie_save = %d\n", rc);
    } else if (!strcmp(what, "rdonly")) {
        const char *path = "/tmp/errtrail-libdatrie-rdonly.tri";
        FILE *f = fopen(path, "wb");
        if (!f) { perror("fopen wb"); return 2; }
        fclose(f);
        f = fopen(path, "rb");
        if (!f) { perror("fopen rb"); return 2; }
        rc = trie_fwrite(trie, f);
        printf("trie_fwrite(read-only stream) = %d\n", rc);
        fclose(f);
    } else {
        fprintf(stderr, "unknown scenario %s\n", what);
        return 2;
    }
    trie_free(trie);
    return rc ? 1 : 0;
}
