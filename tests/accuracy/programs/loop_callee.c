/* accuracy: a retry loop; the callee's error on the last attempt is returned. */
#include <errno.h>
#include <stdio.h>

static int attempts;

static int try_lock(int id)
{
	attempts++;
	if (attempts < 3)
		return -EAGAIN;
	return id > 1 ? -EBUSY : 0;
}

int acquire(int id)
{
	int err;
	int tries = 5;

	while (tries-- > 0) {
		err = try_lock(id);
		if (err != -EAGAIN)
			break;
	}
	return err;
}

int main(void)
{
	printf("%d\n", acquire(2));
	return 0;
}
