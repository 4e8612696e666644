/* realworld corpus driver: libmount file locks that cannot be taken.
 *
 * lock MODE: the traditional mtab~ lock (mnt_lock_file()) for a file: isdir
 * (/tmp/errtrail-mnt-lock/mtab, where mtab~ is a directory), nodir (a file in a
 * directory that does not exist).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <libmount.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "isdir";
	struct libmnt_lock *ml;
	int rc;

	if (strcmp(mode, "isdir") == 0) {
		mkdir("/tmp/errtrail-mnt-lock", 0755);
		mkdir("/tmp/errtrail-mnt-lock/mtab~", 0755);
		ml = mnt_new_lock("/tmp/errtrail-mnt-lock/mtab", 4242);
		if (!ml)
			return 2;
	} else {
		ml = mnt_new_lock("/tmp/errtrail-mnt-nodir/mtab", 4242);
		if (!ml)
			return 2;
	}
	rc = mnt_lock_file(ml);
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? strerror(-rc) : "ok");
	mnt_unlock_file(ml);
	mnt_free_lock(ml);
	return 0;
}
