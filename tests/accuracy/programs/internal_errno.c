/* accuracy: a kernel-internal errno (ENOTSUPP, 524) from a driver-style function. */
#include <stdio.h>

#define ENOTSUPP 524
#define EPROBE_DEFER 517

int probe_device(int id, int ready)
{
	if (!ready)
		return -EPROBE_DEFER;
	if (id >= 0x100)
		return -ENOTSUPP;
	return 0;
}

int main(void)
{
	printf("%d\n", probe_device(0x200, 1));
	return 0;
}
