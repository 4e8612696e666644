/* realworld corpus driver: libfdisk contexts given something that is not a disk.
 *
 * device MODE: missing (fdisk_assign_device() of an image that does not exist), pipe
 * (fdisk_assign_device_by_fd() of the read end of a pipe), small (fdisk_assign_device()
 * of a 100-byte file, shorter than one sector), label (fdisk_get_label() of a label
 * type no driver has).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libfdisk.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "missing";
	struct fdisk_context *cxt = fdisk_new_context();
	int rc = 0;

	if (!cxt)
		return 2;
	if (strcmp(mode, "missing") == 0) {
		unlink("/tmp/errtrail-fdisk-missing.img");
		rc = fdisk_assign_device(cxt, "/tmp/errtrail-fdisk-missing.img", 1);
	} else if (strcmp(mode, "pipe") == 0) {
		int p[2];

		if (pipe(p) != 0)
			return 2;
		rc = fdisk_assign_device_by_fd(cxt, p[0], "pipe", 1);
	} else if (strcmp(mode, "small") == 0) {
		const char *path = "/tmp/errtrail-fdisk-small.img";
		char buf[100];
		FILE *f = fopen(path, "w");

		memset(buf, 0xab, sizeof(buf));
		if (!f || fwrite(buf, 1, sizeof(buf), f) != sizeof(buf) || fclose(f)) {
			perror(path);
			return 2;
		}
		rc = fdisk_assign_device(cxt, path, 1);
	} else if (strcmp(mode, "label") == 0) {
		struct fdisk_label *lb = fdisk_get_label(cxt, "atari");

		printf("%s: %p\n", mode, (void *)lb);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? strerror(-rc) : "ok");
	fdisk_unref_context(cxt);
	return 0;
}
