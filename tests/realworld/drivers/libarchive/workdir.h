/* realworld corpus drivers for libarchive: shared helpers.  Every driver works in a fresh
 * directory errtrail-libarchive/ under the current directory. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void need(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		exit(2);
	}
}

static void enter_workdir(void)
{
	need(system("rm -rf errtrail-libarchive") == 0, "rm");
	need(mkdir("errtrail-libarchive", 0700) == 0 && chdir("errtrail-libarchive") == 0,
	     "errtrail-libarchive");
}

static void __attribute__((unused)) write_bytes(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	need(f != NULL, path);
	need(fwrite(buf, 1, len, f) == len && fclose(f) == 0, path);
}
