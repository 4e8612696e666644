/* realworld corpus driver: yajl's tree API (yajl_tree.h).
 *
 * tree JSON               yajl_tree_parse(JSON) with a 256-byte error buffer
 * get JSON TYPE KEY...    yajl_tree_parse(JSON), then yajl_tree_get(root, {KEY..., NULL},
 *                         TYPE), TYPE one of any string number object array
 */
#include <stdio.h>
#include <string.h>
#include <yajl/yajl_tree.h>

static yajl_type type_of(const char *s)
{
	if (!strcmp(s, "string")) return yajl_t_string;
	if (!strcmp(s, "number")) return yajl_t_number;
	if (!strcmp(s, "object")) return yajl_t_object;
	if (!strcmp(s, "array")) return yajl_t_array;
	return yajl_t_any;
}

int main(int argc, char **argv)
{
	char errbuf[256];
	const char *path[16];
	yajl_val root, v;
	int i, n = 0;

	if (argc < 3 || (strcmp(argv[1], "tree") && strcmp(argv[1], "get"))
	    || (!strcmp(argv[1], "get") && (argc < 5 || argc - 4 > 15))) {
		fprintf(stderr, "usage: tree tree JSON | tree get JSON TYPE KEY...\n");
		return 2;
	}
	root = yajl_tree_parse(argv[2], errbuf, sizeof(errbuf));
	printf("yajl_tree_parse: %s\n", root ? "a tree" : "NULL");
	if (!root) {
		printf("error: %s", errbuf);
		return 0;
	}
	if (!strcmp(argv[1], "get")) {
		for (i = 4; i < argc; i++)
			path[n++] = argv[i];
		path[n] = NULL;
		v = yajl_tree_get(root, path, type_of(argv[3]));
		printf("yajl_tree_get: %s\n", v ? "found" : "NULL");
	}
	yajl_tree_free(root);
	return 0;
}
