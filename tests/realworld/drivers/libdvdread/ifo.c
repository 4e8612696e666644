/* libdvdread's ifo_read.c with bad input: argv[1] selects the scenario.
 *   vmg-ident   ifoOpenVMGI() on a tree whose VIDEO_TS.IFO starts "DVDVIDEO-VTS" (a title
 *               set's IFO under the VMG's name) and that has no VIDEO_TS.BUP
 *   open-vts    ifoOpen(title 1) on a tree with no VTS_01_0.IFO nor VTS_01_0.BUP
 *   vtsi-title  ifoOpenVTSI(title 100): titles are 1 to 99
 * Trees live under /tmp/errtrail-libdvdread-ifo-*. */
#include "common.h"

#include <dvdread/ifo_read.h>

int main(int argc, char **argv)
{
    char root[256];
    dvd_reader_t *dvd;
    ifo_handle_t *ifo;

    if (argc < 2) {
        fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
        return 2;
    }
    const char *what = argv[1];
    snprintf(root, sizeof root, "/tmp/errtrail-libdvdread-ifo-%s", what);
    make_tree(root);

    if (!strcmp(what, "vmg-ident")) {
        write_file(root, "VIDEO_TS.IFO", "DVDVIDEO-VTS", 2048);
    } else if (!strcmp(what, "open-vts") || !strcmp(what, "vtsi-title")) {
        write_file(root, "VIDEO_TS.IFO", "DVDVIDEO-VMG", 2048);
    } else {
        fprintf(stderr, "unknown scenario %s\n", what);
        return 2;
    }

    dvd = DVDOpen2(NULL, &logcb, root);
    if (!dvd) { fprintf(stderr, "DVDOpen2 %s failed\n", root); return 2; }

    if (!strcmp(what, "vmg-ident"))
        ifo = ifoOpenVMGI(dvd);
    else if (!strcmp(what, "open-vts"))
        ifo = ifoOpen(dvd, 1);
    else
        ifo = ifoOpenVTSI(dvd, 100);
    printf("%s: %p\n", what, (void *)ifo);
    if (ifo) ifoClose(ifo);
    DVDClose(dvd);
    return ifo == NULL;
}
