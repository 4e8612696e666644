/* realworld corpus driver: libgit2 configuration files and values that do not parse.
 *
 *   config int64 VALUE     git_config_parse_int64(&n, VALUE)
 *   config int32 VALUE     git_config_parse_int32(&n, VALUE)
 *   config open TEXT       writes TEXT (%XX escapes decoded) to
 *                          /tmp/errtrail-libgit2-config/config and git_config_open_ondisk()s it
 *   config opendir         git_config_open_ondisk() of the directory
 *                          /tmp/errtrail-libgit2-config/config.d
 *   config emfile          git_config_open_ondisk() of a good one-line config file with
 *                          RLIMIT_NOFILE at the lowest free descriptor, so that no file opens
 * Each prints what the call returned and libgit2's last error message.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include "common.h"

#define DIR_ "/tmp/errtrail-libgit2-config"

int main(int argc, char **argv)
{
	git_config *cfg = NULL;
	int64_t n64 = 0;
	int32_t n32 = 0;
	int rc;

	if (argc < 2)
		return 2;
	git_libgit2_init();
	if (!strcmp(argv[1], "int64") && argc > 2) {
		rc = git_config_parse_int64(&n64, argv[2]);
		report("git_config_parse_int64", rc);
	} else if (!strcmp(argv[1], "int32") && argc > 2) {
		rc = git_config_parse_int32(&n32, argv[2]);
		report("git_config_parse_int32", rc);
	} else if (!strcmp(argv[1], "open") && argc > 2) {
		size_t len = decode(argv[2]);

		fresh_dir(DIR_);
		put_file(DIR_ "/config", argv[2], len);
		rc = git_config_open_ondisk(&cfg, DIR_ "/config");
		report("git_config_open_ondisk", rc);
	} else if (!strcmp(argv[1], "opendir")) {
		fresh_dir(DIR_);
		if (mkdir(DIR_ "/config.d", 0755) < 0)
			return 2;
		rc = git_config_open_ondisk(&cfg, DIR_ "/config.d");
		report("git_config_open_ondisk", rc);
	} else if (!strcmp(argv[1], "emfile")) {
		struct rlimit rl;
		int fd;

		fresh_dir(DIR_);
		put_file(DIR_ "/config", "[core]\n\tbare = false\n", 21);
		/* the lowest free descriptor becomes the limit: every open() fails with EMFILE */
		fd = open("/dev/null", O_RDONLY);
		if (fd < 0)
			return 2;
		close(fd);
		rl.rlim_cur = rl.rlim_max = (rlim_t)fd;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			return 2;
		rc = git_config_open_ondisk(&cfg, DIR_ "/config");
		report("git_config_open_ondisk", rc);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	git_config_free(cfg);
	git_libgit2_shutdown();
	return 0;
}
