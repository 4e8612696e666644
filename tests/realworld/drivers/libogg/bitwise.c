/* realworld corpus driver: libogg's bit packer (oggpack_*), reading a short buffer.
 *
 * bitwise overflow   a 3-byte buffer: oggpack_read() of an 8-bit type, then of a 32-bit
 *                    length that runs past the end
 * bitwise bits       oggpack_read() of 40 bits (more than the 32 it takes)
 * bitwise look       oggpack_look() of 24 bits in a 2-byte buffer
 */
#include <stdio.h>
#include <string.h>
#include <ogg/ogg.h>

int main(int argc, char **argv)
{
	unsigned char data[3] = { 0x01, 0x10, 0x20 };
	oggpack_buffer b;

	if (argc < 2) return 2;
	if (!strcmp(argv[1], "overflow")) {
		oggpack_readinit(&b, data, 3);
		printf("type: %ld\n", oggpack_read(&b, 8));
		printf("length: %ld\n", oggpack_read(&b, 32));
	} else if (!strcmp(argv[1], "bits")) {
		oggpack_readinit(&b, data, 3);
		printf("oggpack_read: %ld\n", oggpack_read(&b, 40));
	} else if (!strcmp(argv[1], "look")) {
		oggpack_readinit(&b, data, 2);
		printf("oggpack_look: %ld\n", oggpack_look(&b, 24));
	} else {
		return 2;
	}
	return 0;
}
