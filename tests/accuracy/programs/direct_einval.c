/* accuracy: a direct `return -E...` after an `if`. */
#include <errno.h>
#include <stdio.h>

int check_mode(int mode, int flags)
{
	if (mode < 0)
		return -EINVAL;
	if (mode > 7)
		return -ERANGE;
	if (flags & 0x100)
		return -EOPNOTSUPP;
	return 0;
}

int main(void)
{
	printf("%d\n", check_mode(3, 0));
	printf("%d\n", check_mode(9, 0));
	return 0;
}
