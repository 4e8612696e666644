/* An error inside a loop: sum_checked(n) fails with -EIO when it meets 7. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int sum_checked(int n)
{
	int total = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (i == 7)
			return -EIO;
		total += i;
	}
	return total;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 1;
	long acc = 0;
	int r;

	for (r = 0; r < rounds; r++)
		acc += sum_checked(5);
	printf("sum_checked(5) x %d = %ld\n", rounds, acc);
	printf("sum_checked(10) = %d\n", sum_checked(10));
	return 0;
}
