/* errtrail real-library corpus: libudfread driver.
 *
 * usage: udf VARIANT ACTION [ARGS...]
 *
 * The driver writes a small UDF 1.02 image of its own (260 blocks of 2048 bytes) to
 * /tmp/errtrail-libudfread-img/<VARIANT>.udf, afresh on every run, and hands it to
 * libudfread. VARIANT is "ok" or a comma-separated list of defects:
 *
 *   zero      every block zero (no volume recognition sequence, nothing else)
 *   tea       recognition sequence BEA01, TEA01 (no NSR02 between them)
 *   noavdp    no Anchor Volume Descriptor Pointer at block 256 (nor anywhere)
 *   nolvd     the Volume Descriptor Sequence has no Logical Volume Descriptor
 *   bs4096    the Logical Volume Descriptor says 4096-byte logical blocks
 *   domain    the Logical Volume Descriptor's domain is "*Not UDF" instead of "*OSTA UDF Compliant"
 *   mapref    the type 1 partition map refers to physical partition 7 (the partition is 0)
 *   nofsd     no File Set Descriptor at partition block 0
 *   rootfile  the root ICB's File Entry is a regular file, not a directory
 *   strategy  the File Entry of a.txt has ICB strategy type 4096
 *   datafar   a.txt's extent points at partition block 5000 (beyond the 260-block image)
 *
 * The root directory holds a.txt (100 bytes, one short_ad extent), in.txt (5 bytes stored
 * inline in its File Entry), sub/ (an empty directory) and badpart (a file whose ICB names
 * partition 3, which the volume does not have).
 *
 * ACTIONS:
 *   open                 udfread_open() of the image
 *   openmissing          udfread_open() of /tmp/errtrail-libudfread-missing/none.udf
 *   fopen PATH           udfread_file_open(PATH)
 *   opendir PATH         udfread_opendir(PATH)
 *   read PATH N          udfread_file_read() of N bytes
 *   seek PATH POS WHENCE udfread_file_seek()
 *   lba PATH BLOCK       udfread_file_lba()
 *   blocks PATH BLOCK N  udfread_read_blocks()
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <udfread.h>

#define BS 2048
#define NBLOCKS 260
#define PART_START 64

static uint8_t img[NBLOCKS * BS];
static const char *variant;

static int has(const char *defect)
{
    size_t n = strlen(defect);
    const char *p = variant;
    while (p && *p) {
        if (!strncmp(p, defect, n) && (p[n] == ',' || p[n] == 0))
            return 1;
        p = strchr(p, ',');
        if (p)
            p++;
    }
    return 0;
}

static uint8_t *blk(unsigned lba) { return img + (size_t)lba * BS; }

static void put16(uint8_t *p, unsigned v) { p[0] = v & 0xff; p[1] = (v >> 8) & 0xff; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v & 0xffff); put16(p + 2, v >> 16); }
static void put64(uint8_t *p, uint64_t v) { put32(p, (uint32_t)v); put32(p + 4, (uint32_t)(v >> 32)); }

/* descriptor tag (ECMA 167 3/7.2): only the id and the checksum matter to libudfread */
static void tag(uint8_t *p, unsigned id, uint32_t location)
{
    unsigned sum = 0, i;
    memset(p, 0, 16);
    put16(p + 0, id);
    put16(p + 2, 2);
    put32(p + 12, location);
    for (i = 0; i < 16; i++)
        if (i != 4)
            sum += p[i];
    p[4] = (uint8_t)sum;
}

static void long_ad(uint8_t *p, uint32_t length, uint32_t lba, unsigned partition)
{
    put32(p + 0, length);
    put32(p + 4, lba);
    put16(p + 8, partition);
}

/* a File Identifier Descriptor; returns its padded length */
static size_t fid(uint8_t *p, const char *name, unsigned characteristic, uint32_t icb_lba,
                  unsigned icb_part)
{
    size_t l_fi = strlen(name) + 1, len = (38 + l_fi + 3) / 4 * 4;
    memset(p, 0, len);
    p[18] = (uint8_t)characteristic;
    p[19] = (uint8_t)l_fi;
    long_ad(p + 20, BS, icb_lba, icb_part);
    put16(p + 36, 0);
    p[38] = 8; /* CS0, 8-bit characters */
    memcpy(p + 39, name, l_fi - 1);
    tag(p, 257, icb_lba);
    return len;
}

