/* realworld corpus driver: libpcre2-8 compile, match, substring and substitute calls with
 * bad input. Strings (PATTERN, SUBJECT, NAME, REPL) take %XX escapes, decoded before the
 * call (bytes outside ASCII and '$' do not survive the tracer's command line); numbers
 * (COPTS, MOPTS, ...) are C integers (0x... allowed).
 *   re compile PATTERN               pcre2_compile(PATTERN, 0)
 *   re match PATTERN COPTS SUBJECT OFFSET MOPTS
 *                                    pcre2_compile(PATTERN, COPTS), then
 *                                    pcre2_match(SUBJECT, OFFSET, MOPTS)
 *   re jitmatch PATTERN COPTS SUBJECT
 *                                    the same, with pcre2_jit_compile(PCRE2_JIT_COMPLETE)
 *                                    before pcre2_match(SUBJECT, 0, 0)
 *   re jitonly PATTERN SUBJECT       pcre2_jit_match() of a pattern never JIT-compiled
 *   re heaplimit PATTERN SUBJECT KIB pcre2_match() with pcre2_set_heap_limit(KIB)
 *   re matchlimit PATTERN SUBJECT N  pcre2_match() with pcre2_set_match_limit(N)
 *   re getname PATTERN SUBJECT NAME  pcre2_match(), then pcre2_substring_get_byname(NAME)
 *   re copyname PATTERN SUBJECT NAME pcre2_match(), then pcre2_substring_copy_byname(NAME)
 *                                    into a 64-byte buffer
 *   re copynum PATTERN SUBJECT N LEN pcre2_match(), then pcre2_substring_copy_bynumber(N)
 *                                    into a buffer of LEN code units
 *   re subst PATTERN SUBJECT REPL OPTS
 *                                    pcre2_substitute(SUBJECT, REPL, OPTS) into 256 units
 * Each prints what the calls returned and pcre2_get_error_message() of an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

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

/* decode %XX escapes in place; return the length */
static size_t unescape(char *s)
{
	char *out = s, *in = s;

	while (*in) {
		if (in[0] == '%' && hexval(in[1]) >= 0 && hexval(in[2]) >= 0) {
			*out++ = (char)(hexval(in[1]) * 16 + hexval(in[2]));
			in += 3;
		} else {
			*out++ = *in++;
		}
	}
	*out = 0;
	return (size_t)(out - s);
}

static unsigned long num(const char *s)
{
	return strtoul(s, NULL, 0);
}

static void show(const char *what, int rc)
{
	PCRE2_UCHAR msg[256];

	if (rc < 0 && pcre2_get_error_message(rc, msg, sizeof(msg)) >= 0)
		printf("%s: %d (%s)\n", what, rc, (char *)msg);
	else
		printf("%s: %d\n", what, rc);
}

static pcre2_code *compile(char *pattern, uint32_t options)
{
	int err;
	PCRE2_SIZE off;
	size_t len = unescape(pattern);
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, len, options, &err, &off, NULL);

	if (re == NULL) {
		show("pcre2_compile", err);
		printf("at offset %zu\n", (size_t)off);
	}
	return re;
}

/* compile PATTERN (must succeed), match SUBJECT with MCTX; return the match data */
static pcre2_match_data *run(char *pattern, uint32_t copts, char *subject, size_t offset,
			     uint32_t mopts, pcre2_match_context *mctx, int jit)
{
	pcre2_code *re = compile(pattern, copts);
	pcre2_match_data *md;
	size_t len = unescape(subject);

	if (re == NULL)
		exit(2);
	if (jit)
		show("pcre2_jit_compile", pcre2_jit_compile(re, PCRE2_JIT_COMPLETE));
	md = pcre2_match_data_create_from_pattern(re, NULL);
	if (md == NULL)
		exit(2);
	show("pcre2_match", pcre2_match(re, (PCRE2_SPTR)subject, len, offset, mopts, md, mctx));
	return md;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "compile") && argc > 2) {
		pcre2_code *re = compile(argv[2], 0);

		printf("pcre2_compile: %p\n", (void *)re);
	} else if (!strcmp(argv[1], "match") && argc > 6) {
		run(argv[2], num(argv[3]), argv[4], num(argv[5]), num(argv[6]), NULL, 0);
	} else if (!strcmp(argv[1], "jitmatch") && argc > 4) {
		run(argv[2], num(argv[3]), argv[4], 0, 0, NULL, 1);
	} else if (!strcmp(argv[1], "jitonly") && argc > 3) {
		pcre2_code *re = compile(argv[2], 0);
		pcre2_match_data *md;
		size_t len = unescape(argv[3]);

		if (re == NULL || (md = pcre2_match_data_create_from_pattern(re, NULL)) == NULL)
			return 2;
		show("pcre2_jit_match", pcre2_jit_match(re, (PCRE2_SPTR)argv[3], len, 0, 0, md, NULL));
	} else if ((!strcmp(argv[1], "heaplimit") || !strcmp(argv[1], "matchlimit")) && argc > 4) {
		pcre2_match_context *mctx = pcre2_match_context_create(NULL);

		if (mctx == NULL)
			return 2;
		if (argv[1][0] == 'h')
			pcre2_set_heap_limit(mctx, num(argv[4]));
		else
			pcre2_set_match_limit(mctx, num(argv[4]));
		run(argv[2], 0, argv[3], 0, 0, mctx, 0);
	} else if (!strcmp(argv[1], "getname") && argc > 4) {
		pcre2_match_data *md = run(argv[2], 0, argv[3], 0, 0, NULL, 0);
		PCRE2_UCHAR *str = NULL;
		PCRE2_SIZE len = 0;

		unescape(argv[4]);
		show("pcre2_substring_get_byname",
		     pcre2_substring_get_byname(md, (PCRE2_SPTR)argv[4], &str, &len));
	} else if (!strcmp(argv[1], "copyname") && argc > 4) {
		pcre2_match_data *md = run(argv[2], 0, argv[3], 0, 0, NULL, 0);
		PCRE2_UCHAR buf[64];
		PCRE2_SIZE len = sizeof(buf);

		unescape(argv[4]);
		show("pcre2_substring_copy_byname",
		     pcre2_substring_copy_byname(md, (PCRE2_SPTR)argv[4], buf, &len));
	} else if (!strcmp(argv[1], "copynum") && argc > 5) {
		pcre2_match_data *md = run(argv[2], 0, argv[3], 0, 0, NULL, 0);
		PCRE2_UCHAR buf[256];
		PCRE2_SIZE len = num(argv[5]);

		if (len > sizeof(buf))
			return 2;
		show("pcre2_substring_copy_bynumber",
		     pcre2_substring_copy_bynumber(md, num(argv[4]), buf, &len));
	} else if (!strcmp(argv[1], "subst") && argc > 5) {
		pcre2_code *re = compile(argv[2], 0);
		size_t slen = unescape(argv[3]), rlen = unescape(argv[4]);
		PCRE2_UCHAR out[256];
		PCRE2_SIZE olen = sizeof(out);

		if (re == NULL)
			return 2;
		show("pcre2_substitute",
		     pcre2_substitute(re, (PCRE2_SPTR)argv[3], slen, 0, num(argv[5]), NULL, NULL,
				      (PCRE2_SPTR)argv[4], rlen, out, &olen));
		printf("length %zu\n", (size_t)olen);
	} else {
		return 2;
	}
	return 0;
}
