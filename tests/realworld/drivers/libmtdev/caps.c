/* mtdev driver: ask a converter about an axis that is no MT axis.
 *
 *   has  CODE   mtdev_has_mt_event(dev, CODE)
 *   max  CODE   mtdev_get_abs_maximum(dev, CODE) (get_info() inside)
 *
 * CODE is a number (0 is ABS_X, the single-touch axis a caller may confuse
 * with ABS_MT_POSITION_X, 0x35); it must be below ABS_CNT, since mtdev
 * indexes its map with it unchecked. The converter is set up with
 * mtdev_init() and ABS_MT_POSITION_X/Y marked present with
 * mtdev_set_mt_event(), as a caller without a device would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mtdev.h>
#include <mtdev-plumbing.h>

int main(int argc, char **argv)
{
	struct mtdev dev;
	int code, rc;

	if (argc != 3) {
		fprintf(stderr, "usage: %s has|max CODE\n", argv[0]);
		return 2;
	}
	code = (int)strtol(argv[2], NULL, 0);
	if (code < 0 || code >= ABS_CNT) {
		fprintf(stderr, "code out of range\n");
		return 2;
	}
	if (mtdev_init(&dev)) {
		fprintf(stderr, "mtdev_init failed\n");
		return 2;
	}
	mtdev_set_mt_event(&dev, ABS_MT_POSITION_X, 1);
	mtdev_set_mt_event(&dev, ABS_MT_POSITION_Y, 1);
	mtdev_set_abs_maximum(&dev, ABS_MT_POSITION_X, 4095);
	if (!strcmp(argv[1], "has")) {
		rc = mtdev_has_mt_event(&dev, code);
		printf("mtdev_has_mt_event(%#x) = %d\n", code, rc);
	} else if (!strcmp(argv[1], "max")) {
		rc = mtdev_get_abs_maximum(&dev, code);
		printf("mtdev_get_abs_maximum(%#x) = %d\n", code, rc);
	} else {
		fprintf(stderr, "unknown scenario %s\n", argv[1]);
		return 2;
	}
	mtdev_close(&dev);
	return 0;
}
