/* accuracy: identical `return -EINVAL;` lines where the trace shows which one ran
 * (-O0), and an error from a later line while an earlier identical return did not run. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#define SOL_DEMO     0x10
#define OPT_RCVBUF   1
#define OPT_SNDBUF   2
#define OPT_MAX      2
#define BUF_MAX      (1 << 20)

struct ring {
	unsigned int size;
	unsigned int head;
	unsigned int tail;
	void **slots;
};

int sock_set_opt(int level, int name, int val)
{
	if (level != SOL_DEMO)
		return -EINVAL;
	if (name < 1 || name > OPT_MAX)
		return -EINVAL;
	if (val < 0 || val > BUF_MAX)
		return -EINVAL;
	return 0;
}

int ring_resize(struct ring *r, unsigned int size)
{
	unsigned int used;
	void **slots;

	if (!r || size == 0)
		return -EINVAL;
	used = r->head - r->tail;
	if (size < used)
		return -EBUSY;
	if (size & (size - 1))
		return -EINVAL;
	slots = realloc(r->slots, size * sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	r->slots = slots;
	r->size = size;
	return 0;
}

int main(void)
{
	struct ring r = { 8, 5, 2, NULL };

	printf("%d\n", sock_set_opt(SOL_DEMO, 7, 4096));
	printf("%d\n", ring_resize(&r, 12));
	return 0;
}
