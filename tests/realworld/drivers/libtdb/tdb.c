/* libtdb driver for the errtrail real-library corpus: calls tdb's public API with
 * bad input.  Databases are made afresh in the current directory (the temporary
 * directory build.py runs the driver in).
 *
 *   open PATH            tdb_open(PATH, O_RDWR|O_CREAT)
 *   notdb                write a 300-byte text file errtrail-notdb.tdb, tdb_open() it O_RDWR
 *   hashsize N           create errtrail-hash.tdb, close it, set the header's hash_size
 *                        (offset 36) to N, tdb_open() it again O_RDWR
 *   busy                 tdb_open() errtrail-busy.tdb twice in this process
 *   insert               tdb_store() a key, then again with TDB_INSERT
 *   fetch                tdb_fetch() a key the new database does not have
 *   delete               tdb_delete() a key the new database does not have
 *   commit               tdb_transaction_commit() with no transaction started
 *   lockall              create errtrail-ro.tdb, reopen it O_RDONLY, tdb_lockall()
 *   rdstore              create errtrail-ro.tdb, reopen it O_RDONLY, tdb_store()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/types.h>
#include <tdb.h>

static TDB_DATA str(const char *s)
{
	TDB_DATA d = { (unsigned char *)s, strlen(s) };
	return d;
}

static struct tdb_context *fresh(const char *name)
{
	unlink(name);
	struct tdb_context *tdb = tdb_open(name, 0, TDB_DEFAULT, O_RDWR | O_CREAT, 0600);
	if (tdb == NULL) {
		perror(name);
		exit(1);
	}
	return tdb;
}

static void report(const char *what, int rc, struct tdb_context *tdb)
{
	printf("%s = %d", what, rc);
	if (rc != 0)
		printf(": %s (ecode %d)", tdb_errorstr(tdb), (int)tdb_error(tdb));
	printf("\n");
}

static void report_open(const char *name, struct tdb_context *tdb)
{
	if (tdb == NULL)
		printf("tdb_open(%s) = NULL: %m\n", name);
	else
		printf("tdb_open(%s) ok\n", name);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: see the comment at the top\n");
		return 2;
	}
	const char *cmd = argv[1];
	struct tdb_context *tdb = NULL;
	int rc = 0;
	if (!strcmp(cmd, "open") && argc >= 3) {
		tdb = tdb_open(argv[2], 0, TDB_DEFAULT, O_RDWR | O_CREAT, 0600);
		report_open(argv[2], tdb);
		return tdb == NULL;
	} else if (!strcmp(cmd, "notdb")) {
		const char *name = "errtrail-notdb.tdb";
		FILE *f = fopen(name, "w");
		for (int i = 0; i < 10; i++)
			fprintf(f, "this is a text file, not a tdb database %04d\n", i); /* 30 bytes */
		fclose(f);
		tdb = tdb_open(name, 0, TDB_DEFAULT, O_RDWR, 0600);
		report_open(name, tdb);
		return tdb == NULL;
	} else if (!strcmp(cmd, "hashsize") && argc >= 3) {
		const char *name = "errtrail-hash.tdb";
		tdb_close(fresh(name));
		uint32_t n = (uint32_t)strtoul(argv[2], NULL, 0);
		int fd = open(name, O_RDWR);
		if (fd < 0 || pwrite(fd, &n, 4, 36) != 4) {
			perror(name);
			return 1;
		}
		close(fd);
		tdb = tdb_open(name, 0, TDB_DEFAULT, O_RDWR, 0600);
		report_open(name, tdb);
		return tdb == NULL;
	} else if (!strcmp(cmd, "busy")) {
		const char *name = "errtrail-busy.tdb";
		tdb = fresh(name);
		struct tdb_context *again = tdb_open(name, 0, TDB_DEFAULT, O_RDWR, 0600);
		report_open(name, again);
		return again == NULL;
	} else if (!strcmp(cmd, "insert")) {
		tdb = fresh("errtrail-insert.tdb");
		rc = tdb_store(tdb, str("key"), str("one"), TDB_REPLACE);
		report("tdb_store(key, TDB_REPLACE)", rc, tdb);
		rc = tdb_store(tdb, str("key"), str("two"), TDB_INSERT);
		report("tdb_store(key, TDB_INSERT)", rc, tdb);
	} else if (!strcmp(cmd, "fetch")) {
		tdb = fresh("errtrail-fetch.tdb");
		TDB_DATA d = tdb_fetch(tdb, str("missing"));
		printf("tdb_fetch(missing) = %p: %s (ecode %d)\n", (void *)d.dptr,
		       tdb_errorstr(tdb), (int)tdb_error(tdb));
		rc = d.dptr == NULL;
	} else if (!strcmp(cmd, "delete")) {
		tdb = fresh("errtrail-delete.tdb");
		rc = tdb_delete(tdb, str("missing"));
		report("tdb_delete(missing)", rc, tdb);
	} else if (!strcmp(cmd, "commit")) {
		tdb = fresh("errtrail-commit.tdb");
		rc = tdb_transaction_commit(tdb);
		report("tdb_transaction_commit", rc, tdb);
	} else if (!strcmp(cmd, "lockall") || !strcmp(cmd, "rdstore")) {
		const char *name = "errtrail-ro.tdb";
		tdb_close(fresh(name));
		tdb = tdb_open(name, 0, TDB_DEFAULT, O_RDONLY, 0600);
		if (tdb == NULL) {
			perror(name);
			return 1;
		}
		if (!strcmp(cmd, "lockall")) {
			rc = tdb_lockall(tdb);
			report("tdb_lockall", rc, tdb);
		} else {
			rc = tdb_store(tdb, str("key"), str("value"), TDB_REPLACE);
			report("tdb_store", rc, tdb);
		}
	} else {
		fprintf(stderr, "unknown command %s\n", cmd);
		return 2;
	}
	if (tdb)
		tdb_close(tdb);
	return rc ? 1 : 0;
}
