/* accuracy: the error kept in a struct field, invisible in $$vars ({...}). */
#include <errno.h>
#include <stdio.h>

struct request {
	int len;
	int flags;
	int status;
};

static int check_flags(int flags)
{
	return flags & 0x80 ? -EPROTO : 0;
}

int submit(struct request *rq)
{
	struct request local = *rq;

	local.status = 0;
	if (local.len > 4096)
		local.status = -EMSGSIZE;
	else
		local.status = check_flags(local.flags);
	rq->status = local.status;
	printf("submitted %d\n", local.len);
	return local.status;
}

int main(void)
{
	struct request rq = { 100, 0x81, 0 };

	printf("%d\n", submit(&rq));
	return 0;
}
