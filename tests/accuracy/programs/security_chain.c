/* accuracy: an article-shaped function: several checks each propagating a callee's
 * error; used with registration failures for some of its lines. */
#include <errno.h>
#include <stdio.h>

struct attr {
	int size;
	unsigned long branch_mask;
};

static int security_check(int flags)
{
	return flags & 1 ? -EACCES : 0;
}

static int copy_attr(const struct attr *a)
{
	if (a->size != 16)
		return -E2BIG;
	if (a->branch_mask & ~0xffUL)
		return -EINVAL;
	return 0;
}

int event_open(const struct attr *a, int flags)
{
	int err;

	err = security_check(flags);
	if (err)
		return err;

	err = copy_attr(a);
	if (err)
		return err;

	if (flags & 2)
		return -EBUSY;
	return 0;
}

int main(void)
{
	struct attr a = { 16, 0x1000 };

	printf("%d\n", event_open(&a, 0));
	return 0;
}
