/* A switch whose default case rejects the request. */
#include <errno.h>
#include <stdio.h>

enum op { OP_READ = 1, OP_WRITE = 2 };

int run_op(int op)
{
	int result;

	switch (op) {
	case OP_READ:
		result = 10;
		break;
	case OP_WRITE:
		result = 20;
		break;
	default:
		result = -EOPNOTSUPP;
		break;
	}
	return result;
}

int main(void)
{
	printf("run_op(1) = %d\n", run_op(OP_READ));
	printf("run_op(9) = %d\n", run_op(9));
	return 0;
}
