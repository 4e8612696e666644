/* realworld corpus driver: yajl's streaming parser (yajl_parse.h) on malformed JSON.
 *
 * parse JSON           yajl_alloc() with no callbacks (a validator, as json_verify),
 *                      yajl_parse(JSON), then yajl_complete_parse()
 * parse-comments JSON  the same with yajl_config(h, yajl_allow_comments, 1)
 *
 * Both print the two statuses and yajl_get_error()'s message.
 */
#include <stdio.h>
#include <string.h>
#include <yajl/yajl_parse.h>

int main(int argc, char **argv)
{
	yajl_handle h;
	yajl_status st, fin;
	unsigned char *err;
	const unsigned char *text;
	size_t len;

	if (argc < 3 || (strcmp(argv[1], "parse") && strcmp(argv[1], "parse-comments"))) {
		fprintf(stderr, "usage: parse parse|parse-comments JSON\n");
		return 2;
	}
	text = (const unsigned char *)argv[2];
	len = strlen(argv[2]);
	h = yajl_alloc(NULL, NULL, NULL);
	if (!strcmp(argv[1], "parse-comments"))
		yajl_config(h, yajl_allow_comments, 1);
	st = yajl_parse(h, text, len);
	fin = yajl_complete_parse(h);
	printf("yajl_parse: %d (%s)\n", st, yajl_status_to_string(st));
	printf("yajl_complete_parse: %d (%s)\n", fin, yajl_status_to_string(fin));
	if (st != yajl_status_ok || fin != yajl_status_ok) {
		err = yajl_get_error(h, 0, text, len);
		printf("error: %s", err);
		yajl_free_error(h, err);
	}
	yajl_free(h);
	return 0;
}
