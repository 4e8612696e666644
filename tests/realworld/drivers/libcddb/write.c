/* libcddb submission / connection-settings driver: no network (the
 * connection is cache-only and every scenario fails before it would connect).
 *
 *   write email          cddb_write() with the default anonymous@localhost address
 *   write ascii-title    cddb_write(), character set "ASCII", disc title "\xe9t\xe9"
 *   write ascii-artist   cddb_write(), character set "ASCII", disc artist "\xe9..."
 *   write ascii-track    cddb_write(), character set "ASCII", track 0 title "\xe9..."
 *   write ascii-tartist  cddb_write(), character set "ASCII", track 0 artist "\xe9..."
 *   write charset NAME   cddb_set_charset(NAME)
 *   write site           cddb_set_site() with cddb_first_site() before any cddb_sites()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cddb/cddb.h>

static cddb_disc_t *full_disc(const char *artist, const char *title,
                              const char *tartist, const char *ttitle)
{
    cddb_disc_t *disc = cddb_disc_new();
    cddb_track_t *t = cddb_track_new();

    cddb_track_set_frame_offset(t, 150);
    cddb_track_set_title(t, ttitle);
    if (tartist)
        cddb_track_set_artist(t, tartist);
    cddb_disc_add_track(disc, t);
    cddb_disc_set_length(disc, 200);
    cddb_disc_set_category(disc, CDDB_CAT_ROCK);
    cddb_disc_set_artist(disc, artist);
    cddb_disc_set_title(disc, title);
    cddb_disc_calc_discid(disc);
    return disc;
}

static int ascii_write(cddb_conn_t *c, cddb_disc_t *disc)
{
    if (!cddb_set_email_address(c, "errtrail@example.org"))
        return 2;
    if (!cddb_set_charset(c, "ASCII")) {
        fprintf(stderr, "cddb_set_charset: %s\n", cddb_error_str(cddb_errno(c)));
        exit(2);
    }
    return cddb_write(c, disc);
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    cddb_conn_t *c;
    cddb_disc_t *disc = NULL;
    int rv;

    setenv("HOME", "/tmp", 0);
    c = cddb_new();
    if (!c)
        return 2;
    cddb_cache_set_dir(c, "/tmp/errtrail-libcddb-write");
    cddb_cache_only(c);

    if (strcmp(what, "email") == 0) {
        disc = full_disc("Artist", "Album", NULL, "One");
        rv = cddb_write(c, disc);
    } else if (strcmp(what, "ascii-title") == 0) {
        disc = full_disc("Artist", "\xe9t\xe9", NULL, "One");
        rv = ascii_write(c, disc);
    } else if (strcmp(what, "ascii-artist") == 0) {
        disc = full_disc("\xe9mile", "Album", NULL, "One");
        rv = ascii_write(c, disc);
    } else if (strcmp(what, "ascii-track") == 0) {
        disc = full_disc("Artist", "Album", NULL, "\xe9t\xe9");
        rv = ascii_write(c, disc);
    } else if (strcmp(what, "ascii-tartist") == 0) {
        disc = full_disc("Artist", "Album", "\xe9mile", "One");
        rv = ascii_write(c, disc);
    } else if (strcmp(what, "charset") == 0 && argc > 2) {
        rv = cddb_set_charset(c, argv[2]);
    } else if (strcmp(what, "site") == 0) {
        rv = cddb_set_site(c, cddb_first_site(c));
    } else {
        fprintf(stderr, "usage: write email|ascii-title|ascii-artist|ascii-track|"
                "ascii-tartist|charset NAME|site\n");
        return 2;
    }
    printf("%s: rv=%d errno=%d (%s)\n", what, rv, cddb_errno(c),
           cddb_error_str(cddb_errno(c)));
    if (disc)
        cddb_disc_destroy(disc);
    cddb_destroy(c);
    return 0;
}
