/* accuracy: several error labels; the failure in the middle of the chain. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static int bind_port(int port)
{
	return port == 80 ? -EADDRINUSE : 0;
}

int server_start(int port)
{
	char *a, *b;
	int err;

	a = malloc(16);
	if (!a)
		return -ENOMEM;
	b = malloc(16);
	if (!b) {
		err = -ENOMEM;
		goto free_a;
	}
	err = bind_port(port);
	if (err)
		goto free_b;
	return 0;

free_b:
	free(b);
free_a:
	free(a);
	return err;
}

int main(void)
{
	printf("%d\n", server_start(80));
	return 0;
}
