/* realworld corpus driver: an sfdisk script libfdisk cannot take.
 *
 * script MODE: suffix (fdisk_script_read_file(), by a context with no device, of a
 * script written to /tmp/errtrail-fdisk.sfdisk whose second partition line gives its
 * size as "10M": a size with a suffix needs the device's sector size, which a context
 * without a device does not have).
 */
#include <stdio.h>
#include <string.h>
#include <libfdisk.h>

static const char path[] = "/tmp/errtrail-fdisk.sfdisk";
static const char text[] =
	"# errtrail corpus script\n"
	"label: dos\n"
	"unit: sectors\n"
	"\n"
	"start=2048, size=4096, type=83\n"
	"start=6144, size=10M, type=83\n";

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "suffix";
	struct fdisk_context *cxt = fdisk_new_context();
	struct fdisk_script *dp = cxt ? fdisk_new_script(cxt) : NULL;
	FILE *f;
	int rc;

	if (!dp)
		return 2;
	if (strcmp(mode, "suffix") != 0) {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) || !(f = fopen(path, "r"))) {
		perror(path);
		return 2;
	}
	rc = fdisk_script_read_file(dp, f);
	fclose(f);
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? strerror(-rc) : "ok");
	fdisk_unref_script(dp);
	fdisk_unref_context(cxt);
	return 0;
}
