/* realworld corpus driver: jansson calls that fail on bad JSON, bad arguments and files.
 *   jansson loads TEXT FLAGS        json_loads(TEXT, FLAGS, &error)
 *   jansson loadfile PATH           json_load_file(PATH, 0, &error)
 *   jansson dumpfile PATH           json_dump_file({"a": 1}, PATH, 0)
 *   jansson setnotobj KEY           json_object_set_new([], KEY, 1): the target is an array
 *   jansson insert IDX              json_array_insert_new([1], IDX, 2)
 *   jansson remove IDX              json_array_remove([1], IDX)
 *   jansson del KEY                 json_object_del({"a": 1}, KEY)
 *   jansson stringn WORD            json_stringn() of the bytes WORD names: "badutf8" is
 *                                   ff fe (bytes outside ASCII do not survive the tracer's
 *                                   command line), anything else the word itself
 *   jansson unpack JSON FMT         json_unpack_ex(json_loads(JSON, JSON_DECODE_ANY), &error,
 *                                   0, FMT, four pointers to scratch storage)
 *   jansson pack FMT                json_pack_ex(&error, 0, FMT) with no arguments
 * Each prints what the call returned and error.text where there is one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

static int fail_int(const char *what, int r, const json_error_t *error)
{
    printf("%s: %d%s%s\n", what, r, error ? " " : "", error ? error->text : "");
    return r != 0;
}

static int fail_ptr(const char *what, const void *p, const json_error_t *error)
{
    printf("%s: %s%s%s\n", what, p ? "ok" : "NULL", error ? " " : "", error ? error->text : "");
    return p == NULL;
}

int main(int argc, char **argv)
{
    json_error_t error;
    memset(&error, 0, sizeof(error));
    if (argc < 3) {
        fprintf(stderr, "usage: jansson MODE ARGS...\n");
        return 2;
    }
    const char *mode = argv[1];
    if (!strcmp(mode, "loads") && argc == 4)
        return fail_ptr("json_loads", json_loads(argv[2], strtoul(argv[3], NULL, 0), &error), &error);
    if (!strcmp(mode, "loadfile"))
        return fail_ptr("json_load_file", json_load_file(argv[2], 0, &error), &error);
    if (!strcmp(mode, "dumpfile")) {
        json_t *obj = json_object();
        json_object_set_new(obj, "a", json_integer(1));
        return fail_int("json_dump_file", json_dump_file(obj, argv[2], 0), NULL);
    }
    if (!strcmp(mode, "setnotobj"))
        return fail_int("json_object_set_new", json_object_set_new(json_array(), argv[2], json_integer(1)), NULL);
    if (!strcmp(mode, "insert")) {
        json_t *arr = json_array();
        json_array_append_new(arr, json_integer(1));
        return fail_int("json_array_insert_new",
                        json_array_insert_new(arr, strtoul(argv[2], NULL, 0), json_integer(2)), NULL);
    }
    if (!strcmp(mode, "remove")) {
        json_t *arr = json_array();
        json_array_append_new(arr, json_integer(1));
        return fail_int("json_array_remove", json_array_remove(arr, strtoul(argv[2], NULL, 0)), NULL);
    }
    if (!strcmp(mode, "del")) {
        json_t *obj = json_object();
        json_object_set_new(obj, "a", json_integer(1));
        return fail_int("json_object_del", json_object_del(obj, argv[2]), NULL);
    }
    if (!strcmp(mode, "stringn")) {
        const char *s = argv[2];
        if (!strcmp(s, "badutf8"))
            s = "\xff\xfe";
        return fail_ptr("json_stringn", json_stringn(s, strlen(s)), NULL);
    }
    if (!strcmp(mode, "unpack") && argc == 4) {
        json_t *root = json_loads(argv[2], JSON_DECODE_ANY, NULL);
        long long scratch[4][4];
        memset(scratch, 0, sizeof(scratch));
        return fail_int("json_unpack_ex",
                        json_unpack_ex(root, &error, 0, argv[3], scratch[0], scratch[1], scratch[2], scratch[3]),
                        &error);
    }
    if (!strcmp(mode, "pack"))
        return fail_ptr("json_pack_ex", json_pack_ex(&error, 0, argv[2]), &error);
    fprintf(stderr, "jansson: bad mode %s\n", mode);
    return 2;
}
