/* realworld corpus driver: unibi_dump() of a terminal built in memory.
 *
 * dump str LEN        unibi_dummy() with its last string capability set to LEN 'a's
 * dump extname LEN    unibi_dummy() with an extended boolean whose name is LEN 'a's
 * dump ok             unibi_dummy() as it is
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unibilium.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	size_t len = argc > 2 ? strtoul(argv[2], NULL, 10) : 0;
	static char out[1 << 17];
	unibi_term *t;
	char *s;
	size_t r;

	t = unibi_dummy();
	if (!t) {
		fprintf(stderr, "unibi_dummy failed\n");
		return 2;
	}
	s = malloc(len + 1);
	memset(s, 'a', len);
	s[len] = '\0';
	if (!strcmp(mode, "str")) {
		unibi_set_str(t, unibi_string_end_ - 1, s);
	} else if (!strcmp(mode, "extname")) {
		unibi_add_ext_bool(t, s, 1);
	} else if (strcmp(mode, "ok")) {
		fprintf(stderr, "usage: dump str|extname|ok [LEN]\n");
		return 2;
	}
	errno = 0;
	r = unibi_dump(t, out, sizeof(out));
	printf("unibi_dump: %zd (%s)\n", (ssize_t)r, strerror(errno));
	unibi_destroy(t);
	free(s);
	return 0;
}
