/* mtdev driver: read events from an fd that gives no whole input_event.
 *
 *   fetch  empty|short|dir   mtdev_fetch_event() once
 *   get    empty|short|dir   mtdev_get() for up to 4 events
 *
 * The converter is set up with mtdev_init() (no device to configure from).
 * empty: /tmp/errtrail-libmtdev-read/empty, 0 bytes (end of file at once);
 * short: /tmp/errtrail-libmtdev-read/short, 10 bytes, less than one
 * struct input_event (a truncated event dump); dir: the directory itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <mtdev.h>
#include <mtdev-plumbing.h>

#define DIR_ "/tmp/errtrail-libmtdev-read"

static int source(const char *kind)
{
	FILE *f;
	const char *path;

	mkdir(DIR_, 0755);
	if (!strcmp(kind, "dir"))
		return open(DIR_, O_RDONLY | O_DIRECTORY);
	path = !strcmp(kind, "short") ? DIR_ "/short" : DIR_ "/empty";
	f = fopen(path, "w");
	if (!f) {
		perror("fopen");
		exit(2);
	}
	if (!strcmp(kind, "short"))
		fwrite("0123456789", 1, 10, f);
	fclose(f);
	return open(path, O_RDONLY);
}

int main(int argc, char **argv)
{
	struct mtdev dev;
	struct input_event ev[4];
	int fd, rc;

	if (argc != 3) {
		fprintf(stderr, "usage: %s fetch|get empty|short|dir\n", argv[0]);
		return 2;
	}
	fd = source(argv[2]);
	if (fd < 0) {
		perror("open");
		return 2;
	}
	if (mtdev_init(&dev)) {
		fprintf(stderr, "mtdev_init failed\n");
		return 2;
	}
	if (!strcmp(argv[1], "fetch")) {
		rc = mtdev_fetch_event(&dev, fd, &ev[0]);
		printf("mtdev_fetch_event = %d\n", rc);
	} else if (!strcmp(argv[1], "get")) {
		rc = mtdev_get(&dev, fd, ev, 4);
		printf("mtdev_get = %d\n", rc);
	} else {
		fprintf(stderr, "unknown scenario %s\n", argv[1]);
		return 2;
	}
	mtdev_close(&dev);
	close(fd);
	return 0;
}
