/* libdiscid: discid_read() / discid_read_sparse() on devices that are no CD drive.
 *
 *   read API WHERE
 *     API    read (discid_read) or sparse (discid_read_sparse, DISCID_FEATURE_READ only)
 *     WHERE  missing  /tmp/errtrail-libdiscid-none/cdrom, which does not exist
 *            image    /tmp/errtrail-libdiscid-image.iso, a regular file the driver writes
 *                     (a CD image passed as the device)
 *            notdir   /tmp/errtrail-libdiscid-image.iso/cdrom (a path through that file)
 *            null     /dev/null
 *            default  NULL: libdiscid's default device (/dev/cdrom, which this machine lacks)
 *
 * The machine has no CD drive (no /dev/cdrom, no /proc/sys/dev/cdrom/info). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <discid/discid.h>

#define IMAGE "/tmp/errtrail-libdiscid-image.iso"

static void write_image(void)
{
	char block[2048];
	FILE *f = fopen(IMAGE, "w");
	if (f == NULL) {
		perror(IMAGE);
		exit(2);
	}
	memset(block, 0, sizeof block);
	memcpy(block + 1, "CD001", 5);
	fwrite(block, 1, sizeof block, f);
	fclose(f);
}

int main(int argc, char **argv)
{
	const char *device;
	DiscId *disc;
	int ok;

	if (argc != 3) {
		fprintf(stderr, "usage: %s read|sparse missing|image|notdir|null|default\n", argv[0]);
		return 2;
	}
	if (strcmp(argv[2], "missing") == 0)
		device = "/tmp/errtrail-libdiscid-none/cdrom";
	else if (strcmp(argv[2], "image") == 0) {
		write_image();
		device = IMAGE;
	} else if (strcmp(argv[2], "notdir") == 0) {
		write_image();
		device = IMAGE "/cdrom";
	} else if (strcmp(argv[2], "null") == 0)
		device = "/dev/null";
	else if (strcmp(argv[2], "default") == 0)
		device = NULL;
	else {
		fprintf(stderr, "unknown device %s\n", argv[2]);
		return 2;
	}

	disc = discid_new();
	if (strcmp(argv[1], "sparse") == 0)
		ok = discid_read_sparse(disc, device, DISCID_FEATURE_READ);
	else
		ok = discid_read(disc, device);
	printf("%s(%s): %d (%s)\n", argv[1], device ? device : "NULL", ok,
	       ok ? discid_get_id(disc) : discid_get_error_msg(disc));
	discid_free(disc);
	return ok ? 0 : 1;
}
