/* realworld corpus driver: tinycdb's old read()-based interface (cdb_seek, cdb_bread).
 *
 * seek empty     cdb_seek("alpha") in an empty file
 * seek trunc     cdb_seek("alpha") in a valid cdb truncated to its 2048-byte table of contents
 * seek missing   cdb_seek("zeta") in a one-record cdb ("alpha"), whose TOC slot is empty
 * seek value     cdb_seek("alpha") finds the record whose value length was overwritten by
 *                1000, then cdb_bread() of those 1000 bytes runs into the end of the file
 *
 * Files live under /tmp/errtrail-libtinycdb-seek/, written afresh on every run.
 */
#include "common.h"

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	const char *path;
	const char *key = "alpha";
	char buf[1024];
	unsigned dlen = 0;
	int fd, r;

	if (!strcmp(mode, "empty")) {
		snprintf(buf, sizeof(buf), "%s/empty.cdb", tmpdir("seek"));
		fd = open(buf, O_RDWR | O_CREAT | O_TRUNC, 0644);
		close(fd);
		path = buf;
	} else if (!strcmp(mode, "trunc")) {
		path = mkdb("seek", "trunc.cdb", 3);
		if (truncate(path, 2048) < 0)
			return 2;
	} else if (!strcmp(mode, "missing")) {
		path = mkdb("seek", "missing.cdb", 1);
		key = "zeta";
		printf("hash slots: alpha %u, zeta %u\n", cdb_hash("alpha", 5) & 255,
		       cdb_hash("zeta", 4) & 255);
	} else if (!strcmp(mode, "value")) {
		path = mkdb("seek", "value.cdb", 1);
		patch32(path, 2048 + 4, 1000);
	} else {
		fprintf(stderr, "usage: seek empty|trunc|missing|value\n");
		return 2;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		return 2;
	}
	r = cdb_seek(fd, key, strlen(key), &dlen);
	printf("cdb_seek(%s): %d (%s) dlen %u\n", key, r, r < 0 ? strerror(errno) : "-", dlen);
	if (r > 0) {
		r = cdb_bread(fd, buf, dlen);
		printf("cdb_bread(%u): %d (%s)\n", dlen, r, r < 0 ? strerror(errno) : "-");
	}
	close(fd);
	return 0;
}
