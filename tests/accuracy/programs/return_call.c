/* accuracy: `return f(...)`: the callee's result is returned directly. */
#include <errno.h>
#include <stdio.h>

static int do_truncate(long len)
{
	if (len < 0)
		return -EINVAL;
	if (len > 1000)
		return -EFBIG;
	return 0;
}

int vfs_truncate_demo(const char *name, long len)
{
	if (name == NULL)
		return -EFAULT;
	printf("truncate %s\n", name);
	return do_truncate(len);
}

int main(void)
{
	printf("%d\n", vfs_truncate_demo("f", 5000));
	return 0;
}
