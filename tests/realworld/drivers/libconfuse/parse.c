/* realworld corpus driver: libConfuse's parser on small configuration texts.
 *
 * parse MODE: hands one fixed configuration text to cfg_parse_buf(), or for
 * MODE "file" writes it to /tmp/errtrail-libconfuse-parse/bad.conf and calls
 * cfg_parse() on that file. The texts (kept short: the lexer and the parser
 * are traced statement by statement):
 *
 *   int      port = 80x              (not an integer)
 *   float    timeout = 2.5s          (not a floating point number)
 *   brace    name = web } ...        (closing brace at the top level)
 *   equal    name web                (no '=' after the option name)
 *   args     include("a", "b")       (cfg_include() takes one argument)
 *   eof      port =                  (file ends before the value)
 *   file     host web { port = 1 } host web { }
 *                                    (a second section titled "web", which
 *                                     CFGF_NO_TITLE_DUPES forbids; via cfg_parse())
 *   depth    include("/tmp/errtrail-libconfuse-inc/self.conf"), a file that
 *            includes itself: the eleventh include exceeds MAX_INCLUDE_DEPTH (10)
 *   missing  include("/tmp/errtrail-libconfuse-none/missing.conf"), which does
 *            not exist
 *   searchdir cfg_add_searchpath(cfg, "/tmp/errtrail-libconfuse-sp"), then
 *            cfg_parse(cfg, "conf.d"), where /tmp/errtrail-libconfuse-sp/conf.d is
 *            a directory (made here), not a regular file
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <confuse.h>

static cfg_opt_t host_opts[] = {
	CFG_INT("port", 22, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t opts[] = {
	CFG_STR("name", "example", CFGF_NONE),
	CFG_INT("port", 80, CFGF_NONE),
	CFG_FLOAT("timeout", 1.5, CFGF_NONE),
	CFG_BOOL("verbose", cfg_false, CFGF_NONE),
	CFG_INT_LIST("ports", 0, CFGF_NONE),
	CFG_SEC("host", host_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_FUNC("include", cfg_include),
	CFG_END()
};

static int write_file(const char *dir, const char *path, const char *text)
{
	FILE *f;

	mkdir(dir, 0755);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		return -1;
	}
	fputs(text, f);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	const char *text = NULL;
	cfg_t *cfg;
	int rc;

	if (!strcmp(mode, "int"))
		text = "port = 80x\n";
	else if (!strcmp(mode, "float"))
		text = "timeout = 2.5s\n";
	else if (!strcmp(mode, "brace"))
		text = "name = web\n}\n";
	else if (!strcmp(mode, "equal"))
		text = "name web\n";
	else if (!strcmp(mode, "args"))
		text = "include(\"a\", \"b\")\n";
	else if (!strcmp(mode, "eof"))
		text = "port =\n";
	else if (!strcmp(mode, "file"))
		text = "host web {\n  port = 1\n}\nhost web {\n}\n";
	else if (!strcmp(mode, "depth")) {
		if (write_file("/tmp/errtrail-libconfuse-inc", "/tmp/errtrail-libconfuse-inc/self.conf",
			       "include(\"/tmp/errtrail-libconfuse-inc/self.conf\")\n"))
			return 2;
		text = "include(\"/tmp/errtrail-libconfuse-inc/self.conf\")\n";
	} else if (!strcmp(mode, "missing")) {
		remove("/tmp/errtrail-libconfuse-none/missing.conf");
		rmdir("/tmp/errtrail-libconfuse-none");
		text = "include(\"/tmp/errtrail-libconfuse-none/missing.conf\")\n";
	} else if (!strcmp(mode, "searchdir")) {
		mkdir("/tmp/errtrail-libconfuse-sp", 0755);
		mkdir("/tmp/errtrail-libconfuse-sp/conf.d", 0755);
		text = "";
	} else {
		fprintf(stderr, "usage: parse int|float|brace|equal|args|eof|file|depth|missing|searchdir\n");
		return 2;
	}

	cfg = cfg_init(opts, CFGF_NONE);
	if (!cfg) {
		perror("cfg_init");
		return 1;
	}
	if (!strcmp(mode, "file")) {
		if (write_file("/tmp/errtrail-libconfuse-parse", "/tmp/errtrail-libconfuse-parse/bad.conf", text))
			return 2;
		rc = cfg_parse(cfg, "/tmp/errtrail-libconfuse-parse/bad.conf");
		printf("cfg_parse: %d\n", rc);
	} else if (!strcmp(mode, "searchdir")) {
		if (cfg_add_searchpath(cfg, "/tmp/errtrail-libconfuse-sp") != CFG_SUCCESS) {
			perror("cfg_add_searchpath");
			return 1;
		}
		rc = cfg_parse(cfg, "conf.d");
		printf("cfg_parse: %d\n", rc);
	} else {
		rc = cfg_parse_buf(cfg, text);
		printf("cfg_parse_buf: %d\n", rc);
	}
	cfg_free(cfg);
	return 0;
}
