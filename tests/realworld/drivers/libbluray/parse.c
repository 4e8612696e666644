/* errtrail real-library corpus: libbluray's file readers (bd_read_mobj(), bd_read_mpls())
 * on small malformed BD-ROM navigation files the driver writes itself.
 *
 *   parse KIND CONTENT
 *     KIND     mobj | mpls
 *     CONTENT  empty     a file of 0 bytes
 *              short     the 4-byte signature and "02" (6 bytes)
 *              sig       signature with its last letter wrong ("MOBX"/"MPLX"), version 0200
 *              version   right signature, unsupported version "0400"
 *              datalen   (mobj) good header, data_len 1000 in a 50-byte file
 *              cmds      (mobj) good header, one object claiming 2 commands, none present
 *              trunc     (mpls) good header "MPLS0200" and 4 bytes more, no list/mark positions
 *
 * The file is /tmp/errtrail-libbluray-<pid>.bin, removed afterwards.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libbluray/bluray.h>

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static size_t make(const char *kind, const char *what, uint8_t *buf)
{
    int mobj = !strcmp(kind, "mobj");
    const char *sig = mobj ? "MOBJ" : "MPLS";
    memset(buf, 0, 256);
    if (!strcmp(what, "empty"))
        return 0;
    memcpy(buf, sig, 4);
    memcpy(buf + 4, "0200", 4);
    if (!strcmp(what, "short"))
        return 6;
    if (!strcmp(what, "sig")) {
        buf[3] = 'X';
        return 48;
    }
    if (!strcmp(what, "version")) {
        memcpy(buf + 4, "0400", 4);
        return 48;
    }
    if (!strcmp(what, "trunc"))
        return 12;
    if (mobj && !strcmp(what, "datalen")) {
        put32(buf + 40, 1000);      /* data_len: more than the 6 bytes that follow */
        return 50;
    }
    if (mobj && !strcmp(what, "cmds")) {
        put32(buf + 40, 10);        /* data_len: the 10 bytes that follow */
        buf[48] = 0; buf[49] = 1;   /* num_objects = 1 */
        buf[52] = 0; buf[53] = 2;   /* object 0: num_cmds = 2 (12 bytes each), none follow */
        return 54;
    }
    fprintf(stderr, "unknown content %s for %s\n", what, kind);
    exit(2);
}

int main(int argc, char **argv)
{
    uint8_t buf[256];
    char path[64];
    size_t n;
    FILE *f;
    void *res;

    if (argc != 3) {
        fprintf(stderr, "usage: %s mobj|mpls CONTENT\n", argv[0]);
        return 2;
    }
    n = make(argv[1], argv[2], buf);
    snprintf(path, sizeof(path), "/tmp/errtrail-libbluray-%d.bin", (int)getpid());
    f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, n, f) != n || fclose(f) != 0) {
        perror(path);
        return 2;
    }
    if (!strcmp(argv[1], "mobj")) {
        res = bd_read_mobj(path);
        printf("bd_read_mobj: %p\n", res);
        bd_free_mobj(res);
    } else {
        res = bd_read_mpls(path);
        printf("bd_read_mpls: %p\n", res);
        bd_free_mpls(res);
    }
    unlink(path);
    return res ? 0 : 1;
}
