/* estream of libgpg-error: gpgrt_fopen, gpgrt_fopenmem, gpgrt_fdopen,
 * gpgrt_read_line.  argv[1] selects the scenario:
 *   fopen PATH MODE    gpgrt_fopen (PATH, MODE)
 *   fopenmem MODE      gpgrt_fopenmem (0, MODE)
 *   fdopen MODE        gpgrt_fdopen on a fresh descriptor of /dev/null
 *   readline-short     gpgrt_read_line with a caller buffer of 2 bytes
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <gpgrt.h>

int main(int argc, char **argv)
{
    gpgrt_stream_t fp;

    if (!gpgrt_check_version(NULL))
        return 2;
    if (argc < 2)
        return 2;
    if (!strcmp(argv[1], "fopen") && argc > 3) {
        if (!strncmp(argv[2], "/tmp/errtrail-libgpg-error-", 27) && argv[3][0] == 'r')
            unlink(argv[2]);
        fp = gpgrt_fopen(argv[2], argv[3]);
        printf("fopen: %p errno %d (%s)\n", (void *)fp, errno, strerror(errno));
        if (fp)
            gpgrt_fclose(fp);
        return fp ? 0 : 1;
    }
    if (!strcmp(argv[1], "fopenmem") && argc > 2) {
        fp = gpgrt_fopenmem(0, argv[2]);
        printf("fopenmem: %p errno %d (%s)\n", (void *)fp, errno, strerror(errno));
        if (fp)
            gpgrt_fclose(fp);
        return fp ? 0 : 1;
    }
    if (!strcmp(argv[1], "fdopen") && argc > 2) {
        int fd = open("/dev/null", O_RDONLY);
        if (fd < 0)
            return 2;
        fp = gpgrt_fdopen(fd, argv[2]);
        printf("fdopen: %p errno %d (%s)\n", (void *)fp, errno, strerror(errno));
        if (fp)
            gpgrt_fclose(fp);
        else
            close(fd);
        return fp ? 0 : 1;
    }
    if (!strcmp(argv[1], "readline-short")) {
        static const char text[] = "first line\nsecond line\n";
        char *buf = gpgrt_malloc(2);
        size_t len = 2, max = 80;
        gpgrt_ssize_t n;
        fp = gpgrt_fopenmem_init(0, "r", text, sizeof text - 1);
        if (!fp || !buf)
            return 2;
        n = gpgrt_read_line(fp, &buf, &len, &max);
        printf("read_line: %ld errno %d (%s)\n", (long)n, errno, strerror(errno));
        gpgrt_free(buf);
        gpgrt_fclose(fp);
        return n < 0 ? 1 : 0;
    }
    fprintf(stderr, "unknown scenario\n");
    return 2;
}
