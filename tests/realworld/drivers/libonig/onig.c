/* realworld corpus driver: Oniguruma (6.9.8) with bad patterns, subjects and parameters.
 * Oniguruma returns negative ONIGERR_* codes (-15 ONIGERR_MATCH_STACK_LIMIT_OVER, -17
 * ONIGERR_RETRY_LIMIT_IN_MATCH_OVER, -30 ONIGERR_INVALID_ARGUMENT, -117 unmatched
 * parenthesis, -123 invalid repeat range, -201 too big repeat number, -202 upper smaller
 * than lower, -208 invalid backref, -210 too many captures, -217 undefined name, -219
 * multiplex defined name, -223 invalid property name, -229 undefined callout name, -232
 * invalid callout arg, -400 invalid wide char, -402 encoding combination, -403 options)
 * and ONIG_MISMATCH (-1) for no match; some getters return NULL.
 * Usage: onig [SETTING ...] MODE ARGS, with SETTINGs before MODE:
 *   caplimit=N  onig_set_capture_num_limit(N)      stack=N  onig_set_match_stack_limit_size(N)
 *   retry=N     onig_set_retry_limit_in_match(N)   syntax=oniguruma|perl|perl_ng|java|python|
 *               posix_extended|ruby                enc=utf8|ascii|utf16le (pattern encoding)
 *   opt=NAME[,NAME...]  compile options (capture, dontcapture, ignorecase, longest, ...)
 * Modes:
 *   new PATTERN                  onig_new(PATTERN)
 *   deluxe PATTERN TARGETENC     onig_new_deluxe(PATTERN) with the pattern in enc and the
 *                                target in TARGETENC
 *   search PATTERN SUBJECT [OPT] onig_search(whole SUBJECT) with search options OPT
 *   match PATTERN SUBJECT [OPT]  onig_match(SUBJECT at its start) with options OPT
 *   scan PATTERN SUBJECT         onig_scan(SUBJECT), a callback that counts matches
 *   name PATTERN NAME            onig_name_to_backref_number(NAME)
 *   groups PATTERN NAME          onig_name_to_group_numbers(NAME)
 *   regset PAT[:ENC] ...         onig_regset_new of one regex per PAT (encoding ENC or enc)
 *   regsetsearch START RANGE PAT ...
 *                                onig_regset_search("abcabc", START, RANGE offsets)
 *   regsetget AT PAT ...         onig_regset_get_regex(set, AT)
 *   tagstart PATTERN NUM         onig_get_callout_tag_start(regex, NUM)
 *   stepback SUBJECT N           onigenc_step_back(UTF-8, SUBJECT, its end, N)
 *   userprop NAME                onig_unicode_define_user_property(NAME, {1, 'a', 'z'})
 * Patterns, names and subjects take %XX escapes (bytes outside ASCII, '$', backslashes do
 * not survive the tracer's command line); a SUBJECT is comma-separated pieces, each TEXT or
 * N*TEXT (TEXT repeated N times).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <oniguruma.h>

static OnigEncoding penc;
static OnigSyntaxType *syntax;
static OnigOptionType copt = ONIG_OPTION_NONE;

static size_t unesc(const char *in, char *out)
{
	size_t n = 0;
	unsigned int b;

	while (*in) {
		if (in[0] == '%' && in[1] && in[2] && sscanf(in + 1, "%2x", &b) == 1) {
			out[n++] = (char)b;
			in += 3;
		} else
			out[n++] = *in++;
	}
	out[n] = '\0';
	return n;
}

static UChar *str(const char *arg, size_t *len)
{
	char *out = malloc(strlen(arg) + 1);

	*len = unesc(arg, out);
	return (UChar *)out;
}

static UChar *subject(const char *arg, size_t *len)
{
	char *copy = strdup(arg), *piece, *save = NULL;
	size_t cap = 1 << 16, n = 0;
	UChar *out = malloc(cap);

	for (piece = strtok_r(copy, ",", &save); piece; piece = strtok_r(NULL, ",", &save)) {
		char *star = strchr(piece, '*');
		long rep = 1, i;
		size_t plen;
		UChar *p;

		if (star && star != piece && strspn(piece, "0123456789") == (size_t)(star - piece)) {
			rep = strtol(piece, NULL, 10);
			piece = star + 1;
		}
		p = str(piece, &plen);
		for (i = 0; i < rep; i++) {
			if (n + plen + 1 > cap)
				out = realloc(out, cap *= 2);
			memcpy(out + n, p, plen);
			n += plen;
		}
		free(p);
	}
	out[n] = '\0';
	*len = n;
	free(copy);
	return out;
}

static OnigEncoding encoding(const char *name)
{
	if (strcmp(name, "utf8") == 0)
		return ONIG_ENCODING_UTF8;
	if (strcmp(name, "ascii") == 0)
		return ONIG_ENCODING_ASCII;
	if (strcmp(name, "utf16le") == 0)
		return ONIG_ENCODING_UTF16_LE;
	fprintf(stderr, "unknown encoding %s\n", name);
	exit(2);
}

static OnigSyntaxType *syntax_named(const char *name)
{
	if (strcmp(name, "oniguruma") == 0)
		return ONIG_SYNTAX_ONIGURUMA;
	if (strcmp(name, "perl") == 0)
		return ONIG_SYNTAX_PERL;
	if (strcmp(name, "perl_ng") == 0)
		return ONIG_SYNTAX_PERL_NG;
	if (strcmp(name, "java") == 0)
		return ONIG_SYNTAX_JAVA;
	if (strcmp(name, "python") == 0)
		return ONIG_SYNTAX_PYTHON;
	if (strcmp(name, "posix_extended") == 0)
		return ONIG_SYNTAX_POSIX_EXTENDED;
	if (strcmp(name, "ruby") == 0)
		return ONIG_SYNTAX_RUBY;
	fprintf(stderr, "unknown syntax %s\n", name);
	exit(2);
}

static OnigOptionType options(const char *list)
{
	static const struct {
		const char *name;
		OnigOptionType opt;
	} names[] = {
		{"none", ONIG_OPTION_NONE},
		{"ignorecase", ONIG_OPTION_IGNORECASE},
		{"extend", ONIG_OPTION_EXTEND},
		{"multiline", ONIG_OPTION_MULTILINE},
		{"singleline", ONIG_OPTION_SINGLELINE},
		{"longest", ONIG_OPTION_FIND_LONGEST},
		{"notempty", ONIG_OPTION_FIND_NOT_EMPTY},
		{"capture", ONIG_OPTION_CAPTURE_GROUP},
		{"dontcapture", ONIG_OPTION_DONT_CAPTURE_GROUP},
		{"notbol", ONIG_OPTION_NOTBOL},
		{"noteol", ONIG_OPTION_NOTEOL},
		{"posixregion", ONIG_OPTION_POSIX_REGION},
		{"check", ONIG_OPTION_CHECK_VALIDITY_OF_STRING},
	};
	char *copy = strdup(list), *name, *save = NULL;
	OnigOptionType o = ONIG_OPTION_NONE;
	size_t i;

	for (name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strcmp(names[i].name, name) == 0)
				break;
		if (i == sizeof(names) / sizeof(names[0])) {
			fprintf(stderr, "unknown option %s\n", name);
			exit(2);
		}
		o |= names[i].opt;
	}
	free(copy);
	return o;
}

static void report(const char *what, int r, OnigErrorInfo *einfo)
{
	UChar msg[ONIG_MAX_ERROR_MESSAGE_LEN];
	OnigErrorInfo none;

	if (einfo == NULL) {
		none.enc = penc;
		none.par = none.par_end = NULL;
		einfo = &none;
	}
	if (r < 0 && r != ONIG_MISMATCH) {
		onig_error_code_to_str(msg, r, einfo);
		printf("%s = %d (%s)\n", what, r, msg);
	} else
		printf("%s = %d\n", what, r);
}

static regex_t *compile_enc(const char *arg, OnigEncoding enc)
{
	OnigErrorInfo einfo;
	regex_t *reg;
	size_t len;
	UChar *pat = str(arg, &len);
	int r = onig_new(&reg, pat, pat + len, copt, enc, syntax, &einfo);

	report("onig_new", r, &einfo);
	if (r != ONIG_NORMAL)
		exit(1);
	return reg;
}

static regex_t *compile(const char *arg)
{
	return compile_enc(arg, penc);
}

static int count_match(int n, int r, OnigRegion *region, void *arg)
{
	(void)r;
	(void)region;
	(void)arg;
	printf("scan match %d at %d\n", n, r);
	return 0;
}

static OnigRegSet *regset(int n, char **pats)
{
	regex_t **regs = calloc(n, sizeof(*regs));
	OnigRegSet *set;
	int i, r;

	for (i = 0; i < n; i++) {
		char *pat = strdup(pats[i]), *colon = strrchr(pat, ':');
		OnigEncoding enc = penc;

		if (colon) {
			*colon = '\0';
			enc = encoding(colon + 1);
		}
		regs[i] = compile_enc(pat, enc);
		free(pat);
	}
	r = onig_regset_new(&set, n, regs);
	report("onig_regset_new", r, NULL);
	if (r != ONIG_NORMAL)
		exit(1);
	return set;
}

int main(int argc, char **argv)
{
	OnigEncoding use[] = {ONIG_ENCODING_UTF8, ONIG_ENCODING_ASCII, ONIG_ENCODING_UTF16_LE};
	OnigErrorInfo einfo;
	const char *mode;
	int a = 1, r;
	size_t len, slen;
	UChar *pat, *s;
	regex_t *reg;
	OnigRegion *region;

	penc = ONIG_ENCODING_UTF8;
	syntax = ONIG_SYNTAX_ONIGURUMA;
	for (; a < argc && strchr(argv[a], '='); a++) {
		char *eq = strchr(argv[a], '=');
		unsigned long v = strtoul(eq + 1, NULL, 0);

		if (strncmp(argv[a], "caplimit=", 9) == 0)
			onig_set_capture_num_limit((int)v);
		else if (strncmp(argv[a], "stack=", 6) == 0)
			onig_set_match_stack_limit_size((unsigned int)v);
		else if (strncmp(argv[a], "retry=", 6) == 0)
			onig_set_retry_limit_in_match(v);
		else if (strncmp(argv[a], "syntax=", 7) == 0)
			syntax = syntax_named(eq + 1);
		else if (strncmp(argv[a], "enc=", 4) == 0)
			penc = encoding(eq + 1);
		else if (strncmp(argv[a], "opt=", 4) == 0)
			copt = options(eq + 1);
		else {
			fprintf(stderr, "unknown setting %s\n", argv[a]);
			return 2;
		}
	}
	if (a >= argc)
		return 2;
	mode = argv[a++];
	onig_initialize(use, sizeof(use) / sizeof(use[0]));

	if (strcmp(mode, "new") == 0 && a + 1 == argc) {
		pat = str(argv[a], &len);
		r = onig_new(&reg, pat, pat + len, copt, penc, syntax, &einfo);
		report("onig_new", r, &einfo);
		return r != ONIG_NORMAL;
	}
	if (strcmp(mode, "deluxe") == 0 && a + 2 == argc) {
		OnigCompileInfo ci;

		pat = str(argv[a], &len);
		ci.num_of_elements = 5;
		ci.pattern_enc = penc;
		ci.target_enc = encoding(argv[a + 1]);
		ci.syntax = syntax;
		ci.option = copt;
		ci.case_fold_flag = ONIGENC_CASE_FOLD_DEFAULT;
		r = onig_new_deluxe(&reg, pat, pat + len, &ci, &einfo);
		report("onig_new_deluxe", r, &einfo);
		return r != ONIG_NORMAL;
	}
	if ((strcmp(mode, "search") == 0 || strcmp(mode, "match") == 0) &&
	    (a + 2 == argc || a + 3 == argc)) {
		OnigOptionType sopt = a + 3 == argc ? options(argv[a + 2]) : ONIG_OPTION_NONE;

		reg = compile(argv[a]);
		s = subject(argv[a + 1], &slen);
		region = onig_region_new();
		if (mode[0] == 's') {
			r = onig_search(reg, s, s + slen, s, s + slen, region, sopt);
			report("onig_search", r, NULL);
		} else {
			r = onig_match(reg, s, s + slen, s, region, sopt);
			report("onig_match", r, NULL);
		}
		return r < 0;
	}
	if (strcmp(mode, "scan") == 0 && a + 2 == argc) {
		reg = compile(argv[a]);
		s = subject(argv[a + 1], &slen);
		region = onig_region_new();
		r = onig_scan(reg, s, s + slen, region, ONIG_OPTION_NONE, count_match, NULL);
		report("onig_scan", r, NULL);
		return r < 0;
	}
	if ((strcmp(mode, "name") == 0 || strcmp(mode, "groups") == 0) && a + 2 == argc) {
		UChar *name;
		int *nums;

		reg = compile(argv[a]);
		name = str(argv[a + 1], &len);
		if (mode[0] == 'n') {
			region = onig_region_new();
			r = onig_name_to_backref_number(reg, name, name + len, region);
			report("onig_name_to_backref_number", r, NULL);
		} else {
			r = onig_name_to_group_numbers(reg, name, name + len, &nums);
			report("onig_name_to_group_numbers", r, NULL);
		}
		return r < 0;
	}
	if (strcmp(mode, "regset") == 0 && a < argc) {
		regset(argc - a, argv + a);
		return 0;
	}
	if (strcmp(mode, "regsetsearch") == 0 && a + 3 <= argc) {
		static const UChar text[] = "abcabc";
		int start = atoi(argv[a]), range = atoi(argv[a + 1]), pos = -1;
		OnigRegSet *set = regset(argc - a - 2, argv + a + 2);

		r = onig_regset_search(set, text, text + 6, text + start, text + range,
				       ONIG_REGSET_POSITION_LEAD, ONIG_OPTION_NONE, &pos);
		report("onig_regset_search", r, NULL);
		return r < 0;
	}
	if (strcmp(mode, "regsetget") == 0 && a + 2 <= argc) {
		int at = atoi(argv[a]);
		OnigRegSet *set = regset(argc - a - 1, argv + a + 1);

		reg = onig_regset_get_regex(set, at);
		printf("onig_regset_get_regex(%d) = %p\n", at, (void *)reg);
		return reg == NULL;
	}
	if (strcmp(mode, "tagstart") == 0 && a + 2 == argc) {
		const UChar *tag;

		reg = compile(argv[a]);
		tag = onig_get_callout_tag_start(reg, atoi(argv[a + 1]));
		printf("onig_get_callout_tag_start(%s) = %p\n", argv[a + 1], (const void *)tag);
		return tag == NULL;
	}
	if (strcmp(mode, "stepback") == 0 && a + 2 == argc) {
		UChar *p;

		s = subject(argv[a], &slen);
		p = onigenc_step_back(ONIG_ENCODING_UTF8, s, s + slen, atoi(argv[a + 1]));
		printf("onigenc_step_back(%zu bytes, %s) = %p\n", slen, argv[a + 1], (void *)p);
		return p == NULL;
	}
	if (strcmp(mode, "userprop") == 0 && a + 1 == argc) {
		static OnigCodePoint ranges[] = {1, 'a', 'z'};
		char *name = (char *)str(argv[a], &len);

		r = onig_unicode_define_user_property(name, ranges);
		report("onig_unicode_define_user_property", r, NULL);
		return r < 0;
	}
	fprintf(stderr, "bad arguments\n");
	return 2;
}
