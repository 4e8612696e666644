/* accuracy: an error set in a switch case, returned after the switch. */
#include <errno.h>
#include <stdio.h>

int set_option(int opt, int value)
{
	int err = 0;

	switch (opt) {
	case 1:
		if (value < 0)
			err = -EINVAL;
		break;
	case 2:
		err = -EOPNOTSUPP;
		break;
	case 3:
		break;
	}
	if (err)
		printf("option %d refused\n", opt);
	return err;
}

int main(void)
{
	printf("%d\n", set_option(2, 1));
	return 0;
}
