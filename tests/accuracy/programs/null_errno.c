/* accuracy: NULL on failure with the error kept in a local
 * (`err = -E; goto fail; ... fail: errno = -err; return NULL;`), and NULL straight
 * after a failed calloc. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cache_entry {
	char key[24];
	long value;
};

static const char *const known_keys[] = { "uid", "gid", "home", NULL };

static int key_index(const char *key)
{
	for (int i = 0; known_keys[i]; i++)
		if (strcmp(known_keys[i], key) == 0)
			return i;
	return -1;
}

struct cache_entry *cache_entry_load(const char *key)
{
	struct cache_entry *p;
	int err, idx;

	p = malloc(sizeof(*p));
	if (!p)
		return NULL;
	if (strlen(key) >= sizeof(p->key)) {
		err = -ENAMETOOLONG;
		goto fail;
	}
	idx = key_index(key);
	if (idx < 0) {
		err = -ENOENT;
		goto fail;
	}
	strcpy(p->key, key);
	p->value = idx * 1000;
	return p;
fail:
	free(p);
	errno = -err;
	return NULL;
}

uint32_t *id_table_new(size_t count)
{
	uint32_t *ids;

	ids = calloc(count, sizeof(*ids));
	if (!ids)
		return NULL;
	for (size_t i = 0; i < count; i++)
		ids[i] = UINT32_MAX;
	return ids;
}

int main(void)
{
	/* an entry count as read from a corrupt file header */
	size_t count = strtoull("4611686018427387905", NULL, 10);
	void *p;

	p = cache_entry_load("shell");
	printf("%p %d\n", p, errno);
	p = id_table_new(count);
	printf("%p %d\n", p, errno);
	return 0;
}
