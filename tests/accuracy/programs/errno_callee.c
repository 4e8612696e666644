/* accuracy: -1 whose errno comes from a libc call (the callee is the culprit). */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int read_header(const char *path, char *buf, int len)
{
	int fd;
	int n;

	if (len < 4)
		return -1;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len);
	close(fd);
	return n;
}

int main(void)
{
	char buf[16];

	printf("%d\n", read_header("/nonexistent/errtrail", buf, sizeof(buf)));
	return 0;
}
