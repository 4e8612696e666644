/* libdwarf driver: dwarf_decode_leb128() on the bytes given in hex.
 *
 *   leb HEX     e.g. "e58e26" (624485); the end pointer is one past the last byte
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdwarf.h>

int main(int argc, char **argv)
{
	char buf[64];
	size_t n = 0, i;
	Dwarf_Unsigned len = 0, val = 0;
	int res;

	if (argc != 2 || strlen(argv[1]) % 2 || strlen(argv[1]) / 2 > sizeof(buf)) {
		fprintf(stderr, "usage: %s HEX\n", argv[0]);
		return 2;
	}
	for (i = 0; argv[1][2 * i]; i++) {
		unsigned b;

		sscanf(argv[1] + 2 * i, "%2x", &b);
		buf[n++] = (char)b;
	}
	res = dwarf_decode_leb128(buf, &len, &val, buf + n);
	printf("dwarf_decode_leb128: %d len %llu value %llu\n", res, (unsigned long long)len,
	       (unsigned long long)val);
	return 0;
}
