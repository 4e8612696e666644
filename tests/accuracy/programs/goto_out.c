/* accuracy: `err = -E...; goto out` with cleanup after the label. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

struct conn {
	char *rx;
	char *tx;
	int port;
};

int conn_init(struct conn *c, int port)
{
	int err = 0;

	c->rx = malloc(64);
	if (!c->rx) {
		err = -ENOMEM;
		goto out;
	}
	c->tx = malloc(64);
	if (!c->tx) {
		err = -ENOMEM;
		goto out_rx;
	}
	if (port <= 0 || port > 65535) {
		err = -EDOM;
		goto out_tx;
	}
	c->port = port;
	return 0;

out_tx:
	free(c->tx);
	c->tx = NULL;
out_rx:
	free(c->rx);
	c->rx = NULL;
out:
	return err;
}

int main(void)
{
	struct conn c;

	printf("%d\n", conn_init(&c, 70000));
	return 0;
}
