/* realworld corpus driver: the blkid cache with bad content or bad devices.
 *   cache read FILE LINE      writes LINE (%XX-decoded: %3C is '<') to FILE, then
 *                             blkid_get_cache(FILE) parses it
 *   cache getdev DEVNAME      blkid_get_dev(cache, DEVNAME, BLKID_DEV_NORMAL), empty cache
 *   cache tagvalue DEVNAME    blkid_get_tag_value(cache, "LABEL", DEVNAME), empty cache
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <blkid.h>

/* Undo %XX escapes in place: the case arguments keep to characters that pass
 * through gdb --args unchanged (no blanks, quotes or angle brackets). */
static char *unescape(char *s)
{
	char *in = s, *out = s;

	while (*in) {
		if (in[0] == '%' && in[1] && in[2]) {
			char hex[3] = {in[1], in[2], 0};

			*out++ = (char) strtol(hex, NULL, 16);
			in += 3;
		} else {
			*out++ = *in++;
		}
	}
	*out = '\0';
	return s;
}

int main(int argc, char **argv)
{
	blkid_cache cache = NULL;

	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "read") && argc > 3) {
		FILE *f = fopen(argv[2], "w");

		if (!f)
			return 2;
		fprintf(f, "%s\n", unescape(argv[3]));
		fclose(f);
		printf("%d\n", blkid_get_cache(&cache, argv[2]));
		remove(argv[2]);
		return 0;
	}
	if (blkid_get_cache(&cache, "/dev/null") < 0)
		return 2;
	if (!strcmp(argv[1], "getdev")) {
		blkid_dev dev = blkid_get_dev(cache, argv[2], BLKID_DEV_NORMAL);

		printf("%s\n", dev ? blkid_dev_devname(dev) : "NULL");
	} else if (!strcmp(argv[1], "tagvalue")) {
		char *label = blkid_get_tag_value(cache, "LABEL", argv[2]);

		printf("%s\n", label ? label : "NULL");
	} else {
		return 2;
	}
	return 0;
}
