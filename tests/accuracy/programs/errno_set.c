/* accuracy: user-space style `errno = E; return -1`. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int open_config(const char *path, int mode)
{
	int fd = 3;

	if (path == NULL) {
		errno = EFAULT;
		return -1;
	}
	if (mode & 0x8) {
		errno = EACCES;
		return -1;
	}
	if (strlen(path) == 0) {
		errno = ENOENT;
		return -1;
	}
	return fd;
}

int main(void)
{
	printf("%d\n", open_config("/etc/x", 0));
	printf("%d\n", open_config("/etc/x", 0xc));
	return 0;
}
