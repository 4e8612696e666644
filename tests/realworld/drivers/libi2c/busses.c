/* libi2c driver: the bus and address helpers i2c-tools' programs share (tools/i2cbusses.c).
 *
 * usage: busses addr ADDRESS ALL      parse_i2c_address(ADDRESS, ALL)
 *        busses bus I2CBUS            lookup_i2c_bus(I2CBUS)
 *        busses open BUS SIZE         open_i2c_dev(BUS, filename, SIZE, 0)
 *        busses slave ADDRESS FORCE   set_slave_addr() on a regular file,
 *                                     /tmp/errtrail-libi2c-busses/not-i2c
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "i2cbusses.h"

int main(int argc, char **argv)
{
	char filename[64];
	int rc, fd;

	if (argc < 3) {
		fprintf(stderr, "usage: %s addr|bus|open|slave ARGS\n", argv[0]);
		return 2;
	}
	if (strcmp(argv[1], "addr") == 0 && argc > 3) {
		rc = parse_i2c_address(argv[2], atoi(argv[3]));
	} else if (strcmp(argv[1], "bus") == 0) {
		rc = lookup_i2c_bus(argv[2]);
	} else if (strcmp(argv[1], "open") == 0 && argc > 3) {
		size_t size = strtoul(argv[3], NULL, 0);

		if (size > sizeof(filename))
			size = sizeof(filename);
		rc = open_i2c_dev(atoi(argv[2]), filename, size, 0);
	} else if (strcmp(argv[1], "slave") == 0 && argc > 3) {
		mkdir("/tmp/errtrail-libi2c-busses", 0755);
		fd = open("/tmp/errtrail-libi2c-busses/not-i2c", O_RDWR | O_CREAT | O_TRUNC, 0644);
		if (fd < 0) {
			perror("open");
			return 2;
		}
		rc = set_slave_addr(fd, strtol(argv[2], NULL, 0), atoi(argv[3]));
		close(fd);
	} else {
		fprintf(stderr, "bad arguments\n");
		return 2;
	}
	printf("%s: %d\n", argv[1], rc);
	return rc < 0 ? 1 : 0;
}
