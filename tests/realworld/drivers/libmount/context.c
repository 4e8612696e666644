/* realworld corpus driver: libmount contexts and updates set up wrongly.
 *
 * context MODE: fstab (mnt_context_apply_fstab() for a target the context's own
 * fstab, written to /tmp, does not list), move (mnt_update_set_fs() of MS_MOVE with a
 * filesystem that has no source).
 */
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <libmount.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "fstab";
	int rc;

	if (strcmp(mode, "fstab") == 0) {
		const char *path = "/tmp/errtrail-mnt-context.fstab";
		struct libmnt_context *cxt = mnt_new_context();
		struct libmnt_table *tb;
		FILE *f = fopen(path, "w");

		if (!f || fputs("/dev/errtrail-a /srv/data ext4 defaults 0 2\n", f) < 0 || fclose(f)) {
			perror(path);
			return 2;
		}
		tb = mnt_new_table_from_file(path);
		if (!cxt || !tb)
			return 2;
		mnt_context_set_fstab(cxt, tb);
		mnt_context_set_target(cxt, "/srv/errtrail-nowhere");
		rc = mnt_context_apply_fstab(cxt);
		mnt_free_context(cxt);
		mnt_unref_table(tb);
	} else {
		struct libmnt_update *upd = mnt_new_update();
		struct libmnt_fs *fs = mnt_new_fs();

		if (!upd || !fs)
			return 2;
		mnt_fs_set_target(fs, "/srv/errtrail-moved");
		rc = mnt_update_set_fs(upd, MS_MOVE, NULL, fs);
		mnt_unref_fs(fs);
		mnt_free_update(upd);
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 && rc > -4096 ? strerror(-rc) : "libmount code");
	return 0;
}
