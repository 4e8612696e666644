/* realworld corpus driver: blkid_encode_string() into a too-small buffer.
 *   encode STRING SIZE
 */
#include <stdio.h>
#include <stdlib.h>
#include <blkid.h>

int main(int argc, char **argv)
{
	char buf[256];
	size_t size;

	if (argc < 3)
		return 2;
	size = (size_t) atoi(argv[2]);
	if (size > sizeof(buf))
		return 2;
	printf("%d\n", blkid_encode_string(argv[1], buf, size));
	return 0;
}
