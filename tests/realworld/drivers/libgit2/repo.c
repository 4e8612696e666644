/* realworld corpus driver: libgit2 repositories that do not open.
 *
 * Every mode makes /tmp/errtrail-libgit2-repo-MODE afresh and calls git_repository_open()
 * on it (GIT_REPOSITORY_OPEN_NO_SEARCH: no parent directory is looked at). The global,
 * XDG, system and programdata configuration search paths point at an empty directory,
 * so no configuration file of the machine is read.
 *   repo notfound          the directory is empty
 *   repo gitfile TEXT      its .git is a regular file holding TEXT (%XX escapes decoded)
 *   repo version N         .git is a repository (HEAD, objects/, refs/) whose config sets
 *                          core.repositoryformatversion = N
 *   repo extension NAME    likewise with version 1 and extensions.NAME = true
 * Each prints what the call returned and libgit2's last error message.
 */
#include "common.h"

#define BASE "/tmp/errtrail-libgit2-repo-"
#define NOCONF "/tmp/errtrail-libgit2-noconfig"

static char dir[512];

static void path_of(char *out, size_t n, const char *rel)
{
	snprintf(out, n, "%s/%s", dir, rel);
}

static void make_dotgit(const char *config)
{
	char p[1024];

	path_of(p, sizeof(p), ".git");
	mkdir(p, 0755);
	path_of(p, sizeof(p), ".git/objects");
	mkdir(p, 0755);
	path_of(p, sizeof(p), ".git/refs");
	mkdir(p, 0755);
	path_of(p, sizeof(p), ".git/HEAD");
	put_file(p, "ref: refs/heads/main\n", 21);
	path_of(p, sizeof(p), ".git/config");
	put_file(p, config, strlen(config));
}

int main(int argc, char **argv)
{
	git_repository *repo = NULL;
	char p[1024], config[512];
	int rc;

	if (argc < 2)
		return 2;
	git_libgit2_init();
	fresh_dir(NOCONF);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, NOCONF);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, NOCONF);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, NOCONF);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_PROGRAMDATA, NOCONF);

	snprintf(dir, sizeof(dir), BASE "%s", argv[1]);
	fresh_dir(dir);
	if (!strcmp(argv[1], "notfound")) {
		/* nothing in it */
	} else if (!strcmp(argv[1], "gitfile") && argc > 2) {
		size_t len = decode(argv[2]);

		path_of(p, sizeof(p), ".git");
		put_file(p, argv[2], len);
	} else if (!strcmp(argv[1], "version") && argc > 2) {
		snprintf(config, sizeof(config), "[core]\n\trepositoryformatversion = %s\n", argv[2]);
		make_dotgit(config);
	} else if (!strcmp(argv[1], "extension") && argc > 2) {
		snprintf(config, sizeof(config),
			 "[core]\n\trepositoryformatversion = 1\n[extensions]\n\t%s = true\n", argv[2]);
		make_dotgit(config);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	rc = git_repository_open(&repo, dir);
	report("git_repository_open", rc);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return 0;
}
