/* accuracy: identical returns that gcc may merge into one (-O2). */
#include <errno.h>
#include <stdio.h>

struct range {
	int lo;
	int hi;
};

int check_value(const struct range *r, int v, int strict)
{
	if (r->lo > r->hi)
		return -EINVAL;
	if (v < r->lo)
		return -ERANGE;
	if (strict && v == r->hi)
		return -EINVAL;
	if (v > r->hi)
		return -ERANGE;
	return 0;
}

int main(void)
{
	struct range r = { 0, 10 };

	printf("%d\n", check_value(&r, 5, 0));
	printf("%d\n", check_value(&r, 10, 1));
	printf("%d\n", check_value(&r, 11, 0));
	return 0;
}
