/* A running process to attach to (-p PID): tick() fails with -EAGAIN on every third
 * call; the program prints "ready" then ticks every 20 ms, and exits after 150 ticks. */
#include <errno.h>
#include <stdio.h>
#include <time.h>

int tick(int count)
{
	int phase = count % 3;

	if (phase == 2)
		return -EAGAIN;
	return phase;
}

int main(void)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	int failures = 0;
	int count;

	printf("ready\n");
	fflush(stdout);
	for (count = 0; count < 150; count++) {
		failures += tick(count) < 0;
		nanosleep(&pause, NULL);
	}
	printf("failures = %d\n", failures);
	return 0;
}