/* a File Entry (ECMA 167 4/14.9) at partition block plba */
static uint8_t *file_entry(unsigned plba, unsigned file_type, unsigned strategy, unsigned flags,
                           uint64_t length, const void *ad, uint32_t l_ad)
{
    uint8_t *p = blk(PART_START + plba);
    memset(p, 0, BS);
    put16(p + 16 + 4, strategy);
    p[16 + 11] = (uint8_t)file_type;
    put16(p + 16 + 18, flags);
    put64(p + 56, length);
    put32(p + 168, 0);
    put32(p + 172, l_ad);
    memcpy(p + 176, ad, l_ad);
    tag(p, 261, plba);
    return p;
}

static void make_image(void)
{
    uint8_t *p, dir[512], ad[8];
    size_t n = 0;

    memset(img, 0, sizeof(img));
    if (has("zero"))
        return;

    /* Volume Recognition Sequence, blocks 16.. */
    memcpy(blk(16), "\0BEA01\1", 7);
    if (has("tea")) {
        memcpy(blk(17), "\0TEA01\1", 7);
    } else {
        memcpy(blk(17), "\0NSR02\1", 7);
        memcpy(blk(18), "\0TEA01\1", 7);
    }

    /* Anchor Volume Descriptor Pointer at 256: main VDS at 32 (4 blocks), no reserve VDS */
    if (!has("noavdp")) {
        p = blk(256);
        put32(p + 16, 4 * BS);
        put32(p + 20, 32);
        put32(p + 24, 0);
        put32(p + 28, 0);
        tag(p, 2, 256);
    }

    /* Primary Volume Descriptor */
    p = blk(32);
    p[24] = 8;
    memcpy(p + 25, "ERRTRAIL", 8);
    p[24 + 31] = 9;
    tag(p, 1, 32);

    /* Partition Descriptor: partition 0 at block 64, 196 blocks */
    p = blk(33);
    put16(p + 22, 0);
    put32(p + 188, PART_START);
    put32(p + 192, NBLOCKS - PART_START);
    tag(p, 5, 33);

    /* Logical Volume Descriptor, or a second Primary Volume Descriptor in its place */
    p = blk(34);
    if (has("nolvd")) {
        tag(p, 1, 34);
    } else {
        put32(p + 212, has("bs4096") ? 4096 : BS);
        memcpy(p + 217, has("domain") ? "*Not UDF" : "*OSTA UDF Compliant", has("domain") ? 8 : 19);
        put16(p + 240, 0x0102);
        long_ad(p + 248, BS, 0, 0); /* File Set Descriptor at partition block 0 */
        put32(p + 264, 6);
        put32(p + 268, 1);
        p[440] = 1; /* type 1 partition map */
        p[441] = 6;
        put16(p + 442, 1);
        put16(p + 444, has("mapref") ? 7 : 0);
        tag(p, 6, 34);
    }

    /* Terminating Descriptor */
    tag(blk(35), 8, 35);

    /* File Set Descriptor: root directory's ICB at partition block 1 */
    if (!has("nofsd")) {
        p = blk(PART_START + 0);
        long_ad(p + 400, BS, 1, 0);
        tag(p, 256, 0);
    }

    /* root directory: inline FIDs */
    n += fid(dir + n, "a.txt", 0, 2, 0);
    n += fid(dir + n, "in.txt", 0, 3, 0);
    n += fid(dir + n, "sub", 0x02, 4, 0);
    n += fid(dir + n, "badpart", 0, 2, 3);
    if (has("rootfile"))
        file_entry(1, 5, 4, 3, n, dir, (uint32_t)n);
    else
        file_entry(1, 4, 4, 3, n, dir, (uint32_t)n);

    /* a.txt: 100 bytes at partition block 10 (or 5000) */
    put32(ad + 0, 100);
    put32(ad + 4, has("datafar") ? 5000 : 10);
    file_entry(2, 5, has("strategy") ? 4096 : 4, 0, 100, ad, 8);
    memset(blk(PART_START + 10), 'a', 100);

    /* in.txt: inline */
    file_entry(3, 5, 4, 3, 5, "hello", 5);

    /* sub/: empty inline directory */
    file_entry(4, 4, 4, 3, 0, "", 0);
}

