/* Playback calls on the small disc of common.h (one title, whose title set
 * VTS_01_0.IFO is missing): `play TITLE PART` (dvdnav_part_play), `chapters
 * TITLE` (dvdnav_describe_title_chapters), `angle N` (dvdnav_angle_change),
 * `position` (dvdnav_get_position before playback started). */
#include "common.h"

int main(int argc, char **argv)
{
    dvdnav_t *nav;
    int ok;

    if (argc < 2) {
        fprintf(stderr, "usage: %s play T P | chapters T | angle N | position\n", argv[0]);
        return 2;
    }
    nav = open_disc("/tmp/errtrail-libdvdnav-play");
    if (strcmp(argv[1], "play") == 0 && argc == 4) {
        ok = dvdnav_part_play(nav, atoi(argv[2]), atoi(argv[3])) == DVDNAV_STATUS_OK;
        printf("dvdnav_part_play(%s, %s): %s\n", argv[2], argv[3],
               ok ? "ok" : dvdnav_err_to_string(nav));
    } else if (strcmp(argv[1], "chapters") == 0 && argc == 3) {
        uint64_t *times = NULL, duration = 0;
        uint32_t n = dvdnav_describe_title_chapters(nav, atoi(argv[2]), &times, &duration);
        ok = n != 0;
        printf("dvdnav_describe_title_chapters(%s) = %u: %s\n", argv[2], n,
               ok ? "ok" : dvdnav_err_to_string(nav));
        free(times);
    } else if (strcmp(argv[1], "angle") == 0 && argc == 3) {
        ok = dvdnav_angle_change(nav, atoi(argv[2])) == DVDNAV_STATUS_OK;
        printf("dvdnav_angle_change(%s): %s\n", argv[2], ok ? "ok" : dvdnav_err_to_string(nav));
    } else if (strcmp(argv[1], "position") == 0 && argc == 2) {
        uint32_t pos = 0, len = 0;
        ok = dvdnav_get_position(nav, &pos, &len) == DVDNAV_STATUS_OK;
        printf("dvdnav_get_position: %s\n", ok ? "ok" : dvdnav_err_to_string(nav));
    } else {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }
    dvdnav_close(nav);
    return ok ? 0 : 1;
}
