/* wait_for_input() blocks in sleep() until a signal ends the program. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int wait_for_input(int seconds)
{
	int left;

	printf("waiting\n");
	fflush(stdout);
	left = (int)sleep((unsigned int)seconds);
	if (left)
		return -EINTR;
	return 0;
}

int main(void)
{
	printf("wait_for_input(0) = %d\n", wait_for_input(0));
	printf("wait_for_input(60) = %d\n", wait_for_input(60));
	return 0;
}
