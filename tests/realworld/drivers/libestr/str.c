/* libestr driver: es_str_t construction, growth and number parsing with bad input.
 * argv[1] selects the scenario; the *limit scenarios first cap the address space
 * (setrlimit(RLIMIT_AS), as `ulimit -v` would) at 16 MiB above what the process maps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <libestr.h>

static void limit_memory(void)
{
	unsigned long pages = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f == NULL || fscanf(f, "%lu", &pages) != 1) {
		perror("statm");
		exit(2);
	}
	fclose(f);
	struct rlimit rl;
	rl.rlim_cur = rl.rlim_max = pages * 4096UL + 16UL * 1024 * 1024;
	if (setrlimit(RLIMIT_AS, &rl) != 0) {
		perror("setrlimit");
		exit(2);
	}
}

static es_size_t num(const char *s)
{
	return (es_size_t)strtoul(s, NULL, 0);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s SCENARIO ARG [ARG]\n", argv[0]);
		return 2;
	}
	const char *what = argv[1];
	es_str_t *s;
	int r;

	if (!strcmp(what, "newstr")) {           /* length hint beyond the memory limit */
		limit_memory();
		s = es_newStr(num(argv[2]));
		printf("es_newStr: %p\n", (void *)s);
	} else if (!strcmp(what, "fromcstr")) {  /* C string copied with a bogus length */
		limit_memory();
		s = es_newStrFromCStr("hello", num(argv[2]));
		printf("es_newStrFromCStr: %p\n", (void *)s);
	} else if (!strcmp(what, "frombuf")) {
		char buf[] = "hello";
		limit_memory();
		s = es_newStrFromBuf(buf, num(argv[2]));
		printf("es_newStrFromBuf: %p\n", (void *)s);
	} else if (!strcmp(what, "substr")) {    /* substr START LEN [limit] of "hello world" */
		es_str_t *str = es_newStrFromCStr("hello world", 11);
		if (argc > 4 && !strcmp(argv[4], "limit"))
			limit_memory();
		s = es_newStrFromSubStr(str, num(argv[2]), argc > 3 ? num(argv[3]) : 0);
		printf("es_newStrFromSubStr: %p\n", (void *)s);
	} else if (!strcmp(what, "extend")) {    /* es_extendBuf on a 16-byte buffer */
		s = es_newStr(16);
		r = es_extendBuf(&s, num(argv[2]));
		printf("es_extendBuf: %d\n", r);
	} else if (!strcmp(what, "addbuf")) {    /* append LEN bytes to "hello" */
		s = es_newStrFromCStr("hello", 5);
		es_size_t len = num(argv[2]);
		if (argc > 3 && !strcmp(argv[3], "limit")) {
			char *big = calloc(1, len);     /* a real buffer of that size */
			if (big == NULL)
				return 2;
			limit_memory();
			r = es_addBuf(&s, big, len);
		} else {
			r = es_addBuf(&s, "x", len);    /* a bogus length for a short buffer */
		}
		printf("es_addBuf: %d\n", r);
	} else if (!strcmp(what, "addchar")) {   /* one more char on a full LEN-byte string */
		es_size_t len = num(argv[2]);
		char *big = calloc(1, len);
		if (big == NULL)
			return 2;
		s = es_newStrFromBuf(big, len);
		free(big);
		if (s == NULL)
			return 2;
		limit_memory();
		r = es_addChar(&s, 'x');
		printf("es_addChar: %d\n", r);
	} else if (!strcmp(what, "str2num")) {
		int ok = -1;
		s = es_newStrFromCStr(argv[2], strlen(argv[2]));
		long long n = es_str2num(s, &ok);
		printf("es_str2num(\"%s\"): %lld ok=%d\n", argv[2], n, ok);
	} else {
		fprintf(stderr, "unknown scenario %s\n", what);
		return 2;
	}
	return 0;
}
