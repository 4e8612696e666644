/* realworld corpus drivers for libgit2: shared helpers.
 *
 * decode(): an argument with %XX escapes (newlines, spaces, quotes and other bytes that do
 * not survive the tracer's command line) turned into the bytes it spells.
 * put_file(): writes bytes to a path, exits 2 on failure.
 * fresh_dir(): removes DIR and what is in it (one level) and makes it again, empty.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <git2.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* %XX escapes decoded in place; returns the length */
static size_t decode(char *s)
{
	char *o = s;

	for (char *p = s; *p; p++) {
		if (p[0] == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			*o++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = 0;
	return (size_t)(o - s);
}

/* bytes spelled in hex; returns the length */
static size_t unhex(const char *hex, unsigned char *out, size_t max)
{
	size_t n = 0;

	for (; hexval(hex[0]) >= 0 && hexval(hex[1]) >= 0 && n < max; hex += 2)
		out[n++] = (unsigned char)(hexval(hex[0]) * 16 + hexval(hex[1]));
	return n;
}

static void put_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

static void rm_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[1024];

	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			rm_tree(sub);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void fresh_dir(const char *dir)
{
	rm_tree(dir);
	if (mkdir(dir, 0755) < 0) {
		perror(dir);
		exit(2);
	}
}

static void report(const char *what, int rc)
{
	const git_error *e = git_error_last();

	printf("%s: %d (%s)\n", what, rc, e && e->message ? e->message : "no message");
}
