/* libcdio driver: raw CD-Text parsing with cdtext_data_init().
   cdtext size      20 bytes: not a multiple of the 18-byte pack size
   cdtext noblock   one TITLE pack (0x80, track 0, block 0) and no BLOCKSIZE (0x8f) packs */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <cdio/cdio.h>
#include <cdio/cdtext.h>

int main(int argc, char **argv)
{
    uint8_t data[64];
    size_t n;

    if (argc != 3 || strcmp(argv[1], "cdtext")) {
        fprintf(stderr, "usage: %s cdtext size|noblock\n", argv[0]);
        return 2;
    }
    memset(data, 0, sizeof data);
    if (!strcmp(argv[2], "size")) {
        n = 20;
        data[0] = 0x80;
    } else if (!strcmp(argv[2], "noblock")) {
        /* type, track, seq, block/char position, 12 text bytes, 2 CRC bytes */
        data[0] = 0x80;
        data[1] = 0x00;
        data[2] = 0x00;
        data[3] = 0x00;
        memcpy(data + 4, "Errtrail", 8);
        n = 18;
    } else {
        fprintf(stderr, "unknown mode %s\n", argv[2]);
        return 2;
    }
    cdtext_t *t = cdtext_init();
    int rc = cdtext_data_init(t, data, n);
    printf("cdtext_data_init(%zu bytes) = %d\n", n, rc);
    cdtext_destroy(t);
    return rc != 0;
}
