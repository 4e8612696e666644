/* accuracy: an error propagated from a callee (`ret = f(); if (ret) return ret;`). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int validate_name(const char *name)
{
	if (strlen(name) > 8)
		return -ENAMETOOLONG;
	return 0;
}

static int reserve_slot(int slot)
{
	return slot < 4 ? 0 : -ENOSPC;
}

int register_device(const char *name, int slot)
{
	int ret;

	ret = reserve_slot(slot);
	if (ret)
		return ret;
	ret = validate_name(name);
	if (ret)
		return ret;
	printf("registered %s\n", name);
	return 0;
}

int main(void)
{
	printf("%d\n", register_device("sda", 1));
	printf("%d\n", register_device("averylongname", 2));
	return 0;
}
