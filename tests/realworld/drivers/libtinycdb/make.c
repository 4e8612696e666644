/* realworld corpus driver: tinycdb's writer (cdb_make_put, cdb_make_finish).
 *
 * make mode     cdb_make_put() with mode 9, which enum cdb_put_mode does not have
 * make insert   cdb_make_add("alpha"), then cdb_make_put("alpha", CDB_PUT_INSERT)
 * make wronly   the same with CDB_PUT_REPLACE on a file opened O_WRONLY (cdb_make_put's
 *               lookup reads the records back: cdb(3) asks for O_RDWR)
 * make pipe     three records written to a pipe, then cdb_make_finish() (it seeks back to
 *               write the table of contents)
 *
 * Files live under /tmp/errtrail-libtinycdb-make/, written afresh on every run.
 */
#include "common.h"

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	struct cdb_make m;
	char path[256];
	int fd, r;

	snprintf(path, sizeof(path), "%s/%s.cdb", tmpdir("make"), mode);
	if (!strcmp(mode, "pipe")) {
		int p[2];
		if (pipe(p) < 0)
			return 2;
		cdb_make_start(&m, p[1]);
		cdb_make_add(&m, "alpha", 5, "one", 3);
		cdb_make_add(&m, "beta", 4, "two", 3);
		cdb_make_add(&m, "gamma", 5, "three", 5);
		r = cdb_make_finish(&m);
		printf("cdb_make_finish: %d (%s)\n", r, r < 0 ? strerror(errno) : "-");
		return 0;
	}
	fd = open(path, (!strcmp(mode, "wronly") ? O_WRONLY : O_RDWR) | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(path);
		return 2;
	}
	cdb_make_start(&m, fd);
	if (!strcmp(mode, "mode")) {
		r = cdb_make_put(&m, "alpha", 5, "one", 3, (enum cdb_put_mode)9);
	} else if (!strcmp(mode, "insert")) {
		cdb_make_add(&m, "alpha", 5, "one", 3);
		r = cdb_make_put(&m, "alpha", 5, "uno", 3, CDB_PUT_INSERT);
	} else if (!strcmp(mode, "wronly")) {
		cdb_make_add(&m, "alpha", 5, "one", 3);
		r = cdb_make_put(&m, "alpha", 5, "uno", 3, CDB_PUT_REPLACE);
	} else {
		fprintf(stderr, "usage: make mode|insert|wronly|pipe\n");
		return 2;
	}
	printf("cdb_make_put: %d (%s)\n", r, r ? strerror(errno) : "-");
	close(fd);
	return 0;
}
