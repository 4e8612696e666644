/* libcgroup's cgconfig.conf parser (config.c).  argv[1] selects the entry point,
 * argv[2] the file: a name under /tmp/errtrail-libcgroup-config/, written afresh
 * from argv[3] ('|' stands for a newline), or not written when argv[3] is absent.
 * No file parsed here gets as far as mounting or creating a group: cgroup_init()
 * is never called first, so nothing touches the cgroup file systems. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libcgroup.h>

#define DIR "/tmp/errtrail-libcgroup-config"

int main(int argc, char **argv)
{
	char path[256];
	int ret;

	if (argc < 3) {
		fprintf(stderr, "usage: config load|templates NAME [TEXT]\n");
		return 2;
	}
	mkdir(DIR, 0755);
	snprintf(path, sizeof(path), "%s/%s", DIR, argv[2]);
	unlink(path);
	if (argc > 3) {
		FILE *f = fopen(path, "w");
		char *p;
		for (p = argv[3]; *p; p++)
			fputc(*p == '|' ? '\n' : *p, f);
		fputc('\n', f);
		fclose(f);
	}

	if (!strcmp(argv[1], "load"))
		ret = cgroup_config_load_config(path);
	else if (!strcmp(argv[1], "templates"))
		ret = cgroup_init_templates_cache(path);
	else
		return 2;
	printf("%s %s: %d %s\n", argv[1], path, ret, cgroup_strerror(ret));
	return 0;
}
