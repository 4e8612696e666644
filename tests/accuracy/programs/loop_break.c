/* accuracy: an error inside a loop (`err = -E; break`). */
#include <errno.h>
#include <stdio.h>

int check_entries(const int *v, int n)
{
	int err = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (v[i] == 0)
			continue;
		if (v[i] < 0) {
			err = -EIO;
			break;
		}
	}
	return err;
}

int main(void)
{
	int v[] = { 1, 0, 2, 3, -1, 4 };

	printf("%d\n", check_entries(v, 6));
	return 0;
}
