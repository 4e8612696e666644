/* realworld corpus driver: libgpiod chips opened from paths that are not GPIO chips.
 *
 * chip MODE: missing (gpiod_chip_open() of a file that does not exist), devnull
 * (gpiod_chip_open() of /dev/null, a character device that is not a gpiochip),
 * lookup_devnull (gpiod_chip_open_lookup() of /dev/null), ctxless_missing
 * (gpiod_ctxless_get_value() of a chip name /dev does not hold). The machine that
 * built the corpus has no /dev/gpiochip* at all.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <gpiod.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "missing";
	struct gpiod_chip *chip = NULL;
	int rc;

	if (strcmp(mode, "missing") == 0) {
		unlink("/tmp/errtrail-gpiod-missing");
		chip = gpiod_chip_open("/tmp/errtrail-gpiod-missing");
	} else if (strcmp(mode, "devnull") == 0) {
		chip = gpiod_chip_open("/dev/null");
	} else if (strcmp(mode, "lookup_devnull") == 0) {
		chip = gpiod_chip_open_lookup("/dev/null");
	} else if (strcmp(mode, "ctxless_missing") == 0) {
		rc = gpiod_ctxless_get_value("errtrail-missing", 0, false, "errtrail");
		printf("%s: %d (%s)\n", mode, rc, rc < 0 ? strerror(errno) : "ok");
		return 0;
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %p (%s)\n", mode, (void *)chip, chip ? "ok" : strerror(errno));
	if (chip)
		gpiod_chip_close(chip);
	return 0;
}
