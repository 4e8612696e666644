/* realworld corpus driver: libkmod index files (modules.*.bin) that are broken.
 *
 * index MODE API: makes /tmp/errtrail-kmod-index-MODE/ holding index files as MODE
 * says, then calls API (load: kmod_load_resources(), dump: kmod_dump_index() of
 * modules.dep) on a context for that directory with no configuration.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libkmod.h>

static char dir[256];

/* an index file: big-endian magic, version, root offset (and nothing else) */
static void put_index(const char *name, uint32_t magic, uint32_t version, size_t len)
{
	unsigned char buf[12];
	char path[512];
	uint32_t v[3] = { magic, version, 12 };
	FILE *f;

	for (int i = 0; i < 3; i++) {
		buf[4 * i] = v[i] >> 24;
		buf[4 * i + 1] = v[i] >> 16;
		buf[4 * i + 2] = v[i] >> 8;
		buf[4 * i + 3] = v[i];
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(2);
	}
}

#define GOOD(name) put_index(name, 0xB007F457, 0x00020001, 12)

int main(int argc, char **argv)
{
	static const char *const no_config[] = { NULL };
	const char *mode = argc > 1 ? argv[1] : "magic";
	const char *api = argc > 2 ? argv[2] : "load";
	struct kmod_ctx *ctx;
	int err;

	snprintf(dir, sizeof(dir), "/tmp/errtrail-kmod-index-%s", mode);
	mkdir(dir, 0755);
	/* start from an empty directory */
	for (const char *const *n = (const char *const[]){ "modules.dep.bin", "modules.alias.bin",
			"modules.symbols.bin", "modules.builtin.alias.bin", "modules.builtin.bin",
			NULL }; *n; n++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", dir, *n);
		unlink(path);
	}

	if (strcmp(mode, "magic") == 0) {
		put_index("modules.dep.bin", 0xB007FA57, 0x00020001, 12);  /* the old magic */
	} else if (strcmp(mode, "version") == 0) {
		put_index("modules.dep.bin", 0xB007F457, 0x00030001, 12);  /* major 3 */
	} else if (strcmp(mode, "short") == 0) {
		put_index("modules.dep.bin", 0xB007F457, 0x00020001, 6);   /* truncated header */
	} else if (strcmp(mode, "missing") == 0) {
		GOOD("modules.dep.bin");                                   /* no modules.alias.bin */
	} else if (strcmp(mode, "builtin") == 0) {
		/* all good but modules.builtin.bin; modules.builtin.alias.bin (optional) missing */
		GOOD("modules.dep.bin");
		GOOD("modules.alias.bin");
		GOOD("modules.symbols.bin");
		put_index("modules.builtin.bin", 0x7F454C46, 0x00020001, 12);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}

	ctx = kmod_new(dir, no_config);
	if (ctx == NULL) {
		perror("kmod_new");
		return 2;
	}
	if (strcmp(api, "dump") == 0) {
		int fd = open("/dev/null", O_WRONLY);
		err = kmod_dump_index(ctx, KMOD_INDEX_MODULES_DEP, fd);
		close(fd);
	} else {
		err = kmod_load_resources(ctx);
	}
	printf("%s %s: %d (%s)\n", mode, api, err, err < 0 ? strerror(-err) : "ok");
	kmod_unref(ctx);
	return 0;
}
