/* dvdnav_open() of a disc directory: `open missing` (no such directory),
 * `open magic` (VIDEO_TS.IFO is not a VMG IFO), `open nottsrpt` (no title
 * table), `open ok` (the small disc of common.h). */
#include "common.h"

int main(int argc, char **argv)
{
    char root[256];
    dvdnav_t *nav = NULL;
    dvdnav_status_t st;

    if (argc != 3 || strcmp(argv[1], "open") != 0) {
        fprintf(stderr, "usage: %s open missing|magic|nottsrpt|ok\n", argv[0]);
        return 2;
    }
    snprintf(root, sizeof root, "/tmp/errtrail-libdvdnav-open-%s", argv[2]);
    if (strcmp(argv[2], "missing") == 0)
        clean_tree(root);
    else if (strcmp(argv[2], "magic") == 0)
        write_disc(root, DISC_MAGIC);
    else if (strcmp(argv[2], "nottsrpt") == 0)
        write_disc(root, DISC_NOTTSRPT);
    else if (strcmp(argv[2], "ok") == 0)
        write_disc(root, DISC_OK);
    else {
        fprintf(stderr, "unknown scenario %s\n", argv[2]);
        return 2;
    }

    st = dvdnav_open(&nav, root);
    printf("dvdnav_open(%s) = %d\n", root, (int)st);
    if (st == DVDNAV_STATUS_OK)
        dvdnav_close(nav);
    return st == DVDNAV_STATUS_OK ? 0 : 1;
}
