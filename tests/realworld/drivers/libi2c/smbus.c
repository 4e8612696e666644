/* libi2c driver: SMBus transfers on a descriptor that is not an I2C adapter.
 *
 * usage: smbus FD OP [LENGTH]
 *   FD: file   - a regular file, /tmp/errtrail-libi2c-smbus/not-i2c (ioctl: ENOTTY)
 *       closed - a descriptor that was opened and closed again (ioctl: EBADF)
 *   OP: access quick rbyte rbytedata rword wword pcall rblock wblock ri2cblock bpcall
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/i2c.h>
#include <i2c/smbus.h>

static int get_fd(const char *kind)
{
	int fd;

	mkdir("/tmp/errtrail-libi2c-smbus", 0755);
	fd = open("/tmp/errtrail-libi2c-smbus/not-i2c", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror("open");
		exit(2);
	}
	if (strcmp(kind, "closed") == 0)
		close(fd);
	return fd;
}

int main(int argc, char **argv)
{
	__u8 values[64];
	union i2c_smbus_data data;
	int fd, len, rc;
	const char *op;

	if (argc < 3) {
		fprintf(stderr, "usage: %s FD OP [LENGTH]\n", argv[0]);
		return 2;
	}
	fd = get_fd(argv[1]);
	op = argv[2];
	len = argc > 3 ? atoi(argv[3]) : 4;
	memset(values, 0x5a, sizeof(values));

	if (strcmp(op, "access") == 0)
		rc = i2c_smbus_access(fd, I2C_SMBUS_READ, 0x10, I2C_SMBUS_BYTE_DATA, &data);
	else if (strcmp(op, "quick") == 0)
		rc = i2c_smbus_write_quick(fd, I2C_SMBUS_WRITE);
	else if (strcmp(op, "rbyte") == 0)
		rc = i2c_smbus_read_byte(fd);
	else if (strcmp(op, "rbytedata") == 0)
		rc = i2c_smbus_read_byte_data(fd, 0x10);
	else if (strcmp(op, "rword") == 0)
		rc = i2c_smbus_read_word_data(fd, 0x10);
	else if (strcmp(op, "wword") == 0)
		rc = i2c_smbus_write_word_data(fd, 0x10, 0x1234);
	else if (strcmp(op, "pcall") == 0)
		rc = i2c_smbus_process_call(fd, 0x10, 0x1234);
	else if (strcmp(op, "rblock") == 0)
		rc = i2c_smbus_read_block_data(fd, 0x10, values);
	else if (strcmp(op, "wblock") == 0)
		rc = i2c_smbus_write_block_data(fd, 0x10, len, values);
	else if (strcmp(op, "ri2cblock") == 0)
		rc = i2c_smbus_read_i2c_block_data(fd, 0x10, len, values);
	else if (strcmp(op, "bpcall") == 0)
		rc = i2c_smbus_block_process_call(fd, 0x10, len, values);
	else {
		fprintf(stderr, "unknown op %s\n", op);
		return 2;
	}
	printf("%s: %d (errno %d: %s)\n", op, rc, errno, strerror(errno));
	return rc < 0 ? 1 : 0;
}
