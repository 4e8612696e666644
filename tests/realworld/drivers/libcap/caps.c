/* realworld corpus driver: libcap calls with bad input.
 *   caps fromtext TEXT     cap_from_text(TEXT)
 *   caps getfile PATH      cap_get_file(PATH) (a file that does not exist)
 *   caps setfile PATH      cap_set_file(PATH, "cap_chown=ep") (a directory, or a missing file)
 *   caps setflag SET CAP   cap_set_flag(cap_init(), SET, 1, {CAP}, CAP_SET)
 * Nothing is changed: every call fails before it reaches the kernel's setters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "fromtext")) {
		printf("%p\n", (void *) cap_from_text(argv[2]));
	} else if (!strcmp(argv[1], "getfile")) {
		printf("%p\n", (void *) cap_get_file(argv[2]));
	} else if (!strcmp(argv[1], "setfile")) {
		cap_t cap = cap_from_text("cap_chown=ep");

		if (cap == NULL)
			return 2;
		printf("%d\n", cap_set_file(argv[2], cap));
		cap_free(cap);
	} else if (!strcmp(argv[1], "setflag") && argc > 3) {
		cap_t cap = cap_init();
		cap_value_t value = atoi(argv[3]);

		if (cap == NULL)
			return 2;
		printf("%d\n", cap_set_flag(cap, (cap_flag_t) atoi(argv[2]), 1, &value, CAP_SET));
		cap_free(cap);
	} else {
		return 2;
	}
	return 0;
}
