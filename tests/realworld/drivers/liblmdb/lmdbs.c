/* realworld corpus driver: LMDB calls with bad input.
 * Every mode but openmissing first empties DIR (its data.mdb and lock.mdb) and makes it
 * afresh; "a store" is an environment in DIR holding the keys alpha, beta and gamma.
 *   lmdbs openmissing DIR   mdb_env_open(DIR) where DIR does not exist
 *   lmdbs openshort DIR     mdb_env_open(DIR) where DIR/data.mdb holds 100 bytes of 'x'
 *   lmdbs openversion DIR   a store whose second meta page says data version 99, reopened
 *   lmdbs get DIR KEY       mdb_get(KEY) in a read transaction on a store
 *   lmdbs getempty DIR KEY  mdb_get(KEY) in a read transaction on a new, empty environment
 *   lmdbs cursorop DIR OP   mdb_cursor_get(cursor, ..., OP) on a store (OP a number)
 *   lmdbs dbifull DIR       maxdbs 2: mdb_dbi_open() of one, two, then three (MDB_CREATE)
 *   lmdbs dbimissing DIR    maxdbs 4, "one" created and committed, then mdb_dbi_open()
 *                           of "nosuch" without MDB_CREATE
 *   lmdbs putexist DIR      mdb_put(beta, MDB_NOOVERWRITE) on a store
 *   lmdbs putrdonly DIR     mdb_put(delta) in a read transaction on a store
 *   lmdbs copyexist DIR     mdb_env_copy2(store, DIR, 0): DIR/data.mdb already exists
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <lmdb.h>

static char path[4096];

static const char *in(const char *dir, const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static int fresh(const char *dir)
{
	unlink(in(dir, "data.mdb"));
	unlink(in(dir, "lock.mdb"));
	rmdir(dir);
	return mkdir(dir, 0755);
}

static MDB_val val(const char *s)
{
	MDB_val v = { strlen(s), (void *) s };

	return v;
}

static MDB_env *env_new(unsigned int maxdbs)
{
	MDB_env *env = NULL;

	if (mdb_env_create(&env))
		exit(2);
	if (maxdbs && mdb_env_set_maxdbs(env, maxdbs))
		exit(2);
	return env;
}

/* a store in DIR with alpha, beta, gamma, left open */
static MDB_env *store(const char *dir)
{
	static const char *keys[] = { "alpha", "beta", "gamma" };
	MDB_env *env = env_new(0);
	MDB_txn *txn;
	MDB_dbi dbi;
	int i;

	if (fresh(dir) || mdb_env_open(env, dir, 0, 0644) || mdb_txn_begin(env, NULL, 0, &txn)
	    || mdb_dbi_open(txn, NULL, 0, &dbi))
		exit(2);
	for (i = 0; i < 3; i++) {
		MDB_val k = val(keys[i]), v = val("value");

		if (mdb_put(txn, dbi, &k, &v, 0))
			exit(2);
	}
	if (mdb_txn_commit(txn))
		exit(2);
	return env;
}

static MDB_txn *rdtxn(MDB_env *env, MDB_dbi *dbi)
{
	MDB_txn *txn;

	if (mdb_txn_begin(env, NULL, MDB_RDONLY, &txn) || mdb_dbi_open(txn, NULL, 0, dbi))
		exit(2);
	return txn;
}

