/* errtrail real-library corpus: liblognorm driver.
 *
 * usage: lognorm MODE
 * Each mode loads a rulebase (from a string, or from a file this driver writes
 * afresh under /tmp/errtrail-liblognorm-rb/) or normalizes a message, and prints
 * the library's return value.  Rules with quotes are built here from the mode
 * name, because quotes do not survive the tracer's command line.
 *
 *   missing    ln_loadSamples() of /tmp/errtrail-liblognorm-none/missing.rb (absent)
 *   include    ln_loadSamplesFromString() with an include= of a missing file
 *   fileinclude ln_loadSamples() of a v2 rulebase file whose include= names a missing file
 *   badtype    rule with field type "nosuch"            (%x:nosuch%)
 *   usertype   rule with an undefined user type          (%x:@nosuch%)
 *   stringto   string-to field without extra data        (%x:string-to%)
 *   repeat     JSON repeat field with "parser" but no "while" (the program then dies
 *              with SIGSEGV inside ln_loadSamplesFromString(): ln_newParser() ignores the
 *              constructor's LN_BADCONFIG and ln_pdagOptimize()'s ln_displayPDAG() reads
 *              the repeat parser's NULL data; the traced constructor has returned by then)
 *   badjson    JSON field config that does not parse     (%{"type":"word"%)
 *   premature  legacy field without its closing '%'      (%x:number, no newline: a
 *              line ending inside an open %...% field would make ln_sampRead() check
 *              for a runaway rule with fgetpos() on the NULL FILE of string input)
 *   typename   type= line whose name lacks the '@'       (type=foo:%x:word%)
 *   nomatch    ln_normalize() of "bye" against rule=:hello %w:word%
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <liblognorm.h>

#define RBDIR "/tmp/errtrail-liblognorm-rb"

static void errcb(void *cookie, const char *msg, size_t len)
{
	(void)cookie;
	fprintf(stderr, "liblognorm error: %.*s\n", (int)len, msg);
}

static const char *write_rb(const char *name, const char *content)
{
	static char path[256];
	mkdir(RBDIR, 0700);
	snprintf(path, sizeof(path), RBDIR "/%s", name);
	FILE *f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fputs(content, f);
	fclose(f);
	return path;
}

static int from_string(ln_ctx ctx, const char *rb)
{
	int r = ln_loadSamplesFromString(ctx, rb);
	printf("ln_loadSamplesFromString: %d\n", r);
	return r;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s MODE\n", argv[0]);
		return 2;
	}
	const char *mode = argv[1];
	ln_ctx ctx = ln_initCtx();
	if (ctx == NULL) {
		fprintf(stderr, "ln_initCtx failed\n");
		return 2;
	}
	ln_setErrMsgCB(ctx, errcb, NULL);
	int r = 0;

	if (!strcmp(mode, "missing")) {
		rmdir("/tmp/errtrail-liblognorm-none");
		r = ln_loadSamples(ctx, "/tmp/errtrail-liblognorm-none/missing.rb");
		printf("ln_loadSamples: %d\n", r);
	} else if (!strcmp(mode, "fileinclude")) {
		rmdir("/tmp/errtrail-liblognorm-none");
		r = ln_loadSamples(ctx, write_rb("main.rb", "version=2\n"
				"include=/tmp/errtrail-liblognorm-none/inc.rb\n"));
		printf("ln_loadSamples: %d\n", r);
	} else if (!strcmp(mode, "include")) {
		rmdir("/tmp/errtrail-liblognorm-none");
		r = from_string(ctx, "include=/tmp/errtrail-liblognorm-none/inc.rb\n");
	} else if (!strcmp(mode, "badtype")) {
		r = from_string(ctx, "rule=:%x:nosuch%\n");
	} else if (!strcmp(mode, "usertype")) {
		r = from_string(ctx, "rule=:%x:@nosuch%\n");
	} else if (!strcmp(mode, "stringto")) {
		r = from_string(ctx, "rule=:%x:string-to%\n");
	} else if (!strcmp(mode, "repeat")) {
		r = from_string(ctx, "rule=:%{\"name\":\"r\",\"type\":\"repeat\","
				"\"parser\":{\"name\":\"n\",\"type\":\"number\"}}%\n");
	} else if (!strcmp(mode, "badjson")) {
		r = from_string(ctx, "rule=:%{\"type\":\"word\"%\n");
	} else if (!strcmp(mode, "premature")) {
		r = from_string(ctx, "rule=:%x:number");
	} else if (!strcmp(mode, "typename")) {
		r = from_string(ctx, "type=foo:%x:word%\n");
	} else if (!strcmp(mode, "nomatch")) {
		struct json_object *json = NULL;
		from_string(ctx, "rule=:hello %w:word%\n");
		r = ln_normalize(ctx, "bye", 3, &json);
		printf("ln_normalize: %d\n", r);
		if (json != NULL)
			json_object_put(json);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		ln_exitCtx(ctx);
		return 2;
	}
	ln_exitCtx(ctx);
	return 0;
}
