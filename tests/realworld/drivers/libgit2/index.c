/* realworld corpus driver: libgit2 index files that are broken, and index entries refused.
 *
 *   index open HEX         writes the bytes HEX spells to /tmp/errtrail-libgit2-index/index
 *                          and git_index_open()s it
 *   index add PATH         git_index_add() of a regular-file entry named PATH to a new
 *                          in-memory index (git_index_new())
 *   index get PATH         git_index_get_bypath(PATH, 0) in an in-memory index holding the
 *                          one entry "a"
 * Each prints what the call returned and libgit2's last error message.
 */
#include "common.h"

#define DIR_ "/tmp/errtrail-libgit2-index"

static void add_entry(git_index *idx, const char *path, int must)
{
	git_index_entry e;
	int rc;

	memset(&e, 0, sizeof(e));
	e.mode = GIT_FILEMODE_BLOB;
	e.path = path;
	memset(&e.id, 0x11, sizeof(e.id));
	rc = git_index_add(idx, &e);
	if (must && rc < 0) {
		report("git_index_add (setup)", rc);
		exit(2);
	}
	if (!must)
		report("git_index_add", rc);
}

int main(int argc, char **argv)
{
	static unsigned char buf[65536];
	git_index *idx = NULL;
	int rc;

	if (argc < 3)
		return 2;
	git_libgit2_init();
	if (!strcmp(argv[1], "open")) {
		size_t len = unhex(argv[2], buf, sizeof(buf));

		fresh_dir(DIR_);
		put_file(DIR_ "/index", buf, len);
		rc = git_index_open(&idx, DIR_ "/index");
		report("git_index_open", rc);
	} else if (!strcmp(argv[1], "add")) {
		if (git_index_new(&idx) < 0)
			return 2;
		add_entry(idx, argv[2], 0);
	} else if (!strcmp(argv[1], "get")) {
		const git_index_entry *e;

		if (git_index_new(&idx) < 0)
			return 2;
		add_entry(idx, "a", 1);
		e = git_index_get_bypath(idx, argv[2], 0);
		printf("git_index_get_bypath: %p\n", (const void *)e);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	git_index_free(idx);
	git_libgit2_shutdown();
	return 0;
}
