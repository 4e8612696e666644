/* libcdio driver: UDF images with udf_open().
   udf missing   a path whose directory does not exist */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cdio/cdio.h>
#include <cdio/udf.h>

int main(int argc, char **argv)
{
    char path[96];

    if (argc != 3 || strcmp(argv[1], "udf") || strcmp(argv[2], "missing")) {
        fprintf(stderr, "usage: %s udf missing\n", argv[0]);
        return 2;
    }
    snprintf(path, sizeof path, "/tmp/errtrail-libcdio-udf-%ld-none/disc.udf", (long)getpid());
    udf_t *udf = udf_open(path);
    printf("udf_open(%s) = %p\n", path, (void *)udf);
    if (udf) udf_close(udf);
    return udf == NULL;
}
