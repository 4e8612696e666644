/* realworld corpus driver: libconfig's readers and path lookups.
 *
 * Quotes do not survive the tracer's command line, so the configuration texts are
 * chosen by keyword (TEXT below); files are written afresh under
 * /tmp/errtrail-libconfig-read/.
 *
 * file TEXT                  config_read_file() of /tmp/errtrail-libconfig-read/TEXT.cfg
 * string TEXT                config_read_string() of TEXT
 * lookup_int PATH            config_lookup_int() in the "good" text
 * lookup_string PATH         config_lookup_string() in the "good" text
 * lookup PATH                config_lookup() in the "good" text
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libconfig.h>

#define DIR "/tmp/errtrail-libconfig-read"

static const struct text {
	const char *key;
	const char *text;
} texts[] = {
	/* a well-formed configuration */
	{"good", "name = \"web\";\nport = 8080;\nratio = 0.5;\ndebug = true;\n"
		 "limits = { max = 10; };\nports = [ 80, 443 ];\nmixed = ( \"a\", 1 );\n"},
	/* a setting with no value: syntax error on line 2 */
	{"syntax", "port = 8080;\nname = ;\n"},
	/* the same name twice in one group */
	{"dup", "port = 8080;\nport = 9090;\n"},
	/* an array whose second element is a string */
	{"array", "ports = [ 8080, \"http\" ];\n"},
	/* an include of a file that does not exist */
	{"include", "port = 8080;\n@include \"" DIR "/none.cfg\"\n"},
	/* a file that includes itself */
	{"deep", "@include \"" DIR "/deep.cfg\"\n"},
	{NULL, NULL},
};

static const char *text(const char *key)
{
	const struct text *t;

	for (t = texts; t->key; t++)
		if (!strcmp(t->key, key))
			return t->text;
	fprintf(stderr, "no text %s\n", key);
	exit(2);
}

static void report(const config_t *cfg, int rc)
{
	printf("rc=%d type=%d text=%s file=%s line=%d\n", rc, (int)config_error_type(cfg),
	       config_error_text(cfg) ? config_error_text(cfg) : "(null)",
	       config_error_file(cfg) ? config_error_file(cfg) : "(null)",
	       config_error_line(cfg));
}

int main(int argc, char **argv)
{
	config_t cfg;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: read MODE ARG\n");
		return 2;
	}
	config_init(&cfg);
	if (!strcmp(argv[1], "file")) {
		char path[256];
		FILE *f;

		if (mkdir(DIR, 0700) < 0 && errno != EEXIST) {
			perror(DIR);
			return 2;
		}
		snprintf(path, sizeof(path), DIR "/%s.cfg", argv[2]);
		f = fopen(path, "w");
		if (!f || fputs(text(argv[2]), f) < 0 || fclose(f) != 0) {
			perror(path);
			return 2;
		}
		rc = config_read_file(&cfg, path);
		report(&cfg, rc);
	} else if (!strcmp(argv[1], "string")) {
		rc = config_read_string(&cfg, text(argv[2]));
		report(&cfg, rc);
	} else {
		if (!config_read_string(&cfg, text("good"))) {
			report(&cfg, 0);
			return 2;
		}
		if (!strcmp(argv[1], "lookup_int")) {
			int v = -1;
			rc = config_lookup_int(&cfg, argv[2], &v);
			printf("lookup_int(%s): %d value %d\n", argv[2], rc, v);
		} else if (!strcmp(argv[1], "lookup_string")) {
			const char *v = NULL;
			rc = config_lookup_string(&cfg, argv[2], &v);
			printf("lookup_string(%s): %d value %s\n", argv[2], rc, v ? v : "(null)");
		} else if (!strcmp(argv[1], "lookup")) {
			config_setting_t *s = config_lookup(&cfg, argv[2]);
			printf("lookup(%s): %p\n", argv[2], (void *)s);
		} else {
			fprintf(stderr, "unknown mode %s\n", argv[1]);
			return 2;
		}
	}
	config_destroy(&cfg);
	return 0;
}
