/* accuracy: a return inside nested conditions. */
#include <errno.h>
#include <stdio.h>

struct user {
	int uid;
	int groups;
	int locked;
};

int may_access(const struct user *u, int mode)
{
	if (u->uid != 0) {
		if (mode & 2) {
			if (u->locked)
				return -EPERM;
			if (!(u->groups & 4))
				return -EACCES;
		}
	}
	return 0;
}

int main(void)
{
	struct user u = { 1000, 1, 0 };

	printf("%d\n", may_access(&u, 1));
	printf("%d\n", may_access(&u, 2));
	return 0;
}
