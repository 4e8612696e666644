/* realworld corpus driver: json-c calls with bad input.
 * Most modes work on the document DOC below, parsed with json_tokener_parse():
 *   jsonc get PATH          json_pointer_get(DOC, PATH)
 *   jsonc set PATH          json_pointer_set(&DOC, PATH, 1)
 *   jsonc deepcopy          json_object_deep_copy() (default shallow copy) of [1, 2, "x", 4]
 *                           whose third element has a custom serializer with userdata
 *                           (json_object_set_serializer)
 *   jsonc visit KEY         json_c_visit(DOC) with a callback that returns 7 (not a
 *                           JSON_C_VISIT_RETURN_* value) for the member named KEY and
 *                           JSON_C_VISIT_RETURN_CONTINUE for everything else
 *   jsonc fromfile PATH     json_object_from_file(PATH)
 *   jsonc fromdir PATH      json_object_from_file(PATH), PATH made a directory first
 *   jsonc tofile PATH N     json_object_to_file_ext(PATH, DOC, JSON_C_TO_STRING_PLAIN) with
 *                           the file size limit (RLIMIT_FSIZE) at N bytes and SIGXFSZ
 *                           ignored, so a write past N bytes fails with EFBIG
 * The driver prints each call's result (and errno).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json.h>
#include <json_visit.h>

static const char DOC[] = "{\"a\":{\"b\":{\"c\":1},\"s\":\"str\"},\"arr\":[10,20,30],\"z\":true}";

static int custom(struct json_object *jso, struct printbuf *pb, int level, int flags)
{
	(void)jso;
	(void)level;
	(void)flags;
	return printbuf_memappend(pb, "\"custom\"", 8);
}

static const char *bad_key;

static int visitor(json_object *jso, int flags, json_object *parent, const char *key,
		   size_t *index, void *arg)
{
	(void)jso;
	(void)flags;
	(void)parent;
	(void)index;
	(void)arg;
	if (key && !strcmp(key, bad_key))
		return 7;
	return JSON_C_VISIT_RETURN_CONTINUE;
}

static struct json_object *doc(void)
{
	struct json_object *d = json_tokener_parse(DOC);

	if (!d)
		exit(2);
	return d;
}

int main(int argc, char **argv)
{
	struct json_object *res = NULL;
	int r;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "get") && argc > 2) {
		r = json_pointer_get(doc(), argv[2], &res);
		printf("%d errno %d\n", r, errno);
	} else if (!strcmp(argv[1], "set") && argc > 2) {
		struct json_object *d = doc();

		r = json_pointer_set(&d, argv[2], json_object_new_int(1));
		printf("%d errno %d\n", r, errno);
	} else if (!strcmp(argv[1], "deepcopy")) {
		struct json_object *a = json_object_new_array();
		struct json_object *x = json_object_new_string("x");
		struct json_object *copy = NULL;

		json_object_set_serializer(x, custom, (void *)"userdata", NULL);
		json_object_array_add(a, json_object_new_int(1));
		json_object_array_add(a, json_object_new_int(2));
		json_object_array_add(a, x);
		json_object_array_add(a, json_object_new_int(4));
		r = json_object_deep_copy(a, &copy, NULL);
		printf("%d errno %d %s\n", r, errno, json_util_get_last_err());
	} else if (!strcmp(argv[1], "visit") && argc > 2) {
		bad_key = argv[2];
		printf("%d\n", json_c_visit(doc(), 0, visitor, NULL));
	} else if (!strcmp(argv[1], "fromfile") && argc > 2) {
		printf("%p errno %d\n", (void *)json_object_from_file(argv[2]), errno);
	} else if (!strcmp(argv[1], "fromdir") && argc > 2) {
		if (mkdir(argv[2], 0755) < 0 && errno != EEXIST)
			return 2;
		printf("%p errno %d\n", (void *)json_object_from_file(argv[2]), errno);
	} else if (!strcmp(argv[1], "tofile") && argc > 3) {
		struct json_object *d = doc();
		struct rlimit rl;

		unlink(argv[2]);
		rl.rlim_cur = rl.rlim_max = strtoul(argv[3], NULL, 10);
		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) < 0)
			return 2;
		r = json_object_to_file_ext(argv[2], d, JSON_C_TO_STRING_PLAIN);
		printf("%d errno %d\n", r, errno);
	} else {
		return 2;
	}
	return 0;
}
