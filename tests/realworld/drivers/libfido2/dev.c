/* realworld corpus driver: libfido2's own HID and NFC transports on paths that are no device.
 *
 * dev MODE: fido_dev_open() of a path as MODE says, with libfido2's default (hidraw) or NFC
 * I/O functions. No FIDO device is needed or touched:
 *   hid-regular   /tmp/errtrail-libfido2-hid, a regular file the driver writes afresh
 *   hid-missing   /tmp/errtrail-libfido2-missing/hidraw0, under a directory that does not exist
 *   nfc-nosys     nfc:/sys/devices/errtrail-libfido2-none, a sysfs path that does not exist
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fido.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "hid-regular";
	const char *path;
	fido_dev_t *dev;
	int r;

	if (strcmp(mode, "hid-regular") == 0) {
		FILE *f;

		path = "/tmp/errtrail-libfido2-hid";
		unlink(path);
		if ((f = fopen(path, "w")) == NULL || fputs("not a hidraw node\n", f) < 0 ||
		    fclose(f) != 0) {
			perror(path);
			return 2;
		}
	} else if (strcmp(mode, "hid-missing") == 0) {
		path = "/tmp/errtrail-libfido2-missing/hidraw0";
		rmdir("/tmp/errtrail-libfido2-missing");
	} else if (strcmp(mode, "nfc-nosys") == 0) {
		path = "nfc:/sys/devices/errtrail-libfido2-none";
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}

	fido_init(0);
	if ((dev = fido_dev_new()) == NULL) {
		fprintf(stderr, "fido_dev_new failed\n");
		return 2;
	}
	r = fido_dev_open(dev, path);
	printf("%s: fido_dev_open(%s) = %d (%s)\n", mode, path, r, fido_strerr(r));
	fido_dev_free(&dev);
	return 0;
}
