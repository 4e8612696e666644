/* A direct `return -EINVAL` after an if: check_arg(-5) fails at line 11. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int check_arg(int value, unsigned int flags)
{
	int doubled;

	if (value < 0)
		return -EINVAL;
	if (flags & 0x80000000u)
		return -EPERM;
	doubled = value * 2;
	return doubled;
}

int main(int argc, char **argv)
{
	int value = argc > 1 ? atoi(argv[1]) : -5;

	printf("check_arg(3) = %d\n", check_arg(3, 0));
	printf("check_arg(%d) = %d\n", value, check_arg(value, 0));
	printf("check_arg(1, 0xffffffea) = %d\n", check_arg(1, 0xffffffeau));
	return 0;
}
