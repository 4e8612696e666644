/* libubootenv driver: fw_env.config files, environment files and variables.
 *
 *   config KIND       writes errtrail-fw_env.config for KIND (missing: no file) and calls
 *                     libuboot_read_config() on it:
 *                       empty      an empty file
 *                       zerosize   "errtrail-uboot.env 0x0 0x0" (a size of zero)
 *                       nodev      "errtrail-nodir/uboot.env 0x0 0x4000" (no such file)
 *                       negoffset  "errtrail-uboot.env -0x4000 0x4000" on a regular file
 *                                  (a negative offset asks the block device's size)
 *   initialize        libuboot_initialize() with two devices, the first of which,
 *                     errtrail-missing.env, does not exist
 *   open KIND         reads a good config naming errtrail-uboot.env (size 0x4000) and
 *                     calls libuboot_open():
 *                       small      the file holds 100 bytes
 *                       badcrc     0x4000 zero bytes (the CRC does not match)
 *                       gone       a good environment, removed after the config was read
 *                       good       a good environment (for the modes below)
 *   setenv NAME VALUE libuboot_set_env() on the good environment "foo=bar", whose .flags
 *                     "foo:sr" make foo a read-only string
 *   getenv NAME       libuboot_get_env() on it
 *   loadfile PATH     libuboot_load_file(PATH) on it
 *
 * Files are written into the current directory (the temporary directory build.py runs
 * the driver in). libuboot_open() also takes /var/lock/fw_printenv.lock (its failure is
 * ignored by the library).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <libuboot.h>

#define CONFIG "errtrail-fw_env.config"
#define ENVFILE "errtrail-uboot.env"
#define ENVSIZE 0x4000

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "w");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(2);
	}
}

static void write_text(const char *path, const char *text)
{
	write_file(path, text, strlen(text));
}

/* A non-redundant environment: crc32 of the data, then "name=value\0" pairs, "\0". */
static void write_env(void)
{
	static const char vars[] = "foo=bar\0.flags=foo:sr\0";
	unsigned char *buf = calloc(1, ENVSIZE);
	uint32_t crc;

	memcpy(buf + 4, vars, sizeof(vars));
	crc = crc32(0, buf + 4, ENVSIZE - 4);
	memcpy(buf, &crc, 4);
	write_file(ENVFILE, buf, ENVSIZE);
	free(buf);
}

static struct uboot_ctx *open_env(const char *kind)
{
	struct uboot_ctx *ctx;
	int r;

	if (!strcmp(kind, "small")) {
		char small[100] = {0};
		write_file(ENVFILE, small, sizeof(small));
	} else if (!strcmp(kind, "badcrc")) {
		char *zero = calloc(1, ENVSIZE);
		write_file(ENVFILE, zero, ENVSIZE);
		free(zero);
	} else {
		write_env();
	}
	write_text(CONFIG, ENVFILE " 0x0 0x4000\n");
	if (libuboot_initialize(&ctx, NULL) < 0 || libuboot_read_config(ctx, CONFIG) < 0) {
		fprintf(stderr, "the good config failed\n");
		exit(2);
	}
	if (!strcmp(kind, "gone"))
		unlink(ENVFILE);
	r = libuboot_open(ctx);
	printf("libuboot_open(%s): %d\n", kind, r);
	return ctx;
}

int main(int argc, char **argv)
{
	struct uboot_ctx *ctx;
	int r;

	if (argc < 2) {
		fprintf(stderr, "usage: %s MODE [ARG...]\n", argv[0]);
		return 2;
	}
	const char *mode = argv[1], *arg = argc > 2 ? argv[2] : "";

	if (!strcmp(mode, "config")) {
		unlink(CONFIG);
		if (!strcmp(arg, "empty"))
			write_text(CONFIG, "");
		else if (!strcmp(arg, "zerosize"))
			write_text(CONFIG, ENVFILE " 0x0 0x0\n");
		else if (!strcmp(arg, "nodev"))
			write_text(CONFIG, "errtrail-nodir/uboot.env 0x0 0x4000\n");
		else if (!strcmp(arg, "negoffset"))
			write_text(CONFIG, ENVFILE " -0x4000 0x4000\n");
		else if (strcmp(arg, "missing")) {
			fprintf(stderr, "unknown kind %s\n", arg);
			return 2;
		}
		write_env();
		if (libuboot_initialize(&ctx, NULL) < 0)
			return 2;
		r = libuboot_read_config(ctx, CONFIG);
		printf("libuboot_read_config(%s): %d\n", arg, r);
	} else if (!strcmp(mode, "initialize")) {
		struct uboot_env_device devs[2] = {
			{ .devname = "errtrail-missing.env", .offset = 0, .envsize = ENVSIZE },
			{ .devname = "errtrail-missing2.env", .offset = 0, .envsize = ENVSIZE },
		};
		r = libuboot_initialize(&ctx, devs);
		printf("libuboot_initialize: %d\n", r);
	} else if (!strcmp(mode, "open")) {
		open_env(arg);
	} else if (!strcmp(mode, "setenv") && argc > 3) {
		ctx = open_env("good");
		r = libuboot_set_env(ctx, argv[2], argv[3]);
		printf("libuboot_set_env(%s, %s): %d\n", argv[2], argv[3], r);
	} else if (!strcmp(mode, "getenv")) {
		ctx = open_env("good");
		char *v = libuboot_get_env(ctx, arg);
		printf("libuboot_get_env(%s): %s\n", arg, v ? v : "(null)");
	} else if (!strcmp(mode, "loadfile")) {
		ctx = open_env("good");
		r = libuboot_load_file(ctx, arg);
		printf("libuboot_load_file(%s): %d\n", arg, r);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	return 0;
}
