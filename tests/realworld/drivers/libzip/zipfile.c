/* realworld corpus driver: libzip archives that fail to open, read or write.
 * HEX is the archive's bytes in hex; the driver writes them to errtrail-libzip.zip in
 * the current directory (a fresh temporary directory when build.py runs it) and opens
 * that file.
 *   zipfile open PATH FLAGS          zip_open(PATH, FLAGS)
 *   zipfile opendir FLAGS            zip_open() of a directory it makes, errtrail-zipdir
 *   zipfile openhex HEX FLAGS        zip_open(the archive, FLAGS)
 *   zipfile emfile HEX               zip_open(the archive, 0) with RLIMIT_NOFILE at the
 *                                    lowest free descriptor, so that no file can be opened
 *   zipfile locate HEX NAME FLAGS    zip_name_locate(za, NAME, FLAGS)
 *   zipfile rename HEX IDX NAME      zip_file_rename(za, IDX, NAME, 0)
 *   zipfile fopenidx HEX IDX         zip_fopen_index(za, IDX, 0)
 *   zipfile closenodir               zip_open("errtrail-nodir/new.zip", ZIP_CREATE), one
 *                                    entry added, zip_close(): errtrail-nodir does not exist
 * Each prints what the call returned and the archive's error code.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#define ARCHIVE "errtrail-libzip.zip"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* write the bytes HEX spells to ARCHIVE */
static void write_archive(const char *hex)
{
	FILE *f = fopen(ARCHIVE, "wb");

	if (f == NULL)
		exit(2);
	for (; hexval(hex[0]) >= 0 && hexval(hex[1]) >= 0; hex += 2)
		fputc(hexval(hex[0]) * 16 + hexval(hex[1]), f);
	if (fclose(f) != 0)
		exit(2);
}

static zip_t *open_archive(const char *hex, int flags)
{
	int ze = 0;
	zip_t *za;

	write_archive(hex);
	za = zip_open(ARCHIVE, flags, &ze);
	if (za == NULL) {
		printf("zip_open: %d\n", ze);
		exit(2);
	}
	return za;
}

static void report_open(zip_t *za, int ze)
{
	printf("%p %d errno=%d\n", (void *) za, ze, errno);
}

int main(int argc, char **argv)
{
	int ze = 0;
	zip_t *za;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "open") && argc > 3) {
		za = zip_open(argv[2], atoi(argv[3]), &ze);
		report_open(za, ze);
	} else if (!strcmp(argv[1], "opendir") && argc > 2) {
		if (mkdir("errtrail-zipdir", 0755) < 0 && errno != EEXIST)
			return 2;
		za = zip_open("errtrail-zipdir", atoi(argv[2]), &ze);
		report_open(za, ze);
	} else if (!strcmp(argv[1], "openhex") && argc > 3) {
		write_archive(argv[2]);
		za = zip_open(ARCHIVE, atoi(argv[3]), &ze);
		report_open(za, ze);
	} else if (!strcmp(argv[1], "emfile") && argc > 2) {
		struct rlimit rl;
		int fd;

		write_archive(argv[2]);
		fd = open("/dev/null", O_RDONLY);
		if (fd < 0)
			return 2;
		close(fd);
		rl.rlim_cur = rl.rlim_max = (rlim_t) fd;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			return 2;
		za = zip_open(ARCHIVE, 0, &ze);
		report_open(za, ze);
	} else if (!strcmp(argv[1], "locate") && argc > 4) {
		long long r;

		za = open_archive(argv[2], 0);
		r = zip_name_locate(za, argv[3], atoi(argv[4]));
		printf("%lld %d\n", r, zip_error_code_zip(zip_get_error(za)));
	} else if (!strcmp(argv[1], "rename") && argc > 4) {
		int r;

		za = open_archive(argv[2], 0);
		r = zip_file_rename(za, strtoull(argv[3], NULL, 10), argv[4], 0);
		printf("%d %d\n", r, zip_error_code_zip(zip_get_error(za)));
	} else if (!strcmp(argv[1], "fopenidx") && argc > 3) {
		zip_file_t *zf;

		za = open_archive(argv[2], 0);
		zf = zip_fopen_index(za, strtoull(argv[3], NULL, 10), 0);
		printf("%p %d\n", (void *) zf, zip_error_code_zip(zip_get_error(za)));
	} else if (!strcmp(argv[1], "closenodir")) {
		zip_source_t *src;
		int r;

		za = zip_open("errtrail-nodir/new.zip", ZIP_CREATE, &ze);
		if (za == NULL)
			return 2;
		src = zip_source_buffer(za, "x", 1, 0);
		if (src == NULL || zip_file_add(za, "x.txt", src, 0) < 0)
			return 2;
		r = zip_close(za);	/* fails, so za is still there */
		printf("%d %d errno=%d\n", r, zip_error_code_zip(zip_get_error(za)),
		       zip_error_code_system(zip_get_error(za)));
	} else {
		return 2;
	}
	return 0;
}
