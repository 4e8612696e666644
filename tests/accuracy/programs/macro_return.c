/* accuracy: a macro that returns. */
#include <errno.h>
#include <stdio.h>

#define CHECK_ARG(cond)                  \
	do {                             \
		if (!(cond))             \
			return -EINVAL;  \
	} while (0)

int set_rate(int rate, int burst)
{
	CHECK_ARG(rate > 0);
	CHECK_ARG(burst >= rate);
	printf("rate %d burst %d\n", rate, burst);
	return 0;
}

int main(void)
{
	printf("%d\n", set_rate(10, 20));
	printf("%d\n", set_rate(10, 5));
	return 0;
}
