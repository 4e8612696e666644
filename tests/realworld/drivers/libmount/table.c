/* realworld corpus driver: libmount tables read from files that are not tables.
 *
 * table MODE: missing (mnt_table_parse_file() of a file that does not exist), dir
 * (mnt_table_parse_file() of a directory), chardev (mnt_table_parse_fstab() of
 * /dev/null), find (mnt_table_find_target() of a mountpoint a small fstab written
 * to /tmp does not list).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libmount.h>

static const char fstab[] =
	"# errtrail corpus fstab\n"
	"/dev/errtrail-a  /             ext4   defaults        0 1\n"
	"/dev/errtrail-b  /srv/data     xfs    noatime,nofail  0 2\n"
	"tmpfs            /run/scratch  tmpfs  size=64m        0 0\n";

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "missing";
	struct libmnt_table *tb = mnt_new_table();
	int rc = 0;

	if (!tb)
		return 2;
	if (strcmp(mode, "missing") == 0) {
		unlink("/tmp/errtrail-mnt-missing.fstab");
		rc = mnt_table_parse_file(tb, "/tmp/errtrail-mnt-missing.fstab");
	} else if (strcmp(mode, "dir") == 0) {
		mkdir("/tmp/errtrail-mnt-dir.fstab", 0755);
		rc = mnt_table_parse_file(tb, "/tmp/errtrail-mnt-dir.fstab");
	} else if (strcmp(mode, "chardev") == 0) {
		rc = mnt_table_parse_fstab(tb, "/dev/null");
	} else if (strcmp(mode, "find") == 0) {
		const char *path = "/tmp/errtrail-mnt-find.fstab";
		FILE *f = fopen(path, "w");
		struct libmnt_fs *fs;

		if (!f || fputs(fstab, f) < 0 || fclose(f)) {
			perror(path);
			return 2;
		}
		rc = mnt_table_parse_fstab(tb, path);
		if (rc == 0) {
			fs = mnt_table_find_target(tb, "/srv/errtrail-nowhere", MNT_ITER_FORWARD);
			printf("%s: %d entries, found %p\n", mode, mnt_table_get_nents(tb), (void *)fs);
		}
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? strerror(-rc) : "ok");
	mnt_unref_table(tb);
	return 0;
}
