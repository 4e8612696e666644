/* realworld corpus driver: zchunk context options.
 *
 * options unknown          zck_set_ioption(zck, 5000, 1) on a fresh context (no option 5000)
 * options fullhash TYPE    zck_init_write() to /tmp/errtrail-libzck-out.zck, then
 *                          zck_set_ioption(zck, ZCK_HASH_FULL_TYPE, TYPE)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zck.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "unknown";
	zckCtx *zck = zck_create();
	bool ok;

	if (zck == NULL)
		return 2;
	if (strcmp(mode, "unknown") == 0) {
		ok = zck_set_ioption(zck, (zck_ioption)5000, 1);
	} else if (strcmp(mode, "fullhash") == 0 && argc > 2) {
		int fd = open("/tmp/errtrail-libzck-out.zck", O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || !zck_init_write(zck, fd)) {
			fprintf(stderr, "zck_init_write failed: %s", zck_get_error(zck));
			return 2;
		}
		ok = zck_set_ioption(zck, ZCK_HASH_FULL_TYPE, atoi(argv[2]));
	} else {
		fprintf(stderr, "usage: options unknown | fullhash TYPE\n");
		return 2;
	}
	printf("%s: %s %s", mode, ok ? "ok" : "failed:", ok ? "\n" : zck_get_error(zck));
	zck_free(&zck);
	return 0;
}
