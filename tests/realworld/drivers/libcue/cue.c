/* errtrail real-library corpus: libcue driver.
 *
 *   cue string TEXT            cue_parse_string(TEXT) (TEXT: "\n" written as '|', '"' as '~')
 *   cue file TEXT              writes TEXT to /tmp/errtrail-libcue-<pid>.cue, cue_parse_file()
 *   cue oom N TEXT             cue_parse_string(TEXT) with the Nth allocation (malloc or
 *                              calloc, counted from the call) failing; N 0 lists them
 *   cue track I TEXT           cd_get_track(cd, I) on the parsed TEXT
 *   cue index T I TEXT         track_get_index(cd_get_track(cd, T), I)
 *   cue cdtext PTI TEXT        cdtext_get(PTI, cd_get_cdtext(cd))
 *   cue rem WHAT TEXT          rem_get(WHAT, cd_get_rem(cd))
 *   cue trackrem T WHAT TEXT   rem_get(WHAT, track_get_rem(cd_get_track(cd, T)))
 *   cue trackcdtext T PTI TEXT cdtext_get(PTI, track_get_cdtext(cd_get_track(cd, T)))
 *
 * The tracer's command line keeps no newlines or double quotes, hence '|' and '~'.
 * malloc and calloc are wrapped (-Wl,--wrap) so that "oom" can fail one allocation:
 * a process that runs out of memory in the middle of a parse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libcue.h>

void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
static long alloc_count = -1; /* < 0: not counting */
static long alloc_fail;       /* fail this allocation (1-based); 0: only list */

static int alloc_fails(const char *what, size_t n)
{
	if (alloc_count < 0)
		return 0;
	alloc_count++;
	if (alloc_fail == 0)
		fprintf(stderr, "alloc %ld: %s %zu\n", alloc_count, what, n);
	return alloc_count == alloc_fail;
}

void *__wrap_malloc(size_t n)
{
	return alloc_fails("malloc", n) ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t m, size_t n)
{
	return alloc_fails("calloc", m * n) ? NULL : __real_calloc(m, n);
}

static char *unescape(const char *s)
{
	char *t = strdup(s), *p;
	for (p = t; *p; p++) {
		if (*p == '|')
			*p = '\n';
		else if (*p == '~')
			*p = '"';
	}
	return t;
}

static Cd *parse(const char *arg)
{
	char *text = unescape(arg);
	Cd *cd = cue_parse_string(text);
	free(text);
	if (!cd) {
		fprintf(stderr, "cue_parse_string failed\n");
		exit(2);
	}
	return cd;
}

static void show(const char *what, const char *s)
{
	printf("%s: %s\n", what, s ? s : "(null)");
}

int main(int argc, char **argv)
{
	Cd *cd;
	if (argc < 3) {
		fprintf(stderr, "usage: cue MODE ARGS... (see the source)\n");
		return 2;
	}
	const char *mode = argv[1];
	if (!strcmp(mode, "string")) {
		char *text = unescape(argv[2]);
		cd = cue_parse_string(text);
		printf("cue_parse_string: %p\n", (void *)cd);
	} else if (!strcmp(mode, "file")) {
		char path[64];
		char *text = unescape(argv[2]);
		snprintf(path, sizeof path, "/tmp/errtrail-libcue-%d.cue", (int)getpid());
		FILE *f = fopen(path, "w");
		if (!f || fputs(text, f) == EOF || fclose(f)) {
			perror(path);
			return 2;
		}
		f = fopen(path, "r");
		if (!f) {
			perror(path);
			return 2;
		}
		cd = cue_parse_file(f);
		printf("cue_parse_file: %p\n", (void *)cd);
		fclose(f);
		unlink(path);
	} else if (!strcmp(mode, "oom") && argc >= 4) {
		char *text = unescape(argv[3]);
		alloc_fail = atol(argv[2]);
		alloc_count = 0;
		cd = cue_parse_string(text);
		alloc_count = -1;
		printf("cue_parse_string: %p\n", (void *)cd);
	} else if (!strcmp(mode, "track")) {
		cd = parse(argv[3]);
		printf("cd_get_track: %p\n", (void *)cd_get_track(cd, atoi(argv[2])));
	} else if (!strcmp(mode, "index") && argc >= 5) {
		cd = parse(argv[4]);
		Track *t = cd_get_track(cd, atoi(argv[2]));
		if (!t)
			return 2;
		printf("track_get_index: %ld\n", track_get_index(t, atoi(argv[3])));
	} else if (!strcmp(mode, "cdtext") && argc >= 4) {
		cd = parse(argv[3]);
		show("cdtext_get", cdtext_get(atoi(argv[2]), cd_get_cdtext(cd)));
	} else if (!strcmp(mode, "rem") && argc >= 4) {
		cd = parse(argv[3]);
		show("rem_get", rem_get(atoi(argv[2]), cd_get_rem(cd)));
	} else if (!strcmp(mode, "trackrem") && argc >= 5) {
		cd = parse(argv[4]);
		show("rem_get", rem_get(atoi(argv[3]), track_get_rem(cd_get_track(cd, atoi(argv[2])))));
	} else if (!strcmp(mode, "trackcdtext") && argc >= 5) {
		cd = parse(argv[4]);
		Cdtext *c = track_get_cdtext(cd_get_track(cd, atoi(argv[2])));
		show("cdtext_get", c ? cdtext_get(atoi(argv[3]), c) : NULL);
	} else {
		fprintf(stderr, "bad mode %s\n", mode);
		return 2;
	}
	return 0;
}
