/* `err = -E; goto out` with cleanup: setup_buffer(50) fails with -E2BIG at line 21
 * after allocating, and the cleanup path frees the buffer. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buffer {
	char *data;
	size_t size;
};

int setup_buffer(struct buffer *out, size_t size)
{
	int err = 0;
	char *data;

	data = malloc(size);
	if (!data) {
		err = -ENOMEM;
		goto out;
	}
	if (size > 32) {
		err = -E2BIG;
		goto out_free;
	}
	memset(data, 0, size);
	out->data = data;
	out->size = size;
	return 0;

out_free:
	free(data);
out:
	return err;
}

int main(void)
{
	struct buffer b = { 0 };

	printf("setup_buffer(16) = %d\n", setup_buffer(&b, 16));
	free(b.data);
	printf("setup_buffer(50) = %d\n", setup_buffer(&b, 50));
	return 0;
}
