/* libcgroup queries of the running system (api.c), after cgroup_init(), which
 * reads /proc/mounts.  Read only: nothing is created, changed or attached.
 * argv[1] selects the scenario. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libcgroup.h>

char *cg_build_path(const char *name, char *path, const char *type);
int cgroup_get_procname_from_procfs(pid_t pid, char **procname);

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	int ret = cgroup_init();

	printf("cgroup_init: %d %s\n", ret, cgroup_strerror(ret));
	if (!strcmp(what, "read_stats")) {
		/* cgroup_read_stats_begin(CONTROLLER, GROUP) */
		void *handle = NULL;
		struct cgroup_stat stat;
		ret = cgroup_read_stats_begin(argv[2], argv[3], &handle, &stat);
		printf("read_stats %s %s: %d %s\n", argv[2], argv[3], ret, cgroup_strerror(ret));
	} else if (!strcmp(what, "procname")) {
		char *name = NULL;
		ret = cgroup_get_procname_from_procfs(atoi(argv[2]), &name);
		printf("procname of %s: %d %s\n", argv[2], ret, cgroup_strerror(ret));
	} else if (!strcmp(what, "build_path")) {
		/* cg_build_path(GROUP, buf, CONTROLLER) */
		char buf[FILENAME_MAX];
		char *p = cg_build_path(argv[3], buf, argv[2]);
		printf("path of %s in %s: %s\n", argv[3], argv[2], p ? p : "(null)");
	} else {
		fprintf(stderr, "unknown scenario %s\n", what);
		return 2;
	}
	return 0;
}
