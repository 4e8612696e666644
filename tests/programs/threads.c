/* Several threads call work() at once; odd ids fail with -EAGAIN. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

#define THREADS 4
#define ROUNDS 20

static pthread_barrier_t start;

int work(int id, int round)
{
	int acc = 0;
	int k;

	for (k = 0; k < 3; k++)
		acc += id * k + round;
	if (id % 2)
		return -EAGAIN;
	return acc;
}

static void *thread_main(void *arg)
{
	int id = (int)(long)arg;
	int round;
	long failures = 0;

	pthread_barrier_wait(&start);
	for (round = 0; round < ROUNDS; round++)
		failures += work(id, round) < 0;
	return (void *)failures;
}

int main(void)
{
	pthread_t threads[THREADS];
	long total = 0;
	int i;

	pthread_barrier_init(&start, NULL, THREADS);
	for (i = 0; i < THREADS; i++)
		pthread_create(&threads[i], NULL, thread_main, (void *)(long)i);
	for (i = 0; i < THREADS; i++) {
		void *failures;

		pthread_join(threads[i], &failures);
		total += (long)failures;
	}
	printf("failures = %ld\n", total);
	return 0;
}
