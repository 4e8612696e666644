/* libcdio driver: MSF strings.
   sector mmssff STRING   cdio_mmssff_to_lba(STRING) */
#include <stdio.h>
#include <string.h>
#include <cdio/cdio.h>
#include <cdio/sector.h>

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "mmssff")) {
        lba_t lba = cdio_mmssff_to_lba(argv[2]);
        printf("cdio_mmssff_to_lba(\"%s\") = %ld\n", argv[2], (long)lba);
        return lba == CDIO_INVALID_LBA || lba < 0;
    }
    fprintf(stderr, "usage: %s mmssff MM:SS:FF\n", argv[0]);
    return 2;
}
