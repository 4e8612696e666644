/* realworld corpus driver: libmodbus register mappings that cannot be allocated.
 *   mapping NB_BITS NB_INPUT_BITS NB_REGISTERS NB_INPUT_REGISTERS
 * sets RLIMIT_AS to 256 MiB, then calls modbus_mapping_new_start_address(0, NB_BITS,
 * 0, NB_INPUT_BITS, 0, NB_REGISTERS, 0, NB_INPUT_REGISTERS) (unsigned counts): a table
 * larger than the limit cannot be allocated. Prints what it returned and errno.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <modbus.h>

int main(int argc, char **argv)
{
	struct rlimit rl = { 256 << 20, 256 << 20 };
	modbus_mapping_t *map;

	if (argc < 5)
		return 2;
	if (setrlimit(RLIMIT_AS, &rl) != 0)
		return 2;
	map = modbus_mapping_new_start_address(0, strtoul(argv[1], NULL, 0), 0,
			strtoul(argv[2], NULL, 0), 0, strtoul(argv[3], NULL, 0), 0,
			strtoul(argv[4], NULL, 0));
	printf("modbus_mapping_new_start_address: %p errno=%d\n", (void *)map, errno);
	modbus_mapping_free(map);
	return 0;
}
