/* libcddb local-cache driver: cddb_read()/cddb_query() against a cache
 * directory under /tmp/errtrail-libcddb-*, never the network.
 *
 *   cache nocat      cddb_read() of a disc with an ID but no category
 *   cache missing    cddb_read(), cache only, no cached entry for the disc
 *   cache badtrack   cddb_read() of a cached entry naming TTITLE5 of a 1-track disc
 *   cache utf8       cddb_read() of a cached entry whose title has no ASCII form,
 *                    with the connection's character set "ASCII"
 *   cache notracks   cddb_query() of a disc with no tracks
 *   cache offset     cddb_query() of a disc whose second track has no frame offset
 *   cache qmiss      cddb_query(), cache only, no cached entry for the disc
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cddb/cddb.h>

static void put_entry(const char *dir, const char *id, const char *text)
{
    char path[256];
    FILE *f;

    mkdir(dir, 0755);
    snprintf(path, sizeof(path), "%s/rock", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/rock/%s", dir, id);
    f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

static cddb_disc_t *disc_with_tracks(int ntracks, int length)
{
    cddb_disc_t *disc = cddb_disc_new();
    int i;

    for (i = 0; i < ntracks; i++) {
        cddb_track_t *t = cddb_track_new();
        if (i == 0)
            cddb_track_set_frame_offset(t, 150);
        cddb_disc_add_track(disc, t);
    }
    cddb_disc_set_length(disc, length);
    return disc;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    cddb_conn_t *c;
    cddb_disc_t *disc;
    int rv;

    setenv("HOME", "/tmp", 0);
    c = cddb_new();
    if (!c)
        return 2;

    if (strcmp(what, "nocat") == 0) {
        cddb_cache_set_dir(c, "/tmp/errtrail-libcddb-nocat");
        cddb_cache_only(c);
        disc = cddb_disc_new();
        cddb_disc_set_discid(disc, 0x01020304);
        rv = cddb_read(c, disc);
    } else if (strcmp(what, "missing") == 0) {
        cddb_cache_set_dir(c, "/tmp/errtrail-libcddb-missing");
        unlink("/tmp/errtrail-libcddb-missing/rock/0badf00d");
        cddb_cache_only(c);
        disc = cddb_disc_new();
        cddb_disc_set_discid(disc, 0x0badf00d);
        cddb_disc_set_category(disc, CDDB_CAT_ROCK);
        rv = cddb_read(c, disc);
    } else if (strcmp(what, "badtrack") == 0) {
        put_entry("/tmp/errtrail-libcddb-badtrack", "01020304",
                  "# Track frame offsets:\n"
                  "#150\n"
                  "# Disc length: 100\n"
                  "# Revision: 1\n"
                  "DTITLE=Artist / Album\n"
                  "TTITLE0=One\n"
                  "TTITLE5=Six\n");
        cddb_cache_set_dir(c, "/tmp/errtrail-libcddb-badtrack");
        cddb_cache_only(c);
        disc = cddb_disc_new();
        cddb_disc_set_discid(disc, 0x01020304);
        cddb_disc_set_category(disc, CDDB_CAT_ROCK);
        rv = cddb_read(c, disc);
    } else if (strcmp(what, "utf8") == 0) {
        put_entry("/tmp/errtrail-libcddb-utf8", "02030405",
                  "# Track frame offsets:\n"
                  "#150\n"
                  "# Disc length: 100\n"
                  "# Revision: 1\n"
                  "DTITLE=Artist / \xc3\xa9t\xc3\xa9\n"
                  "TTITLE0=One\n");
        if (!cddb_set_charset(c, "ASCII")) {
            fprintf(stderr, "cddb_set_charset: %s\n", cddb_error_str(cddb_errno(c)));
            return 2;
        }
        cddb_cache_set_dir(c, "/tmp/errtrail-libcddb-utf8");
        cddb_cache_only(c);
        disc = cddb_disc_new();
        cddb_disc_set_discid(disc, 0x02030405);
        cddb_disc_set_category(disc, CDDB_CAT_ROCK);
        rv = cddb_read(c, disc);
    } else if (strcmp(what, "notracks") == 0) {
        cddb_cache_set_dir(c, "/tmp/errtrail-libcddb-notracks");
        cddb_cache_only(c);
        disc = cddb_disc_new();
        cddb_disc_set_length(disc, 200);
        rv = cddb_query(c, disc);
    } else if (strcmp(what, "offset") == 0) {
        cddb_cache_set_dir(c, "/tmp/errtrail-libcddb-offset");
        disc = disc_with_tracks(2, 200);
        rv = cddb_query(c, disc);
    } else if (strcmp(what, "qmiss") == 0) {
        cddb_cache_set_dir(c, "/tmp/errtrail-libcddb-qmiss");
        cddb_cache_only(c);
        disc = disc_with_tracks(1, 200);
        rv = cddb_query(c, disc);
    } else {
        fprintf(stderr, "usage: cache nocat|missing|badtrack|utf8|notracks|offset|qmiss\n");
        return 2;
    }
    printf("%s: rv=%d errno=%d (%s)\n", what, rv, cddb_errno(c),
           cddb_error_str(cddb_errno(c)));
    cddb_disc_destroy(disc);
    cddb_destroy(c);
    return 0;
}
