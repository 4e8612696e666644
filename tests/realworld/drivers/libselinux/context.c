/* realworld corpus driver: libselinux security contexts with bad input.
 *   context new STRING       context_new(STRING)
 *   context range STRING     context_range_set() of a context made from "u:r:t:s0"
 * No SELinux is needed: both only parse strings.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <selinux/context.h>

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "new")) {
		context_t c = context_new(argv[2]);

		printf("new: %p (%s)\n", (void *) c, strerror(errno));
		context_free(c);
	} else if (!strcmp(argv[1], "range")) {
		context_t c = context_new("u:r:t:s0");
		int rc;

		if (!c)
			return 2;
		rc = context_range_set(c, argv[2]);
		printf("range: %d (%s)\n", rc, strerror(errno));
		context_free(c);
	} else {
		return 2;
	}
	return 0;
}
