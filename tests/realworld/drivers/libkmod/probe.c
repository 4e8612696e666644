/* realworld corpus driver: libkmod module lookups against a configuration.
 *
 * probe OP [FLAGS]: writes /tmp/errtrail-kmod-probe.conf blacklisting module
 * errtrail_dummy, makes that module by name in a context for a directory with no
 * indexes, then calls OP: probe (kmod_module_probe_insert_module() with FLAGS, an
 * integer, default KMOD_PROBE_APPLY_BLACKLIST) or initstate
 * (kmod_module_get_initstate()). Nothing reaches the kernel: the module is
 * blacklisted, or only /sys/module is read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libkmod.h>

int main(int argc, char **argv)
{
	static const char conf[] = "/tmp/errtrail-kmod-probe.conf";
	const char *const config[] = { conf, NULL };
	const char *op = argc > 1 ? argv[1] : "probe";
	unsigned int flags = argc > 2 ? (unsigned int)strtoul(argv[2], NULL, 0)
				      : KMOD_PROBE_APPLY_BLACKLIST;
	struct kmod_ctx *ctx;
	struct kmod_module *mod;
	FILE *f;
	int err;

	f = fopen(conf, "w");
	if (!f || fputs("# errtrail corpus\nblacklist errtrail_dummy\n", f) < 0 || fclose(f)) {
		perror(conf);
		return 2;
	}
	ctx = kmod_new("/tmp/errtrail-kmod-nomodules", config);
	if (ctx == NULL) {
		perror("kmod_new");
		return 2;
	}
	err = kmod_module_new_from_name(ctx, "errtrail_dummy", &mod);
	if (err < 0) {
		printf("kmod_module_new_from_name: %s\n", strerror(-err));
		return 1;
	}
	if (strcmp(op, "initstate") == 0)
		err = kmod_module_get_initstate(mod);
	else if (flags & KMOD_PROBE_DRY_RUN || flags & KMOD_PROBE_APPLY_BLACKLIST)
		err = kmod_module_probe_insert_module(mod, flags, NULL, NULL, NULL, NULL);
	else {
		fprintf(stderr, "refusing to probe for real\n");
		return 2;
	}
	printf("%s: %d (%s)\n", op, err, err < 0 ? strerror(-err) : "not an errno");
	kmod_module_unref(mod);
	kmod_unref(ctx);
	return 0;
}
