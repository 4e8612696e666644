/* accuracy: the `default:` of a switch. */
#include <errno.h>
#include <stdio.h>

int do_ioctl(unsigned int cmd, long arg)
{
	switch (cmd) {
	case 1:
		return 0;
	case 2:
		if (arg < 0)
			return -EINVAL;
		return 0;
	case 3:
		return (int)arg;
	default:
		return -ENOTTY;
	}
}

int main(void)
{
	printf("%d\n", do_ioctl(2, 5));
	printf("%d\n", do_ioctl(42, 0));
	return 0;
}
