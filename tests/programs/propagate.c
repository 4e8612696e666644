/* A callee's error propagated: validate() returns -ERANGE, load_config() passes it on. */
#include <errno.h>
#include <stdio.h>

static int validate(int level)
{
	if (level > 9)
		return -ERANGE;
	return 0;
}

int load_config(int level)
{
	int ret;
	int applied = 0;

	ret = validate(level);
	if (ret)
		return ret;
	applied = level;
	return applied;
}

int main(void)
{
	printf("load_config(4) = %d\n", load_config(4));
	printf("load_config(12) = %d\n", load_config(12));
	return 0;
}
