/* Shared helpers for the libdvdnav drivers: a small DVD-Video directory tree
 * (ROOT/VIDEO_TS/VIDEO_TS.IFO) written afresh under /tmp/errtrail-libdvdnav-*.
 *
 * The VMG IFO is three 2048-byte sectors: the VMGI_MAT in sector 0, an empty
 * first-play PGC (no programs, no cells, no commands) at byte 0x400, and in
 * sector 1 a title search pointer table with one title (title set 1, VTS
 * title 1, one part, one angle). There is no menu PGCI unit table, no VTS
 * attribute table and no VTS_01_0.IFO: the disc opens, but every title lives
 * in a title set that is missing. */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dvdread/ifo_types.h>
#include <dvdnav/dvdnav.h>

#define SECTOR 2048

enum disc_kind {
    DISC_OK,        /* the disc described above */
    DISC_MAGIC,     /* VMGI_MAT identifier "DVDVIDEO-VTS" instead of "-VMG" */
    DISC_NOTTSRPT,  /* tt_srpt sector 0 (the mandatory title table missing) */
};

static void clean_tree(const char *root)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "cleaning %s failed\n", root);
}

static void write_disc(const char *root, enum disc_kind kind)
{
    unsigned char img[3 * SECTOR];
    vmgi_mat_t mat;
    tt_srpt_t srpt;
    title_info_t title;
    char path[512];
    FILE *f;

    clean_tree(root);
    if (mkdir(root, 0755) != 0) { perror(root); exit(2); }
    snprintf(path, sizeof path, "%s/VIDEO_TS", root);
    if (mkdir(path, 0755) != 0) { perror(path); exit(2); }

    memset(img, 0, sizeof img);
    memset(&mat, 0, sizeof mat);
    memcpy(mat.vmg_identifier, kind == DISC_MAGIC ? "DVDVIDEO-VTS" : "DVDVIDEO-VMG", 12);
    mat.vmg_last_sector = htonl(5);
    mat.vmgi_last_sector = htonl(1);
    mat.specification_version = 0x11;
    mat.vmg_nr_of_volumes = htons(1);
    mat.vmg_this_volume_nr = htons(1);
    mat.disc_side = 1;
    mat.vmg_nr_of_title_sets = htons(1);
    mat.vmgi_last_byte = htonl(2 * SECTOR - 1);
    mat.first_play_pgc = htonl(0x400);
    mat.tt_srpt = htonl(kind == DISC_NOTTSRPT ? 0 : 1);
    memcpy(img, &mat, sizeof mat);
    /* first-play PGC at 0x400: PGC_SIZE zero bytes, already there */

    memset(&srpt, 0, sizeof srpt);
    srpt.nr_of_srpts = htons(1);
    srpt.last_byte = htonl(TT_SRPT_SIZE + sizeof title - 1);
    memcpy(img + SECTOR, &srpt, TT_SRPT_SIZE);
    memset(&title, 0, sizeof title);
    title.nr_of_angles = 1;
    title.nr_of_ptts = htons(1);
    title.title_set_nr = 1;
    title.vts_ttn = 1;
    memcpy(img + SECTOR + TT_SRPT_SIZE, &title, sizeof title);

    snprintf(path, sizeof path, "%s/VIDEO_TS/VIDEO_TS.IFO", root);
    f = fopen(path, "wb");
    if (!f || fwrite(img, 1, sizeof img, f) != sizeof img || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

/* dvdnav_open() of a disc written afresh (exits if it does not open). */
static dvdnav_t *open_disc(const char *root)
{
    dvdnav_t *nav = NULL;
    write_disc(root, DISC_OK);
    if (dvdnav_open(&nav, root) != DVDNAV_STATUS_OK) {
        fprintf(stderr, "dvdnav_open(%s) failed\n", root);
        exit(2);
    }
    return nav;
}
