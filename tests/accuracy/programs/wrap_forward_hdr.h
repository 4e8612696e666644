/* accuracy: errno wrappers kept in a header (wrap_forward_hdr.c includes it; the
 * diagnosis is given only the .c). */
#ifndef WRAP_FORWARD_HDR_H
#define WRAP_FORWARD_HDR_H

#include <errno.h>
#include <stddef.h>

static inline int lib_err(int e)
{
	if (e < 0)
		errno = -e;
	return e;
}

static inline void *lib_err_ptr(int e)
{
	errno = -e;
	return NULL;
}

#endif
