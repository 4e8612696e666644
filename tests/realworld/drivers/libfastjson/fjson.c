/* libfastjson driver for errtrail's real-library corpus.
 *
 * Usage: fjson MODE ARGS...
 *   parse TEXT [strict] [DEPTH]   fjson_tokener_parse_ex() on TEXT with its length, on a
 *                                 tokener of DEPTH levels (default 32), STRICT if asked
 *   parselen TEXT LEN             fjson_tokener_parse_ex() with the given length argument
 *   tparse TEXT                   fjson_tokener_parse(TEXT)
 *   fromfile TEXT                 writes TEXT to /tmp/errtrail-libfastjson-<pid>.json and
 *                                 reads it back with fjson_object_from_file()
 *   fromfd TEXT                   the same file, opened here, fjson_object_from_fd()
 *   tofile_ext_null               fjson_object_to_file_ext(path, NULL, PLAIN)
 *   tofile_null                   fjson_object_to_file(path, NULL)
 *   int64 TEXT                    fjson_parse_int64(TEXT)
 *   typename N                    fjson_type_to_name(N)
 *   getint TEXT                   fjson_object_get_int() of a string object holding TEXT
 *   getex TEXT KEY                fjson_object_object_get_ex() of KEY in the parsed TEXT
 *   putidx IDX                    fjson_object_array_put_idx() of an int at IDX into an empty
 *                                 array, in a process whose address space is capped at 256 MiB
 *
 * TEXT may hold %XX escapes (decoded before use): the tracer's command line keeps no
 * quotes, brackets, braces or spaces.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "json.h"

static char *decode(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	while (*s) {
		if (s[0] == '%' && s[1] && s[2]) {
			char hex[3] = {s[1], s[2], 0};
			*o++ = (char)strtol(hex, NULL, 16);
			s += 3;
		} else {
			*o++ = *s++;
		}
	}
	*o = 0;
	return out;
}

static const char *write_tmp(const char *text)
{
	static char path[64];
	snprintf(path, sizeof(path), "/tmp/errtrail-libfastjson-%d.json", (int)getpid());
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
	return path;
}

static void show(const char *what, struct fjson_object *obj)
{
	printf("%s: %s\n", what, obj ? fjson_object_to_json_string(obj) : "NULL");
	if (obj)
		fjson_object_put(obj);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s MODE ARGS...\n", argv[0]);
		return 2;
	}
	const char *mode = argv[1];
	char *text = argc > 2 ? decode(argv[2]) : NULL;

	if (!strcmp(mode, "parse") && text) {
		int strict = argc > 3 && !strcmp(argv[3], "strict");
		int depth = argc > 4 ? atoi(argv[4]) : FJSON_TOKENER_DEFAULT_DEPTH;
		struct fjson_tokener *tok = fjson_tokener_new_ex(depth);
		if (strict)
			fjson_tokener_set_flags(tok, FJSON_TOKENER_STRICT);
		struct fjson_object *obj = fjson_tokener_parse_ex(tok, text, (int)strlen(text));
		printf("error: %s\n", fjson_tokener_error_desc(fjson_tokener_get_error(tok)));
		show("parse_ex", obj);
		fjson_tokener_free(tok);
	} else if (!strcmp(mode, "parselen") && text && argc > 3) {
		struct fjson_tokener *tok = fjson_tokener_new();
		struct fjson_object *obj = fjson_tokener_parse_ex(tok, text, atoi(argv[3]));
		printf("error: %s\n", fjson_tokener_error_desc(fjson_tokener_get_error(tok)));
		show("parse_ex", obj);
		fjson_tokener_free(tok);
	} else if (!strcmp(mode, "tparse") && text) {
		show("tokener_parse", fjson_tokener_parse(text));
	} else if (!strcmp(mode, "fromfile") && text) {
		const char *path = write_tmp(text);
		show("from_file", fjson_object_from_file(path));
		unlink(path);
	} else if (!strcmp(mode, "fromfd") && text) {
		const char *path = write_tmp(text);
		int fd = open(path, O_RDONLY);
		if (fd < 0) {
			perror(path);
			return 2;
		}
		show("from_fd", fjson_object_from_fd(fd));
		close(fd);
		unlink(path);
	} else if (!strcmp(mode, "tofile_ext_null")) {
		printf("to_file_ext: %d\n",
		       fjson_object_to_file_ext("/tmp/errtrail-libfastjson-out.json", NULL,
						FJSON_TO_STRING_PLAIN));
	} else if (!strcmp(mode, "tofile_null")) {
		printf("to_file: %d\n", fjson_object_to_file("/tmp/errtrail-libfastjson-out.json", NULL));
	} else if (!strcmp(mode, "int64") && text) {
		int64_t v = 0;
		int r = fjson_parse_int64(text, &v);
		printf("parse_int64: %d (%lld)\n", r, (long long)v);
	} else if (!strcmp(mode, "typename") && text) {
		const char *n = fjson_type_to_name((enum fjson_type)atoi(text));
		printf("type_to_name: %s\n", n ? n : "NULL");
	} else if (!strcmp(mode, "getint") && text) {
		struct fjson_object *s = fjson_object_new_string(text);
		printf("get_int: %d\n", (int)fjson_object_get_int(s));
		fjson_object_put(s);
	} else if (!strcmp(mode, "getex") && text && argc > 3) {
		struct fjson_object *obj = fjson_tokener_parse(text), *val = NULL;
		if (!obj) {
			fprintf(stderr, "cannot parse %s\n", text);
			return 2;
		}
		int found = fjson_object_object_get_ex(obj, argv[3], &val);
		printf("get_ex(%s): %d\n", argv[3], found);
		fjson_object_put(obj);
	} else if (!strcmp(mode, "putidx") && text) {
		struct fjson_object *arr = fjson_object_new_array();
		struct fjson_object *val = fjson_object_new_int(1);
		struct rlimit rl = {256 << 20, 256 << 20};
		if (setrlimit(RLIMIT_AS, &rl) != 0) {
			perror("setrlimit");
			return 2;
		}
		int r = fjson_object_array_put_idx(arr, atoi(text), val);
		printf("array_put_idx(%s): %d\n", text, r);
		if (r != 0)
			fjson_object_put(val);
		fjson_object_put(arr);
	} else {
		fprintf(stderr, "bad mode or arguments: %s\n", mode);
		return 2;
	}
	free(text);
	return 0;
}
