/* libdvdread's dvd_reader.c and dvd_udf.c with bad input: argv[1] selects the scenario.
 *   colon           DVDOpen2() on a missing path with a ':' (taken for a host:port URL)
 *   null            DVDOpen2() with a NULL path
 *   titlevobs0      DVDOpenFile(title 0, DVD_READ_TITLE_VOBS): title 0 has no title VOBs
 *   ifo-missing     DVDOpenFile(title 1, DVD_READ_INFO_FILE): no VTS_01_0.IFO in the tree
 *   domain          DVDOpenFile() with a domain outside dvd_read_domain_t
 *   stat-titlevobs0 DVDFileStat(title 0, DVD_READ_TITLE_VOBS)
 *   stat-menu       DVDFileStat(title 1, DVD_READ_MENU_VOBS): no VTS_01_0.VOB in the tree
 *   udfinfo-dir     DVDUDFVolumeInfo() on a directory tree (no block device)
 *   image           DVDOpenFile(title 0, DVD_READ_INFO_FILE) on a 32 KiB image of zeros
 * Trees and images live under /tmp/errtrail-libdvdread-reader-*. */
#include "common.h"

#include <dvdread/dvd_udf.h>

int main(int argc, char **argv)
{
    const char *root = "/tmp/errtrail-libdvdread-reader-tree";
    dvd_reader_t *dvd;
    dvd_file_t *file;
    dvd_stat_t st;

    if (argc < 2) {
        fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
        return 2;
    }
    const char *what = argv[1];

    if (!strcmp(what, "colon")) {
        clean_tree("/tmp/errtrail-libdvdread-reader-none");
        dvd = DVDOpen2(NULL, &logcb, "/tmp/errtrail-libdvdread-reader-none/dvd:1");
        printf("DVDOpen2: %p\n", (void *)dvd);
        return dvd == NULL;
    }
    if (!strcmp(what, "null")) {
        dvd = DVDOpen2(NULL, &logcb, NULL);
        printf("DVDOpen2(NULL): %p\n", (void *)dvd);
        return dvd == NULL;
    }
    if (!strcmp(what, "image")) {
        const char *dir = "/tmp/errtrail-libdvdread-reader-image";
        char path[512];
        unsigned char zeros[2048] = {0};
        FILE *f;
        int i;
        clean_tree(dir);
        if (mkdir(dir, 0755) != 0) { perror(dir); return 2; }
        snprintf(path, sizeof path, "%s/disc.iso", dir);
        f = fopen(path, "wb");
        for (i = 0; f && i < 16; i++)
            fwrite(zeros, 1, sizeof zeros, f);
        if (!f || fclose(f) != 0) { perror(path); return 2; }
        dvd = DVDOpen2(NULL, &logcb, path);
        if (!dvd) { fprintf(stderr, "DVDOpen2 %s failed\n", path); return 2; }
        file = DVDOpenFile(dvd, 0, DVD_READ_INFO_FILE);
        printf("DVDOpenFile(image): %p\n", (void *)file);
        if (file) DVDCloseFile(file);
        DVDClose(dvd);
        return file == NULL;
    }

    /* The rest work on a directory tree with VIDEO_TS/VIDEO_TS.IFO only. */
    make_tree(root);
    write_file(root, "VIDEO_TS.IFO", "DVDVIDEO-VMG", 2048);
    dvd = DVDOpen2(NULL, &logcb, root);
    if (!dvd) { fprintf(stderr, "DVDOpen2 %s failed\n", root); return 2; }

    int rc = 0;
    if (!strcmp(what, "titlevobs0")) {
        file = DVDOpenFile(dvd, 0, DVD_READ_TITLE_VOBS);
        printf("DVDOpenFile(0, TITLE_VOBS): %p\n", (void *)file);
        rc = file == NULL;
    } else if (!strcmp(what, "ifo-missing")) {
        file = DVDOpenFile(dvd, 1, DVD_READ_INFO_FILE);
        printf("DVDOpenFile(1, INFO_FILE): %p\n", (void *)file);
        rc = file == NULL;
    } else if (!strcmp(what, "domain")) {
        file = DVDOpenFile(dvd, 1, (dvd_read_domain_t)9);
        printf("DVDOpenFile(1, 9): %p\n", (void *)file);
        rc = file == NULL;
    } else if (!strcmp(what, "stat-titlevobs0")) {
        int r = DVDFileStat(dvd, 0, DVD_READ_TITLE_VOBS, &st);
        printf("DVDFileStat(0, TITLE_VOBS): %d\n", r);
        rc = r < 0;
    } else if (!strcmp(what, "stat-menu")) {
        int r = DVDFileStat(dvd, 1, DVD_READ_MENU_VOBS, &st);
        printf("DVDFileStat(1, MENU_VOBS): %d\n", r);
        rc = r < 0;
    } else if (!strcmp(what, "udfinfo-dir")) {
        char volid[33];
        unsigned char volsetid[128];
        int r = DVDUDFVolumeInfo(dvd, volid, sizeof volid, volsetid, sizeof volsetid);
        printf("DVDUDFVolumeInfo: %d\n", r);
        rc = r < 0;
    } else {
        fprintf(stderr, "unknown scenario %s\n", what);
        rc = 2;
    }
    DVDClose(dvd);
    return rc;
}
