/* A pointer-returning function with ERR_PTR-like values (the top 4095 addresses). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#define ERR_PTR(e) ((void *)(intptr_t)(e))

struct item {
	int key;
	const char *name;
};

static struct item items[] = { { 1, "one" }, { 2, "two" } };

struct item *lookup_item(int key)
{
	unsigned int i;

	if (key < 0)
		return ERR_PTR(-EINVAL);
	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		if (items[i].key == key)
			return &items[i];
	}
	return ERR_PTR(-ENOENT);
}

int main(void)
{
	printf("lookup_item(2) -> %s\n", lookup_item(2)->name);
	printf("lookup_item(7) -> %p\n", (void *)lookup_item(7));
	return 0;
}
