/* realworld corpus driver: libunwind's ptrace accessors and address spaces (remote).
 *
 * remote upt            unw_init_remote() with the _UPT accessors on this process's own pid,
 *                       which nobody attached with ptrace (every PTRACE_GETREGSET fails, ESRCH)
 * remote byteorder N    unw_create_addr_space(&_UPT_accessors, N)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libunwind-ptrace.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: remote SCENARIO [N]\n");
		return 2;
	}
	if (!strcmp(argv[1], "upt")) {
		unw_addr_space_t as = unw_create_addr_space(&_UPT_accessors, 0);
		void *ui = _UPT_create(getpid());
		unw_cursor_t c;
		int rc = unw_init_remote(&c, as, ui);
		printf("unw_init_remote: %d\n", rc);
		_UPT_destroy(ui);
		unw_destroy_addr_space(as);
	} else if (!strcmp(argv[1], "byteorder") && argc > 2) {
		unw_addr_space_t as = unw_create_addr_space(&_UPT_accessors, atoi(argv[2]));
		printf("unw_create_addr_space: %p\n", (void *)as);
	}
	return 0;
}
