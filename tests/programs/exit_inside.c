/* finish_or_exit() calls exit(3) from inside itself. */
#include <stdio.h>
#include <stdlib.h>

int finish_or_exit(int code)
{
	int status = code * 2;

	if (code > 0) {
		fflush(stdout);
		exit(code);
	}
	return status;
}

int main(void)
{
	printf("finish_or_exit(0) = %d\n", finish_or_exit(0));
	finish_or_exit(3);
	return 0;
}
