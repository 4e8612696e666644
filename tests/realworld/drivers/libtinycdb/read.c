/* realworld corpus driver: tinycdb's mmap reader (cdb_init, cdb_find, cdb_seqnext,
 * cdb_read, cdb_get).
 *
 * read badfd    cdb_init() on the -1 that open() returned for a missing file
 * read short    cdb_init() on a 100-byte file (shorter than the 2048-byte table of contents)
 * read wronly   cdb_init() on a valid cdb opened O_WRONLY (mmap() needs a readable fd)
 * read trunc    cdb_find("alpha") in a valid cdb truncated to 2064 bytes (hash tables gone)
 * read keylen   cdb_find() of a 3000-byte key in a one-record cdb (2080 bytes, data ending at 2064)
 * read vlen     cdb_find("alpha") after the record's value length was overwritten by 0xfffffff0
 * read klen     cdb_seqnext() after the first record's key length was overwritten by 100
 * read range    cdb_read() of 16 bytes at position 4096 of a 2080-byte cdb
 * read get      cdb_get() of 100 bytes at 10 bytes before the end of a 2080-byte cdb
 *
 * Files live under /tmp/errtrail-libtinycdb-read/, written afresh on every run.
 */
#include "common.h"

static int open_db(const char *path, int flags, struct cdb *c)
{
	int fd = open(path, flags);
	int r = cdb_init(c, fd);
	printf("cdb_init(%s): %d (%s)\n", path, r, r < 0 ? strerror(errno) : "ok");
	return r;
}

int main(int argc, char **argv)
{
	struct cdb c;
	const char *path;
	const char *mode = argc > 1 ? argv[1] : "";
	char buf[4096];
	int r;

	if (!strcmp(mode, "badfd")) {
		snprintf(buf, sizeof(buf), "%s/missing.cdb", tmpdir("read"));
		unlink(buf);
		open_db(buf, O_RDONLY, &c);
	} else if (!strcmp(mode, "short")) {
		int fd;
		snprintf(buf, sizeof(buf), "%s/short.cdb", tmpdir("read"));
		fd = open(buf, O_RDWR | O_CREAT | O_TRUNC, 0644);
		memset(buf + 512, 0, 100);
		if (fd < 0 || write(fd, buf + 512, 100) != 100)
			return 2;
		close(fd);
		open_db(buf, O_RDONLY, &c);
	} else if (!strcmp(mode, "wronly")) {
		path = mkdb("read", "wronly.cdb", 3);
		open_db(path, O_WRONLY, &c);
	} else if (!strcmp(mode, "trunc")) {
		path = mkdb("read", "trunc.cdb", 3);
		if (truncate(path, 2064) < 0)
			return 2;
		if (open_db(path, O_RDONLY, &c) < 0)
			return 1;
		r = cdb_find(&c, "alpha", 5);
		printf("cdb_find: %d (%s)\n", r, r < 0 ? strerror(errno) : "-");
	} else if (!strcmp(mode, "keylen")) {
		path = mkdb("read", "keylen.cdb", 1);
		if (open_db(path, O_RDONLY, &c) < 0)
			return 1;
		memset(buf, 'k', 3000);
		r = cdb_find(&c, buf, 3000);
		printf("cdb_find: %d\n", r);
	} else if (!strcmp(mode, "vlen")) {
		path = mkdb("read", "vlen.cdb", 3);
		patch32(path, 2048 + 4, 0xfffffff0u);
		if (open_db(path, O_RDONLY, &c) < 0)
			return 1;
		r = cdb_find(&c, "alpha", 5);
		printf("cdb_find: %d (%s)\n", r, r < 0 ? strerror(errno) : "-");
	} else if (!strcmp(mode, "klen")) {
		unsigned pos;
		path = mkdb("read", "klen.cdb", 3);
		patch32(path, 2048, 100);
		if (open_db(path, O_RDONLY, &c) < 0)
			return 1;
		cdb_seqinit(&pos, &c);
		r = cdb_seqnext(&pos, &c);
		printf("cdb_seqnext: %d (%s)\n", r, r < 0 ? strerror(errno) : "-");
	} else if (!strcmp(mode, "range")) {
		path = mkdb("read", "range.cdb", 1);
		if (open_db(path, O_RDONLY, &c) < 0)
			return 1;
		r = cdb_read(&c, buf, 16, 4096);
		printf("cdb_read: %d (%s)\n", r, r < 0 ? strerror(errno) : "-");
	} else if (!strcmp(mode, "get")) {
		const void *p;
		path = mkdb("read", "get.cdb", 1);
		if (open_db(path, O_RDONLY, &c) < 0)
			return 1;
		p = cdb_get(&c, 100, c.cdb_fsize - 10);
		printf("cdb_get: %p (%s)\n", p, p ? "-" : strerror(errno));
	} else {
		fprintf(stderr, "usage: read badfd|short|wronly|trunc|keylen|vlen|klen|range|get\n");
		return 2;
	}
	return 0;
}