static const char *write_image(void)
{
    static char path[256];
    FILE *f;

    mkdir("/tmp/errtrail-libudfread-img", 0755);
    snprintf(path, sizeof(path), "/tmp/errtrail-libudfread-img/%s.udf", variant);
    make_image();
    f = fopen(path, "wb");
    if (!f || fwrite(img, 1, sizeof(img), f) != sizeof(img) || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
    return path;
}

static udfread *open_image(void)
{
    udfread *udf = udfread_init();
    const char *path = write_image();
    int r = udfread_open(udf, path);
    printf("udfread_open(%s) = %d\n", path, r);
    if (r < 0) {
        udfread_close(udf);
        return NULL;
    }
    return udf;
}

static UDFFILE *open_file(udfread *udf, const char *path)
{
    UDFFILE *f = udfread_file_open(udf, path);
    printf("udfread_file_open(%s) = %p\n", path, (void *)f);
    return f;
}

int main(int argc, char **argv)
{
    udfread *udf;
    UDFFILE *f;
    const char *action;

    if (argc < 3) {
        fprintf(stderr, "usage: %s VARIANT ACTION [ARGS...]\n", argv[0]);
        return 2;
    }
    variant = argv[1];
    action = argv[2];

    if (!strcmp(action, "openmissing")) {
        udf = udfread_init();
        printf("udfread_open = %d\n", udfread_open(udf, "/tmp/errtrail-libudfread-missing/none.udf"));
        udfread_close(udf);
        return 0;
    }
    if (!strcmp(action, "open")) {
        udf = open_image();
        udfread_close(udf);
        return 0;
    }

    udf = open_image();
    if (!udf)
        return 1;

    if (!strcmp(action, "fopen") && argc > 3) {
        f = open_file(udf, argv[3]);
        udfread_file_close(f);
    } else if (!strcmp(action, "opendir") && argc > 3) {
        UDFDIR *d = udfread_opendir(udf, argv[3]);
        printf("udfread_opendir(%s) = %p\n", argv[3], (void *)d);
        udfread_closedir(d);
    } else if (!strcmp(action, "read") && argc > 4) {
        static char buf[8192];
        f = open_file(udf, argv[3]);
        if (f)
            printf("udfread_file_read = %zd\n", udfread_file_read(f, buf, strtoul(argv[4], NULL, 0)));
        udfread_file_close(f);
    } else if (!strcmp(action, "seek") && argc > 5) {
        f = open_file(udf, argv[3]);
        if (f)
            printf("udfread_file_seek = %lld\n",
                   (long long)udfread_file_seek(f, strtoll(argv[4], NULL, 0), atoi(argv[5])));
        udfread_file_close(f);
    } else if (!strcmp(action, "lba") && argc > 4) {
        f = open_file(udf, argv[3]);
        if (f)
            printf("udfread_file_lba = %u\n", udfread_file_lba(f, strtoul(argv[4], NULL, 0)));
        udfread_file_close(f);
    } else if (!strcmp(action, "blocks") && argc > 5) {
        static char buf[4 * 2048];
        unsigned n = strtoul(argv[5], NULL, 0);
        f = open_file(udf, argv[3]);
        if (f && n <= 4)
            printf("udfread_read_blocks = %u\n",
                   udfread_read_blocks(f, buf, strtoul(argv[4], NULL, 0), n, 0));
        udfread_file_close(f);
    } else {
        fprintf(stderr, "unknown action %s\n", action);
        udfread_close(udf);
        return 2;
    }
    udfread_close(udf);
    return 0;
}
