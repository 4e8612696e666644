/* realworld corpus driver: libmodbus RTU contexts that fail, with no serial hardware.
 * The "serial line" is the slave side of a pseudo-terminal the driver opens
 * (posix_openpt()); the driver writes the remote device's bytes (HEX) into the
 * master side after modbus_connect() made the line raw, so they wait to be read.
 *   rtu new DEVICE BAUD PARITY         modbus_new_rtu(DEVICE, BAUD, PARITY, 8, 1)
 *   rtu connect-missing                modbus_connect() of /tmp/errtrail-libmodbus-nodir/ttyS0
 *   rtu connect-file                   modbus_connect() of a regular file,
 *                                      /tmp/errtrail-libmodbus-file
 *   rtu serialmode MODE                modbus_rtu_set_serial_mode(ctx, MODE) on the pty
 *   rtu readregs HEX                   slave 1: modbus_read_registers(ctx, 0, 1, ...) on
 *                                      the pty, answered by HEX
 * Each prints what the call returned and errno.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <modbus.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void write_hex(int fd, const char *hex)
{
	unsigned char buf[512];
	size_t n = 0;

	for (; hexval(hex[0]) >= 0 && hexval(hex[1]) >= 0 && n < sizeof(buf); hex += 2)
		buf[n++] = hexval(hex[0]) * 16 + hexval(hex[1]);
	if (write(fd, buf, n) != (ssize_t)n)
		exit(2);
}

/* a connected RTU context on a new pty's slave side; *master gets the master side */
static modbus_t *on_pty(int *master)
{
	modbus_t *ctx;
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0)
		exit(2);
	ctx = modbus_new_rtu(ptsname(m), 9600, 'N', 8, 1);
	if (ctx == NULL || modbus_connect(ctx) != 0)
		exit(2);
	*master = m;
	return ctx;
}

static void report(const char *what, int rc)
{
	printf("%s: %d errno=%d (%s)\n", what, rc, errno, modbus_strerror(errno));
}

int main(int argc, char **argv)
{
	uint16_t regs[8];
	modbus_t *ctx;
	int master, rc;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "new") && argc > 4) {
		ctx = modbus_new_rtu(argv[2], atoi(argv[3]), argv[4][0], 8, 1);
		printf("modbus_new_rtu: %p errno=%d\n", (void *)ctx, errno);
		return 0;
	} else if (!strcmp(argv[1], "connect-missing")) {
		rmdir("/tmp/errtrail-libmodbus-nodir");
		ctx = modbus_new_rtu("/tmp/errtrail-libmodbus-nodir/ttyS0", 9600, 'N', 8, 1);
		if (ctx == NULL)
			return 2;
		rc = modbus_connect(ctx);
		report("modbus_connect", rc);
	} else if (!strcmp(argv[1], "connect-file")) {
		const char *path = "/tmp/errtrail-libmodbus-file";
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || write(fd, "not a tty\n", 10) != 10 || close(fd) != 0)
			return 2;
		ctx = modbus_new_rtu(path, 9600, 'N', 8, 1);
		if (ctx == NULL)
			return 2;
		rc = modbus_connect(ctx);
		report("modbus_connect", rc);
	} else if (!strcmp(argv[1], "serialmode") && argc > 2) {
		ctx = on_pty(&master);
		rc = modbus_rtu_set_serial_mode(ctx, atoi(argv[2]));
		report("modbus_rtu_set_serial_mode", rc);
	} else if (!strcmp(argv[1], "readregs") && argc > 2) {
		ctx = on_pty(&master);
		modbus_set_slave(ctx, 1);
		modbus_set_response_timeout(ctx, 0, 200000);
		write_hex(master, argv[2]);
		rc = modbus_read_registers(ctx, 0, 1, regs);
		report("modbus_read_registers", rc);
	} else {
		return 2;
	}
	modbus_close(ctx);
	modbus_free(ctx);
	return 0;
}
