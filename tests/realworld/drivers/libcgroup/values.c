/* libcgroup's in-memory cgroup objects (wrapper.c): controllers and their
 * name/value pairs, as cgcreate/cgset build them.  argv[1] selects the scenario.
 * Nothing touches the cgroup file systems. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libcgroup.h>
#include <libcgroup-internal.h>

static struct cgroup_controller *cpu_of(struct cgroup **cg)
{
	*cg = cgroup_new_cgroup("errtrail");
	return cgroup_add_controller(*cg, "cpu");
}

static char *long_value(size_t n)
{
	char *v = malloc(n + 1);
	memset(v, '7', n);
	v[n] = '\0';
	return v;
}

int main(int argc, char **argv)
{
	struct cgroup *cg = NULL;
	struct cgroup_controller *cgc;
	const char *what = argc > 1 ? argv[1] : "";
	int ret = 0;

	if (!strcmp(what, "add_controller_dup")) {
		/* the same controller named twice: NULL */
		cgc = cpu_of(&cg);
		cgc = cgroup_add_controller(cg, argc > 2 ? argv[2] : "cpu");
		printf("second add: %p\n", (void *)cgc);
	} else if (!strcmp(what, "add_value_exists")) {
		cgc = cpu_of(&cg);
		ret = cgroup_add_value_string(cgc, "cpu.shares", "512");
		ret = cgroup_add_value_string(cgc, argv[2], argv[3]);
		printf("add %s=%s: %d %s\n", argv[2], argv[3], ret, cgroup_strerror(ret));
	} else if (!strcmp(what, "add_value_long")) {
		cgc = cpu_of(&cg);
		ret = cgroup_add_value_string(cgc, argv[2], long_value(atoi(argv[3])));
		printf("add %s (%s chars): %d %s\n", argv[2], argv[3], ret, cgroup_strerror(ret));
	} else if (!strcmp(what, "add_int64_dup")) {
		cgc = cpu_of(&cg);
		ret = cgroup_add_value_int64(cgc, "cpu.cfs_quota_us", 50000);
		ret = cgroup_add_value_int64(cgc, argv[2], strtoll(argv[3], NULL, 0));
		printf("add int64 %s: %d %s\n", argv[2], ret, cgroup_strerror(ret));
	} else if (!strcmp(what, "set_value_long")) {
		cgc = cpu_of(&cg);
		ret = cgroup_add_value_string(cgc, "cpu.shares", "512");
		ret = cgroup_set_value_string(cgc, argv[2], long_value(atoi(argv[3])));
		printf("set %s (%s chars): %d %s\n", argv[2], argv[3], ret, cgroup_strerror(ret));
	} else if (!strcmp(what, "get_int64")) {
		int64_t v = 0;
		cgc = cpu_of(&cg);
		ret = cgroup_add_value_string(cgc, "cpu.shares", "512");
		ret = cgroup_add_value_string(cgc, "cpu.cfs_quota_us", argv[2]);
		ret = cgroup_get_value_int64(cgc, "cpu.cfs_quota_us", &v);
		printf("get int64 of %s: %d %s\n", argv[2], ret, cgroup_strerror(ret));
	} else if (!strcmp(what, "get_controller")) {
		cgc = cpu_of(&cg);
		cgroup_add_controller(cg, "memory");
		cgc = cgroup_get_controller(cg, argv[2]);
		printf("controller %s: %p\n", argv[2], (void *)cgc);
	} else if (!strcmp(what, "nvpairs")) {
		/* cgcreate -r NAME=VALUE ...: argv[2..] are NAME=VALUE */
		int n = argc - 2, i;
		struct control_value *nv = calloc(n, sizeof(*nv));
		for (i = 0; i < n; i++) {
			char *eq = strchr(argv[i + 2], '=');
			*eq = '\0';
			strncpy(nv[i].name, argv[i + 2], sizeof(nv[i].name) - 1);
			strncpy(nv[i].value, eq + 1, sizeof(nv[i].value) - 1);
		}
		cg = create_cgroup_from_name_value_pairs("errtrail", nv, n);
		printf("cgroup from %d pairs: %p\n", n, (void *)cg);
	} else {
		fprintf(stderr, "unknown scenario %s\n", what);
		return 2;
	}
	cgroup_free(&cg);
	return 0;
}
