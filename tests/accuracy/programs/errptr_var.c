/* accuracy: ERR_PTR kept in a variable and returned through an error label. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define ERR_PTR(e) ((void *)(intptr_t)(e))

struct ctx {
	int size;
};

struct ctx *ctx_create(int size)
{
	struct ctx *c;

	c = malloc(sizeof(*c));
	if (!c)
		return ERR_PTR(-ENOMEM);
	if (size > 4096) {
		free(c);
		c = ERR_PTR(-EFBIG);
		goto out;
	}
	c->size = size;
out:
	return c;
}

int main(void)
{
	printf("%p\n", (void *)ctx_create(10000));
	return 0;
}
