/* libc style: `errno = E; return -1`. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int open_thing(const char *path)
{
	size_t len;

	if (path == NULL) {
		errno = EFAULT;
		return -1;
	}
	len = strlen(path);
	if (len > 8) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return (int)len;
}

int main(void)
{
	printf("open_thing(\"abc\") = %d\n", open_thing("abc"));
	printf("open_thing(long) = %d\n", open_thing("a-very-long-name"));
	printf("errno = %d\n", errno);
	return 0;
}
