/* realworld corpus driver: libcryptsetup contexts for paths that are no device.
 *
 * device MODE: calls crypt_init() on a path as MODE says: missing (a path in a fresh
 * directory /tmp/errtrail-libcryptsetup-device/ that does not exist) or dir (that
 * directory itself). No device is opened for writing and nothing is activated.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libcryptsetup.h>

#define DIR "/tmp/errtrail-libcryptsetup-device"

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "missing";
	struct crypt_device *cd = NULL;
	const char *path;
	int r;

	mkdir(DIR, 0755);
	unlink(DIR "/none");
	if (strcmp(mode, "missing") == 0) {
		path = DIR "/none";
	} else if (strcmp(mode, "dir") == 0) {
		path = DIR;
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	r = crypt_init(&cd, path);
	printf("%s: crypt_init %d (%s)\n", mode, r, r < 0 ? strerror(-r) : "ok");
	crypt_free(cd);
	return 0;
}
