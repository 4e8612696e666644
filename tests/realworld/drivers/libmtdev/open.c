/* mtdev driver: open a converter on an fd that is no evdev device.
 *
 *   open     regfile|dir|closed   mtdev_open() on a fresh struct mtdev
 *   newopen  regfile|dir|closed|neg   mtdev_new_open()
 *   config   regfile|dir|closed   mtdev_init() then mtdev_configure()
 *
 * regfile: /tmp/errtrail-libmtdev-open/notadev, a text file written afresh;
 * dir: the directory /tmp/errtrail-libmtdev-open itself; closed: the number of
 * an fd that was opened and closed again; neg: -1 (a failed open() passed on).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <mtdev.h>
#include <mtdev-plumbing.h>

#define DIR_ "/tmp/errtrail-libmtdev-open"

static int target(const char *kind)
{
	int fd;
	FILE *f;

	mkdir(DIR_, 0755);
	if (!strcmp(kind, "neg"))
		return -1;
	if (!strcmp(kind, "dir"))
		return open(DIR_, O_RDONLY | O_DIRECTORY);
	f = fopen(DIR_ "/notadev", "w");
	if (!f) {
		perror("fopen");
		exit(2);
	}
	fputs("not an input device\n", f);
	fclose(f);
	fd = open(DIR_ "/notadev", O_RDONLY);
	if (!strcmp(kind, "closed"))
		close(fd);
	return fd;
}

int main(int argc, char **argv)
{
	struct mtdev dev, *p;
	int fd, rc;

	if (argc != 3) {
		fprintf(stderr, "usage: %s open|newopen|config regfile|dir|closed|neg\n", argv[0]);
		return 2;
	}
	fd = target(argv[2]);
	if (!strcmp(argv[1], "open")) {
		memset(&dev, 0, sizeof(dev));
		rc = mtdev_open(&dev, fd);
		printf("mtdev_open(%d) = %d\n", fd, rc);
		if (rc == 0)
			mtdev_close(&dev);
	} else if (!strcmp(argv[1], "newopen")) {
		p = mtdev_new_open(fd);
		printf("mtdev_new_open(%d) = %p\n", fd, (void *)p);
		if (p)
			mtdev_close_delete(p);
	} else if (!strcmp(argv[1], "config")) {
		if (mtdev_init(&dev)) {
			fprintf(stderr, "mtdev_init failed\n");
			return 2;
		}
		rc = mtdev_configure(&dev, fd);
		printf("mtdev_configure(%d) = %d\n", fd, rc);
		mtdev_close(&dev);
	} else {
		fprintf(stderr, "unknown scenario %s\n", argv[1]);
		return 2;
	}
	return 0;
}
