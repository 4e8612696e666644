/* accuracy: a pointer-returning function with ERR_PTR. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#define ERR_PTR(e) ((void *)(intptr_t)(e))

struct node {
	int id;
	struct node *next;
};

static struct node n2 = { 2, NULL };
static struct node n1 = { 1, &n2 };

struct node *find_node(int id, int max)
{
	struct node *n;

	if (id > max)
		return ERR_PTR(-ERANGE);
	for (n = &n1; n; n = n->next) {
		if (n->id == id)
			return n;
	}
	return ERR_PTR(-ENOENT);
}

int main(void)
{
	printf("%p\n", (void *)find_node(2, 10));
	printf("%p\n", (void *)find_node(5, 10));
	return 0;
}
