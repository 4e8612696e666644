/* realworld corpus driver: libunwind's local cursor registers (UNW_LOCAL_ONLY).
 *
 * local getreg N   unw_getcontext(), unw_init_local(), then unw_get_reg(N)
 * local setreg N   the same, then unw_set_reg(N, 0)
 */
#define UNW_LOCAL_ONLY
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libunwind.h>

int main(int argc, char **argv)
{
	unw_context_t uc;
	unw_cursor_t c;
	unw_word_t v = 0;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: local getreg|setreg N\n");
		return 2;
	}
	unw_getcontext(&uc);
	rc = unw_init_local(&c, &uc);
	if (rc < 0)
		return 1;
	if (!strcmp(argv[1], "getreg")) {
		rc = unw_get_reg(&c, atoi(argv[2]), &v);
		printf("unw_get_reg(%s): %d\n", argv[2], rc);
	} else if (!strcmp(argv[1], "setreg")) {
		rc = unw_set_reg(&c, atoi(argv[2]), 0);
		printf("unw_set_reg(%s): %d\n", argv[2], rc);
	}
	return 0;
}
