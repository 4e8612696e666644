/* accuracy: an int function returning PTR_ERR() of a callee's ERR_PTR. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#define ERR_PTR(e) ((void *)(intptr_t)(e))
#define PTR_ERR(p) ((long)(intptr_t)(p))
#define IS_ERR(p) ((uintptr_t)(p) >= (uintptr_t)-4095)

static char pool[4];

static void *alloc_buffer(int n)
{
	if (n > 4)
		return ERR_PTR(-ENOMEM);
	return pool;
}

int setup(int n)
{
	void *buf;

	buf = alloc_buffer(n);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	pool[0] = 1;
	return 0;
}

int main(void)
{
	printf("%d\n", setup(16));
	return 0;
}
