/* realworld corpus driver: libplist's node access API on a tree built with the API.
 *
 * The tree: { "name": "errtrail", "port": 8080,
 *             "settings": { "verbose": true }, "items": [ "a", "b", "c" ] }
 *
 * api item N          plist_array_get_item() of "items", index N
 * api path KEY KEY    plist_access_path(root, 2, KEY, KEY) (two dict lookups)
 * api pathidx KEY N   plist_access_path(root, 2, KEY, N) (a dict lookup, then an array index)
 * api strptr KEY      plist_get_string_ptr() of the dict's value for KEY
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <plist/plist.h>

int main(int argc, char **argv)
{
	plist_t root, settings, items, node = NULL;
	const char *s;

	if (argc < 3) {
		fprintf(stderr, "usage: api item N | path KEY KEY | pathidx KEY N | strptr KEY\n");
		return 2;
	}
	root = plist_new_dict();
	plist_dict_set_item(root, "name", plist_new_string("errtrail"));
	plist_dict_set_item(root, "port", plist_new_uint(8080));
	settings = plist_new_dict();
	plist_dict_set_item(settings, "verbose", plist_new_bool(1));
	plist_dict_set_item(root, "settings", settings);
	items = plist_new_array();
	plist_array_append_item(items, plist_new_string("a"));
	plist_array_append_item(items, plist_new_string("b"));
	plist_array_append_item(items, plist_new_string("c"));
	plist_dict_set_item(root, "items", items);

	if (strcmp(argv[1], "item") == 0) {
		node = plist_array_get_item(items, (uint32_t)strtoul(argv[2], NULL, 0));
		printf("item %s: %p\n", argv[2], node);
	} else if (strcmp(argv[1], "path") == 0 && argc > 3) {
		node = plist_access_path(root, 2, argv[2], argv[3]);
		printf("path %s/%s: %p\n", argv[2], argv[3], node);
	} else if (strcmp(argv[1], "pathidx") == 0 && argc > 3) {
		node = plist_access_path(root, 2, argv[2], (uint32_t)strtoul(argv[3], NULL, 0));
		printf("path %s/%s: %p\n", argv[2], argv[3], node);
	} else if (strcmp(argv[1], "strptr") == 0) {
		uint64_t len = 0;

		s = plist_get_string_ptr(plist_dict_get_item(root, argv[2]), &len);
		printf("strptr %s: %s\n", argv[2], s ? s : "(null)");
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	plist_free(root);
	return 0;
}
