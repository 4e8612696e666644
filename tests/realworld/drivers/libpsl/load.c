/* libpsl driver: loading PSL data from files. argv[1] selects the scenario.
 * Files are written afresh under /tmp/errtrail-libpsl-load/ on every run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <libpsl.h>

#define DIR_ "/tmp/errtrail-libpsl-load"

static const char *put(const char *name, const char *data, size_t len)
{
	static char path[256];
	FILE *f;

	mkdir(DIR_, 0755);
	snprintf(path, sizeof(path), DIR_ "/%s", name);
	unlink(path);
	if (!(f = fopen(path, "wb"))) {
		perror(path);
		exit(2);
	}
	fwrite(data, 1, len, f);
	fclose(f);
	return path;
}

static const char *subdir(void)
{
	mkdir(DIR_, 0755);
	mkdir(DIR_ "/dir", 0755);
	return DIR_ "/dir";
}

/* a DAFSA file whose header names format version 1 (libpsl reads version 0 only) */
static const char dafsa_v1[] = ".DAFSA@PSL_1   \n\x81" "com\x84\x01";

int main(int argc, char **argv)
{
	psl_ctx_t *psl = NULL;
	const char *m = argc > 1 ? argv[1] : "";
	FILE *fp;

	if (!strcmp(m, "null")) {
		psl = psl_load_file(NULL);
	} else if (!strcmp(m, "missing")) {
		rmdir(DIR_ "/nosuch.dat");
		unlink(DIR_ "/nosuch.dat");
		psl = psl_load_file(DIR_ "/nosuch.dat");
	} else if (!strcmp(m, "empty")) {
		psl = psl_load_file(put("empty.dat", "", 0));
	} else if (!strcmp(m, "dir")) {
		psl = psl_load_file(subdir());
	} else if (!strcmp(m, "fp-empty") || !strcmp(m, "fp-dir") || !strcmp(m, "fp-dafsa1")
		   || !strcmp(m, "fp-long")) {
		const char *path;

		if (!strcmp(m, "fp-empty"))
			path = put("empty.dat", "", 0);
		else if (!strcmp(m, "fp-dir"))
			path = subdir();
		else if (!strcmp(m, "fp-dafsa1"))
			path = put("v1.dafsa", dafsa_v1, sizeof(dafsa_v1) - 1);
		else {
			/* a rule of 150 characters: longer than a psl_entry_t's label_buf holds */
			char text[512];
			int n = snprintf(text, sizeof(text), "// ===BEGIN ICANN DOMAINS===\ncom\n");

			memset(text + n, 'a', 146);
			memcpy(text + n + 146, ".com\n", 5);
			n += 151;
			n += snprintf(text + n, sizeof(text) - n, "org\n// ===END ICANN DOMAINS===\n");
			path = put("long.dat", text, n);
		}
		if (!(fp = fopen(path, "rb"))) {
			perror(path);
			return 2;
		}
		psl = psl_load_fp(fp);
		fclose(fp);
	} else {
		fprintf(stderr, "usage: load null|missing|empty|dir|fp-empty|fp-dir|fp-dafsa1|fp-long\n");
		return 2;
	}
	printf("%s: %p\n", m, (void *)psl);
	if (psl)
		printf("suffixes: %d\n", psl_suffix_count(psl));
	psl_free(psl);
	return 0;
}
