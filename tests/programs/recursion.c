/* Recursion: walk(5, 2) recurses down to walk(2), which fails with -ENOENT; walk(3)
 * passes the error on (line 17), walk(4) swallows it (even n), walk(5) returns 0. */
#include <errno.h>
#include <stdio.h>

int walk(int n, int bad)
{
	int r;

	if (n == bad)
		return -ENOENT;
	if (n == 0)
		return 0;
	r = walk(n - 1, bad);
	if (r < 0 && n % 2 == 0)
		return 0;
	return r;
}

int main(void)
{
	printf("walk(5, 2) = %d\n", walk(5, 2));
	return 0;
}
