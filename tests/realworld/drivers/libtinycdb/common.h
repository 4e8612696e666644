/* realworld corpus drivers for tinycdb: shared helpers.
 *
 * mkdb(dir, name) writes a small valid cdb (records "alpha" -> "one", "beta" -> "two",
 * "gamma" -> "three", in that order) with tinycdb's own cdb_make_* under
 * /tmp/errtrail-libtinycdb-DIR/NAME and returns its path.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cdb.h>

static char db_path[256];

static const char *tmpdir(const char *dir)
{
	static char path[200];
	snprintf(path, sizeof(path), "/tmp/errtrail-libtinycdb-%s", dir);
	mkdir(path, 0755);
	return path;
}

__attribute__((unused)) static const char *mkdb(const char *dir, const char *name, int nrec)
{
	static const char *keys[] = {"alpha", "beta", "gamma"};
	static const char *vals[] = {"one", "two", "three"};
	struct cdb_make m;
	int fd, i;

	snprintf(db_path, sizeof(db_path), "%s/%s", tmpdir(dir), name);
	fd = open(db_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || cdb_make_start(&m, fd) < 0) {
		perror(db_path);
		exit(2);
	}
	for (i = 0; i < nrec; i++)
		cdb_make_add(&m, keys[i], strlen(keys[i]), vals[i], strlen(vals[i]));
	if (cdb_make_finish(&m) < 0 || close(fd) < 0) {
		perror(db_path);
		exit(2);
	}
	return db_path;
}

/* Overwrite 4 bytes at OFF of the file with the little-endian NUM (a corrupted field). */
__attribute__((unused)) static void patch32(const char *path, unsigned off, unsigned num)
{
	unsigned char b[4];
	int fd = open(path, O_WRONLY);
	cdb_pack(num, b);
	if (fd < 0 || pwrite(fd, b, 4, off) != 4) {
		perror(path);
		exit(2);
	}
	close(fd);
}
