/* libexif driver: the tag table's lookups.
 *
 *   tag name-in-ifd TAG IFD   exif_tag_get_name_in_ifd(TAG, IFD)
 *                             (IFD: 0 IFD 0, 1 IFD 1, 2 Exif, 3 GPS, 4 Interoperability)
 *   tag name TAG              exif_tag_get_name(TAG)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libexif/exif-tag.h>

int main(int argc, char **argv)
{
	const char *r;

	if (argc > 3 && !strcmp(argv[1], "name-in-ifd")) {
		ExifTag tag = strtoul(argv[2], NULL, 0);
		ExifIfd ifd = strtoul(argv[3], NULL, 0);
		r = exif_tag_get_name_in_ifd(tag, ifd);
		printf("exif_tag_get_name_in_ifd(0x%04x, %d): %s\n", tag, ifd, r ? r : "(null)");
		return r ? 0 : 1;
	}
	if (argc > 2 && !strcmp(argv[1], "name")) {
		ExifTag tag = strtoul(argv[2], NULL, 0);
		r = exif_tag_get_name(tag);
		printf("exif_tag_get_name(0x%04x): %s\n", tag, r ? r : "(null)");
		return r ? 0 : 1;
	}
	fprintf(stderr, "usage: tag name-in-ifd TAG IFD|name TAG\n");
	return 2;
}
