/* errtrail real-library corpus: libbluray's BLURAY handle API on a small disc tree the driver
 * writes itself under /tmp/errtrail-libbluray-disc-<pid>/ (BDMV/index.bdmv only; no playlists,
 * clips or movie objects), removed afterwards.
 *
 *   disc INDEX ACTION [ARG...]
 *     INDEX   valid     index.bdmv with first play and top menu unset (HDMV, id_ref 0xffff)
 *                       and one HDMV movie title
 *             notitles  the same with no titles: an empty index
 *             none      no disc tree at all: the path does not exist
 *             init      no disc: bd_init() alone, no bd_open()
 *     ACTION  open                      bd_open() the tree, then bd_close()
 *             readfile PATH             bd_read_file(bd, PATH, ...)
 *             playlist N                bd_select_playlist(bd, N)
 *             plinfo N                  bd_get_playlist_info(bd, N, 0)
 *             setting IDX VALUE         bd_set_player_setting(bd, IDX, VALUE)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libbluray/bluray.h>

static char root[128];

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static void write_index(int titles)
{
    uint8_t b[128];
    char path[192];
    size_t n;
    FILE *f;

    memset(b, 0, sizeof(b));
    memcpy(b, "INDX0200", 8);
    put32(b + 8, 78);                /* index_start */
    put32(b + 12, 0);                /* extension_data_start */
    put32(b + 40, 34);               /* AppInfoBDMV length; 34 zero bytes follow */
    put32(b + 78, 26 + 12 * titles); /* index length */
    /* first play, top menu: object type HDMV (1), movie, id_ref 0xffff */
    b[82] = 0x40; b[88] = 0xff; b[89] = 0xff;
    b[94] = 0x40; b[100] = 0xff; b[101] = 0xff;
    b[106] = 0; b[107] = titles;     /* number of titles */
    if (titles)
        b[108] = 0x40;               /* title 1: HDMV movie, id_ref 0 */
    n = 108 + 12 * titles;

    snprintf(path, sizeof(path), "%s/BDMV", root);
    mkdir(root, 0755);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/BDMV/index.bdmv", root);
    f = fopen(path, "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static void cleanup(void)
{
    char path[192];
    snprintf(path, sizeof(path), "%s/BDMV/index.bdmv", root);
    unlink(path);
    snprintf(path, sizeof(path), "%s/BDMV", root);
    rmdir(path);
    rmdir(root);
}

int main(int argc, char **argv)
{
    BLURAY *bd;
    const char *act;
    int rc = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: %s valid|notitles|none|init ACTION [ARG...]\n", argv[0]);
        return 2;
    }
    snprintf(root, sizeof(root), "/tmp/errtrail-libbluray-disc-%d", (int)getpid());
    act = argv[2];

    if (!strcmp(argv[1], "init")) {
        bd = bd_init();
    } else {
        if (!strcmp(argv[1], "valid"))
            write_index(1);
        else if (!strcmp(argv[1], "notitles"))
            write_index(0);
        else if (strcmp(argv[1], "none") != 0) {
            fprintf(stderr, "unknown index %s\n", argv[1]);
            return 2;
        }
        bd = bd_open(root, NULL);
        printf("bd_open(%s): %p\n", root, (void *)bd);
    }
    if (!bd) {
        cleanup();
        return 1;
    }

    if (!strcmp(act, "open")) {
        /* nothing more */
    } else if (!strcmp(act, "readfile") && argc == 4) {
        void *data = NULL;
        int64_t size = -1;
        rc = bd_read_file(bd, argv[3], &data, &size);
        printf("bd_read_file(%s): %d, size %lld\n", argv[3], rc, (long long)size);
        free(data);
    } else if (!strcmp(act, "playlist") && argc == 4) {
        rc = bd_select_playlist(bd, strtoul(argv[3], NULL, 0));
        printf("bd_select_playlist: %d\n", rc);
    } else if (!strcmp(act, "plinfo") && argc == 4) {
        BLURAY_TITLE_INFO *ti = bd_get_playlist_info(bd, strtoul(argv[3], NULL, 0), 0);
        printf("bd_get_playlist_info: %p\n", (void *)ti);
        rc = ti != NULL;
        bd_free_title_info(ti);
    } else if (!strcmp(act, "setting") && argc == 5) {
        rc = bd_set_player_setting(bd, strtoul(argv[3], NULL, 0), strtoul(argv[4], NULL, 0));
        printf("bd_set_player_setting: %d\n", rc);
    } else {
        fprintf(stderr, "bad action\n");
        rc = -1;
    }
    bd_close(bd);
    cleanup();
    return rc == 1 ? 0 : 1;
}