int main(int argc, char **argv)
{
	const char *mode, *dir;
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;

	if (argc < 3)
		return 2;
	mode = argv[1];
	dir = argv[2];
	if (!strcmp(mode, "openmissing")) {
		unlink(in(dir, "data.mdb"));
		unlink(in(dir, "lock.mdb"));
		rmdir(dir);
		env = env_new(0);
		printf("%d\n", mdb_env_open(env, dir, 0, 0644));
	} else if (!strcmp(mode, "openshort")) {
		char junk[100];
		int fd;

		if (fresh(dir))
			return 2;
		fd = open(in(dir, "data.mdb"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
		memset(junk, 'x', sizeof(junk));
		if (fd < 0 || write(fd, junk, sizeof(junk)) != sizeof(junk) || close(fd))
			return 2;
		env = env_new(0);
		printf("%d\n", mdb_env_open(env, dir, 0, 0644));
	} else if (!strcmp(mode, "openversion")) {
		MDB_stat st;
		unsigned int version = 99;
		int fd;

		env = store(dir);
		if (mdb_env_stat(env, &st))
			return 2;
		mdb_env_close(env);
		/* page header (16 bytes), then the meta's mm_magic and mm_version */
		fd = open(in(dir, "data.mdb"), O_WRONLY);
		if (fd < 0 || pwrite(fd, &version, sizeof(version), st.ms_psize + 16 + 4) != 4
		    || close(fd))
			return 2;
		env = env_new(0);
		printf("%d\n", mdb_env_open(env, dir, 0, 0644));
	} else if (!strcmp(mode, "get") && argc > 3) {
		MDB_val k = val(argv[3]), v;

		env = store(dir);
		txn = rdtxn(env, &dbi);
		printf("%d\n", mdb_get(txn, dbi, &k, &v));
	} else if (!strcmp(mode, "getempty") && argc > 3) {
		MDB_val k = val(argv[3]), v;

		env = env_new(0);
		if (fresh(dir) || mdb_env_open(env, dir, 0, 0644))
			return 2;
		txn = rdtxn(env, &dbi);
		printf("%d\n", mdb_get(txn, dbi, &k, &v));
	} else if (!strcmp(mode, "cursorop") && argc > 3) {
		MDB_cursor *cur;
		MDB_val k, v;

		env = store(dir);
		txn = rdtxn(env, &dbi);
		if (mdb_cursor_open(txn, dbi, &cur))
			return 2;
		printf("%d\n", mdb_cursor_get(cur, &k, &v, (MDB_cursor_op) atoi(argv[3])));
	} else if (!strcmp(mode, "dbifull")) {
		env = env_new(2);
		if (fresh(dir) || mdb_env_open(env, dir, 0, 0644) || mdb_txn_begin(env, NULL, 0, &txn))
			return 2;
		if (mdb_dbi_open(txn, "one", MDB_CREATE, &dbi) || mdb_dbi_open(txn, "two", MDB_CREATE, &dbi))
			return 2;
		printf("%d\n", mdb_dbi_open(txn, "three", MDB_CREATE, &dbi));
	} else if (!strcmp(mode, "dbimissing")) {
		env = env_new(4);
		if (fresh(dir) || mdb_env_open(env, dir, 0, 0644) || mdb_txn_begin(env, NULL, 0, &txn))
			return 2;
		if (mdb_dbi_open(txn, "one", MDB_CREATE, &dbi) || mdb_txn_commit(txn))
			return 2;
		if (mdb_txn_begin(env, NULL, 0, &txn))
			return 2;
		printf("%d\n", mdb_dbi_open(txn, "nosuch", 0, &dbi));
	} else if (!strcmp(mode, "putexist")) {
		MDB_val k = val("beta"), v = val("other");

		env = store(dir);
		if (mdb_txn_begin(env, NULL, 0, &txn) || mdb_dbi_open(txn, NULL, 0, &dbi))
			return 2;
		printf("%d\n", mdb_put(txn, dbi, &k, &v, MDB_NOOVERWRITE));
	} else if (!strcmp(mode, "putrdonly")) {
		MDB_val k = val("delta"), v = val("value");

		env = store(dir);
		txn = rdtxn(env, &dbi);
		printf("%d\n", mdb_put(txn, dbi, &k, &v, 0));
	} else if (!strcmp(mode, "copyexist")) {
		env = store(dir);
		printf("%d\n", mdb_env_copy2(env, dir, 0));
	} else {
		return 2;
	}
	return 0;
}
