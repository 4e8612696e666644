/* libcdio driver: ISO 9660 images with iso9660_open().
   Writes /tmp/errtrail-libcdio-iso-<pid>.iso from a keyword and opens it:
   iso missing   a path whose directory does not exist (nothing written)
   iso zero      18 sectors of zeros: sector 16, the PVD, has type 0
   iso id        18 sectors, sector 16 has type 1 (primary) but standard id "CD002"
   iso short     4 sectors (8 KiB): there is no sector 16 to read */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cdio/cdio.h>
#include <cdio/iso9660.h>

#define SECTOR 2048

int main(int argc, char **argv)
{
    char path[96];
    unsigned sectors = 0;
    unsigned char *img;

    if (argc != 3 || strcmp(argv[1], "iso")) {
        fprintf(stderr, "usage: %s iso missing|zero|id|short\n", argv[0]);
        return 2;
    }
    if (!strcmp(argv[2], "missing")) {
        snprintf(path, sizeof path, "/tmp/errtrail-libcdio-iso-%ld-none/disc.iso", (long)getpid());
    } else {
        snprintf(path, sizeof path, "/tmp/errtrail-libcdio-iso-%ld.iso", (long)getpid());
        if (!strcmp(argv[2], "zero") || !strcmp(argv[2], "id"))
            sectors = 18;
        else if (!strcmp(argv[2], "short"))
            sectors = 4;
        else {
            fprintf(stderr, "unknown mode %s\n", argv[2]);
            return 2;
        }
        img = calloc(sectors, SECTOR);
        if (!strcmp(argv[2], "id")) {
            img[16 * SECTOR] = 1;                        /* ISO_VD_PRIMARY */
            memcpy(img + 16 * SECTOR + 1, "CD002", 5);   /* not ISO_STANDARD_ID */
            img[16 * SECTOR + 6] = 1;                    /* version */
        }
        FILE *f = fopen(path, "wb");
        if (!f) { perror(path); return 2; }
        fwrite(img, SECTOR, sectors, f);
        fclose(f);
        free(img);
    }
    iso9660_t *iso = iso9660_open(path);
    printf("iso9660_open(%s) = %p\n", path, (void *)iso);
    if (iso) iso9660_close(iso);
    if (sectors) unlink(path);
    return iso == NULL;
}
