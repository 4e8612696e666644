/* realworld corpus driver: unibilium's terminfo loaders.
 *
 * load mem HEX            unibi_from_mem() on the bytes HEX gives
 * load fd HEX             unibi_from_fd() on a file holding them
 * load file HEX           unibi_from_file() on a file holding them
 * load fp HEX             unibi_from_fp() on a file holding them
 * load terminfo NAME      unibi_from_term(NAME), $TERMINFO an empty directory
 * load dirs NAME HEX      unibi_from_term(NAME), $TERMINFO_DIRS two directories, the
 *                         second holding N/NAME (N its first letter) with the bytes HEX
 * load home NAME HEX      unibi_from_term(NAME), $HOME/.terminfo/N/NAME holding HEX
 * load env TERM           unibi_from_env() with $TERM set to TERM
 *
 * Files are written afresh under /tmp/errtrail-libunibilium-*. $TERMINFO,
 * $TERMINFO_DIRS and $HOME are set (or unset) here, whatever the caller had.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <unibilium.h>

#define BASE "/tmp/errtrail-libunibilium-load"

static size_t unhex(const char *s, char *out, size_t max)
{
	size_t n = 0;
	unsigned int b;

	while (s[0] && s[1] && n < max) {
		if (sscanf(s, "%2x", &b) != 1)
			break;
		out[n++] = (char)b;
		s += 2;
	}
	return n;
}

static void mkdirs(const char *path)
{
	char buf[512];
	char *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
	}
	mkdir(buf, 0755);
}

static void rmtree(void)
{
	system("rm -rf " BASE);
}

static void write_file(const char *path, const char *hex)
{
	char buf[4096];
	size_t n = unhex(hex, buf, sizeof(buf));
	FILE *f;

	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fwrite(buf, 1, n, f);
	fclose(f);
}

/* DIR/N/NAME holding HEX */
static void write_term(const char *dir, const char *name, const char *hex)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%c", dir, name[0]);
	mkdirs(path);
	snprintf(path, sizeof(path), "%s/%c/%s", dir, name[0], name);
	write_file(path, hex);
}

static void show(const char *what, unibi_term *ut)
{
	int e = errno;

	if (ut) {
		printf("%s: %s\n", what, unibi_get_name(ut));
		unibi_destroy(ut);
	} else {
		printf("%s: NULL (%s)\n", what, strerror(e));
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	const char *file = BASE "/term.bin";
	char buf[4096];
	size_t n;

	if (argc < 3) {
		fprintf(stderr, "usage: load MODE ARG...\n");
		return 2;
	}
	rmtree();
	mkdirs(BASE);
	unsetenv("TERMINFO");
	unsetenv("TERMINFO_DIRS");
	setenv("HOME", BASE "/home", 1);
	mkdirs(BASE "/home");

	if (!strcmp(mode, "mem")) {
		n = unhex(argv[2], buf, sizeof(buf));
		show("from_mem", unibi_from_mem(buf, n));
	} else if (!strcmp(mode, "fd")) {
		int fd;

		write_file(file, argv[2]);
		fd = open(file, O_RDONLY);
		if (fd < 0) {
			perror(file);
			return 2;
		}
		show("from_fd", unibi_from_fd(fd));
		close(fd);
	} else if (!strcmp(mode, "file")) {
		write_file(file, argv[2]);
		show("from_file", unibi_from_file(file));
	} else if (!strcmp(mode, "fp")) {
		FILE *fp;

		write_file(file, argv[2]);
		fp = fopen(file, "rb");
		if (!fp) {
			perror(file);
			return 2;
		}
		show("from_fp", unibi_from_fp(fp));
		fclose(fp);
	} else if (!strcmp(mode, "terminfo")) {
		mkdirs(BASE "/ti");
		setenv("TERMINFO", BASE "/ti", 1);
		show("from_term", unibi_from_term(argv[2]));
	} else if (!strcmp(mode, "dirs") && argc > 3) {
		mkdirs(BASE "/d1");
		write_term(BASE "/d2", argv[2], argv[3]);
		setenv("TERMINFO_DIRS", BASE "/d1:" BASE "/d2", 1);
		show("from_term", unibi_from_term(argv[2]));
	} else if (!strcmp(mode, "home") && argc > 3) {
		write_term(BASE "/home/.terminfo", argv[2], argv[3]);
		show("from_term", unibi_from_term(argv[2]));
	} else if (!strcmp(mode, "env")) {
		setenv("TERM", argv[2], 1);
		show("from_env", unibi_from_env());
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	rmtree();
	return 0;
}
