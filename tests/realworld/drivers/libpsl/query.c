/* libpsl driver: queries on loaded or built-in PSL data. argv[1] selects the scenario.
 * Bytes outside ASCII are passed as %XX escapes and decoded before the call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <libpsl.h>

static char *unescape(const char *s)
{
	char *out = malloc(strlen(s) + 1), *d = out;

	while (*s) {
		unsigned int c;

		if (s[0] == '%' && s[1] && s[2] && sscanf(s + 1, "%2x", &c) == 1) {
			*d++ = (char)c;
			s += 3;
		} else
			*d++ = *s++;
	}
	*d = 0;
	return out;
}

/* the DAFSA psl-make-dafsa --output-format=binary makes from a list holding the one
 * ICANN rule "com": offset 1 (last), "com", return value 4 (ICANN), UTF-8 mode byte */
static const char dafsa_com[] = ".DAFSA@PSL_0   \n\x81" "com\x84\x01";

static psl_ctx_t *load_dafsa(void)
{
	const char *path = "/tmp/errtrail-libpsl-query/com.dafsa";
	FILE *f;
	psl_ctx_t *psl;

	mkdir("/tmp/errtrail-libpsl-query", 0755);
	unlink(path);
	if (!(f = fopen(path, "wb")))
		exit(2);
	fwrite(dafsa_com, 1, sizeof(dafsa_com) - 1, f);
	fclose(f);
	if (!(psl = psl_load_file(path))) {
		fprintf(stderr, "cannot load %s\n", path);
		exit(2);
	}
	return psl;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	const psl_ctx_t *builtin = psl_builtin();

	if (!strcmp(m, "regdom") && argc == 3) {
		const char *r = psl_registrable_domain(builtin, argv[2]);
		printf("registrable(%s) = %s\n", argv[2], r ? r : "(null)");
	} else if (!strcmp(m, "cookie") && argc == 4) {
		printf("cookie(%s, %s) = %d\n", argv[2], argv[3],
		       psl_is_cookie_domain_acceptable(builtin, argv[2], argv[3]));
	} else if (!strcmp(m, "labels") && argc == 3) {
		/* a host name of N one-letter labels: a.a.a...a */
		int n = atoi(argv[2]), i;
		char *d = malloc(2 * n + 1);

		for (i = 0; i < n; i++) {
			d[2 * i] = 'a';
			d[2 * i + 1] = '.';
		}
		d[2 * n - 1] = 0;
		printf("public(%d labels) = %d\n", n, psl_is_public_suffix(builtin, d));
		free(d);
	} else if (!strcmp(m, "lower") && argc == 4) {
		char *str = unescape(argv[2]), *lower = NULL;
		const char *enc = strcmp(argv[3], "-") ? argv[3] : NULL;
		psl_error_t rc = psl_str_to_utf8lower(str, enc, NULL, &lower);

		printf("lower(%s, %s) = %d %s\n", argv[2], argv[3], rc, lower ? lower : "(null)");
		psl_free_string(lower);
		free(str);
	} else if (!strcmp(m, "lookup") && argc == 3) {
		/* PSL_TYPE_NO_STAR_RULE: a single label is looked up, not taken as a TLD */
		psl_ctx_t *psl = load_dafsa();

		printf("public(%s) = %d\n", argv[2],
		       psl_is_public_suffix2(psl, argv[2], PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE));
		psl_free(psl);
	} else {
		fprintf(stderr, "usage: query regdom D | cookie HOST DOMAIN | labels N | lower STR ENC|- | lookup KEY\n");
		return 2;
	}
	return 0;
}
