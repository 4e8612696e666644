/* realworld corpus driver: yajl's generator (yajl_gen.h) misused, and its UTF-8 check.
 *
 * gen nan          yajl_gen_double(g, NAN) at the top level
 * gen utf8 HEX     yajl_gen_string() of the bytes HEX with yajl_gen_validate_utf8 on
 * gen close        yajl_gen_map_close() with no map open (a fresh generator)
 * gen intkey       yajl_gen_map_open(), then yajl_gen_integer(g, 1) where a key is due
 * gen indent STR   yajl_gen_config(g, yajl_gen_indent_string, STR) ("\t" in STR is a tab)
 * validate HEX     yajl_string_validate_utf8() of the bytes HEX
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

/* yajl_encode.h is not installed; the function is in the library */
int yajl_string_validate_utf8(const unsigned char *s, size_t len);

static size_t unhex(const char *hex, unsigned char *out, size_t max)
{
	size_t n = 0;
	unsigned int b;

	while (hex[0] && hex[1] && n < max && sscanf(hex, "%2x", &b) == 1) {
		out[n++] = (unsigned char)b;
		hex += 2;
	}
	return n;
}

int main(int argc, char **argv)
{
	unsigned char bytes[256];
	char indent[64];
	const unsigned char *buf;
	size_t n, blen;
	yajl_gen g;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: gen gen nan|utf8 HEX|close|intkey|indent STR | gen validate HEX\n");
		return 2;
	}
	if (!strcmp(argv[1], "validate") && argc > 2) {
		n = unhex(argv[2], bytes, sizeof(bytes));
		printf("yajl_string_validate_utf8: %d\n", yajl_string_validate_utf8(bytes, n));
		return 0;
	}
	if (strcmp(argv[1], "gen") || argc < 3) {
		fprintf(stderr, "usage: gen gen nan|utf8 HEX|close|intkey|indent STR | gen validate HEX\n");
		return 2;
	}
	g = yajl_gen_alloc(NULL);
	if (!strcmp(argv[2], "nan")) {
		rc = yajl_gen_double(g, NAN);
		printf("yajl_gen_double: %d\n", rc);
	} else if (!strcmp(argv[2], "utf8") && argc > 3) {
		n = unhex(argv[3], bytes, sizeof(bytes));
		yajl_gen_config(g, yajl_gen_validate_utf8, 1);
		rc = yajl_gen_string(g, bytes, n);
		printf("yajl_gen_string: %d\n", rc);
	} else if (!strcmp(argv[2], "close")) {
		rc = yajl_gen_map_close(g);
		printf("yajl_gen_map_close: %d\n", rc);
	} else if (!strcmp(argv[2], "intkey")) {
		rc = yajl_gen_map_open(g);
		printf("yajl_gen_map_open: %d\n", rc);
		rc = yajl_gen_integer(g, 1);
		printf("yajl_gen_integer: %d\n", rc);
	} else if (!strcmp(argv[2], "indent") && argc > 3) {
		size_t i, o = 0;
		for (i = 0; argv[3][i] && o + 1 < sizeof(indent); i++) {
			if (argv[3][i] == '\\' && argv[3][i + 1] == 't') {
				indent[o++] = '\t';
				i++;
			} else {
				indent[o++] = argv[3][i];
			}
		}
		indent[o] = 0;
		rc = yajl_gen_config(g, yajl_gen_beautify, 1);
		printf("yajl_gen_config(beautify): %d\n", rc);
		rc = yajl_gen_config(g, yajl_gen_indent_string, indent);
		printf("yajl_gen_config(indent_string): %d\n", rc);
	} else {
		fprintf(stderr, "unknown gen scenario\n");
		yajl_gen_free(g);
		return 2;
	}
	if (yajl_gen_get_buf(g, &buf, &blen) == yajl_gen_status_ok)
		printf("buffer: %.*s\n", (int)blen, buf);
	yajl_gen_free(g);
	return 0;
}
