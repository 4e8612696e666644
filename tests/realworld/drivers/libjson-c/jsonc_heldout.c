/* realworld corpus driver (held-out cases): json-c calls with bad input.
 * The JSON texts are fixed per mode (arguments cannot carry quotes or brackets):
 *   jsonc_heldout keysep        json_tokener_parse_ex() of {"a" 1}   (no ':' after the key)
 *   jsonc_heldout arraysep      json_tokener_parse_ex() of [1 2]     (no ',' between elements)
 *   jsonc_heldout depth         json_tokener_parse_ex() of [[[1]]] with json_tokener_new_ex(3)
 *   jsonc_heldout strict        json_tokener_parse_ex() of [1]x with JSON_TOKENER_STRICT
 *   jsonc_heldout parsebool     json_tokener_parse() of {"ok": tru}
 *   jsonc_heldout getmissing    json_object_object_get_ex({"a": 1}, "b", &v)
 *   jsonc_heldout setint        json_object_set_int() on a string object
 *   jsonc_heldout typename      json_type_to_name(9), one past json_type_string
 *   jsonc_heldout dblformat     json_c_set_serialization_double_format("%.3f", 99)
 *   jsonc_heldout delidx        json_object_array_del_idx([1, 2, 3], 5, 1)
 *   jsonc_heldout putidx        json_object_array_put_idx([1, 2, 3], (size_t)-1, 4)
 *   jsonc_heldout newarray      json_object_new_array_ext(-1)
 *   jsonc_heldout fromfd PATH   json_object_from_fd_ex(fd of PATH, -1), PATH written with {"a":}
 *   jsonc_heldout tofile PATH   json_object_to_file_ext(PATH, {"a": 1}, JSON_C_TO_STRING_PLAIN),
 *                               PATH in a directory that does not exist
 * The driver prints each call's result (and errno / the recorded error).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json.h>

static int parse_ex(const char *text, int depth, int flags)
{
	struct json_tokener *tok = json_tokener_new_ex(depth);
	struct json_object *obj;

	if (!tok)
		return 1;
	json_tokener_set_flags(tok, flags);
	obj = json_tokener_parse_ex(tok, text, -1);
	printf("json_tokener_parse_ex(%s) = %p, err %d (%s)\n", text, (void *)obj,
	       (int)json_tokener_get_error(tok), json_tokener_error_desc(json_tokener_get_error(tok)));
	json_object_put(obj);
	json_tokener_free(tok);
	return 0;
}

static struct json_object *small_object(void)
{
	struct json_object *o = json_object_new_object();
	json_object_object_add(o, "a", json_object_new_int(1));
	return o;
}

static struct json_object *small_array(void)
{
	struct json_object *a = json_object_new_array();
	json_object_array_add(a, json_object_new_int(1));
	json_object_array_add(a, json_object_new_int(2));
	json_object_array_add(a, json_object_new_int(3));
	return a;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "keysep"))
		return parse_ex("{\"a\" 1}", JSON_TOKENER_DEFAULT_DEPTH, 0);
	if (!strcmp(mode, "arraysep"))
		return parse_ex("[1 2]", JSON_TOKENER_DEFAULT_DEPTH, 0);
	if (!strcmp(mode, "depth"))
		return parse_ex("[[[1]]]", 3, 0);
	if (!strcmp(mode, "strict"))
		return parse_ex("[1]x", JSON_TOKENER_DEFAULT_DEPTH, JSON_TOKENER_STRICT);
	if (!strcmp(mode, "parsebool"))
	{
		struct json_object *obj = json_tokener_parse("{\"ok\": tru}");
		printf("json_tokener_parse = %p\n", (void *)obj);
		json_object_put(obj);
		return 0;
	}
	if (!strcmp(mode, "getmissing"))
	{
		struct json_object *o = small_object(), *v = NULL;
		json_bool found = json_object_object_get_ex(o, "b", &v);
		printf("json_object_object_get_ex(b) = %d, %p\n", (int)found, (void *)v);
		json_object_put(o);
		return 0;
	}
	if (!strcmp(mode, "setint"))
	{
		struct json_object *s = json_object_new_string("ten");
		printf("json_object_set_int = %d\n", json_object_set_int(s, 10));
		json_object_put(s);
		return 0;
	}
	if (!strcmp(mode, "typename"))
	{
		const char *name = json_type_to_name((enum json_type)9);
		printf("json_type_to_name(9) = %s (%s)\n", name ? name : "(null)",
		       json_util_get_last_err());
		return 0;
	}
	if (!strcmp(mode, "dblformat"))
	{
		int rc = json_c_set_serialization_double_format("%.3f", 99);
		printf("json_c_set_serialization_double_format = %d (%s)\n", rc,
		       json_util_get_last_err());
		return 0;
	}
	if (!strcmp(mode, "delidx"))
	{
		struct json_object *a = small_array();
		printf("json_object_array_del_idx = %d\n", json_object_array_del_idx(a, 5, 1));
		json_object_put(a);
		return 0;
	}
	if (!strcmp(mode, "putidx"))
	{
		struct json_object *a = small_array(), *v = json_object_new_int(4);
		int rc = json_object_array_put_idx(a, (size_t)-1, v);
		printf("json_object_array_put_idx = %d\n", rc);
		if (rc != 0)
			json_object_put(v);
		json_object_put(a);
		return 0;
	}
	if (!strcmp(mode, "newarray"))
	{
		struct json_object *a = json_object_new_array_ext(-1);
		printf("json_object_new_array_ext(-1) = %p\n", (void *)a);
		json_object_put(a);
		return 0;
	}
	if (!strcmp(mode, "fromfd") && argc > 2)
	{
		static const char text[] = "{\"a\":}";
		struct json_object *obj;
		int fd = open(argv[2], O_RDWR | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write(fd, text, sizeof(text) - 1) != (ssize_t)(sizeof(text) - 1))
			return 1;
		lseek(fd, 0, SEEK_SET);
		obj = json_object_from_fd_ex(fd, -1);
		printf("json_object_from_fd_ex = %p (%s)\n", (void *)obj, json_util_get_last_err());
		json_object_put(obj);
		close(fd);
		unlink(argv[2]);
		return 0;
	}
	if (!strcmp(mode, "tofile") && argc > 2)
	{
		struct json_object *o = small_object();
		int rc = json_object_to_file_ext(argv[2], o, JSON_C_TO_STRING_PLAIN);
		printf("json_object_to_file_ext = %d, errno %d (%s)\n", rc, errno,
		       json_util_get_last_err());
		json_object_put(o);
		return 0;
	}
	fprintf(stderr, "usage: %s MODE [PATH]\n", argv[0]);
	return 2;
}
