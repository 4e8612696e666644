/* The shared library of follow.c's "lib" shape: lib_check -> lib_limit. */
#include <errno.h>

static int lib_limit(int value)
{
	if (value > 5)
		return -EPROTO;
	return 0;
}

int lib_check(int value)
{
	int rc;

	rc = lib_limit(value);
	return rc;
}
