/* Menu button calls with a NAV packet's PCI the driver fills in: highlight
 * information present (hli_ss 1), two buttons, NAV pack at sector 100.
 * `select N` (dvdnav_button_select on the small disc of common.h),
 * `highlight N` (dvdnav_get_highlight_area, no disc needed). */
#include "common.h"
#include <dvdread/nav_types.h>

int main(int argc, char **argv)
{
    pci_t pci;
    int ok;

    if (argc != 3) {
        fprintf(stderr, "usage: %s select N | highlight N\n", argv[0]);
        return 2;
    }
    memset(&pci, 0, sizeof pci);
    pci.pci_gi.nv_pck_lbn = 100;
    pci.hli.hl_gi.hli_ss = 1;
    pci.hli.hl_gi.btn_ns = 2;
    pci.hli.btnit[0].x_start = 10;  pci.hli.btnit[0].x_end = 100;
    pci.hli.btnit[0].y_start = 10;  pci.hli.btnit[0].y_end = 50;
    pci.hli.btnit[1].x_start = 10;  pci.hli.btnit[1].x_end = 100;
    pci.hli.btnit[1].y_start = 60;  pci.hli.btnit[1].y_end = 100;

    if (strcmp(argv[1], "select") == 0) {
        dvdnav_t *nav = open_disc("/tmp/errtrail-libdvdnav-menu");
        ok = dvdnav_button_select(nav, &pci, atoi(argv[2])) == DVDNAV_STATUS_OK;
        printf("dvdnav_button_select(%s): %s\n", argv[2], ok ? "ok" : dvdnav_err_to_string(nav));
        dvdnav_close(nav);
    } else if (strcmp(argv[1], "highlight") == 0) {
        dvdnav_highlight_area_t area;
        ok = dvdnav_get_highlight_area(&pci, atoi(argv[2]), 0, &area) == DVDNAV_STATUS_OK;
        printf("dvdnav_get_highlight_area(%s): %s\n", argv[2], ok ? "ok" : "error");
    } else {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }
    return ok ? 0 : 1;
}
