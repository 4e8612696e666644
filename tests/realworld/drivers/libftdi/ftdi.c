/* realworld corpus driver: libftdi1 with no FTDI chip, or on a device node the driver writes.
 *
 * The machine has no USB devices. libusb is told not to discover devices
 * (LIBUSB_OPTION_NO_DEVICE_DISCOVERY, set before ftdi_new() initialises it), so device
 * lists are empty on any machine. The fake-* modes first make a private mount namespace
 * with a tmpfs over /dev (the real /dev is left alone, root only) and write a regular file
 * /dev/bus/usb/001/002 holding the descriptors of an FT232R (VID 0403, PID 6001, bcdDevice
 * 0x0600, one configuration, one interface with bulk endpoints 0x81 and 0x02 of 64 bytes),
 * hand it to libusb_wrap_sys_device() and give the handle to libftdi with ftdi_set_usbdev(),
 * as an application that opened the device itself would. Every usbfs ioctl on the file
 * fails with ENOTTY, so every control and bulk transfer fails.
 *   ftdi openstr STR              ftdi_usb_open_string(ftdi, STR)
 *   ftdi open VID PID             ftdi_usb_open(ftdi, VID, PID) (numbers as strtol base 0)
 *   ftdi opendesc VID PID DESC SERIAL   ftdi_usb_open_desc() ("-" for NULL)
 *   ftdi busaddr BUS ADDR         ftdi_usb_open_bus_addr()
 *   ftdi iface N                  ftdi_set_interface(ftdi, N)
 *   ftdi line                     ftdi_set_line_property(8N1) on an unopened context
 *   ftdi usbdk                    libusb_set_option(NULL, LIBUSB_OPTION_USE_USBDK), ftdi_new()
 *   ftdi submitw                  ftdi_write_data_submit() on an unopened context
 *   ftdi stream                   ftdi_readstream() on an unopened context
 *   ftdi eeget N                  ftdi_get_eeprom_value(ftdi, N, &v)
 *   ftdi eeset N V                ftdi_set_eeprom_value(ftdi, N, V)
 *   ftdi eestrings M P S          ftdi_eeprom_set_strings() on an unopened context
 *   ftdi fake-baud RATE           ftdi_set_baudrate(ftdi, RATE)
 *   ftdi fake-write               ftdi_write_data() of 4 bytes
 *   ftdi fake-read N              ftdi_read_data() of N bytes
 *   ftdi fake-submitr             ftdi_read_data_submit() of 64 bytes
 *   ftdi fake-submitw             ftdi_write_data_submit() of 4 bytes
 *   ftdi fake-eebuild M P S       ftdi_eeprom_initdefaults(ftdi, M, P, S), ftdi_eeprom_build()
 *   ftdi fake-eewrite             ftdi_eeprom_initdefaults(), ftdi_eeprom_build(), ftdi_write_eeprom()
 *   ftdi fake-decode              ftdi_eeprom_initdefaults(), ftdi_set_eeprom_buf() of zeros,
 *                                 ftdi_eeprom_decode(ftdi, 0)
 *   ftdi fake-opendev             ftdi_usb_open_dev() of the wrapped device (no ftdi_set_usbdev)
 *   ftdi fake-chipid              ftdi_read_chipid()
 *   ftdi fake-erase               ftdi_erase_eeprom()
 * The driver prints each call's result and ftdi_get_error_string().
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libusb.h>
#include <ftdi.h>

#define NODE "/dev/bus/usb/001/002"

/* device descriptor, then configuration 1: interface 0 with bulk IN 0x81 and OUT 0x02 */
static const char FT232R[] =
	"12010002000000080304016000060102030109022000010100a02d"
	"0904000002ffffff02" "0705810240000007050202400000";

static void need(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		exit(2);
	}
}

static int make_node(const char *hex)
{
	unsigned char buf[256];
	size_t n = 0;
	int fd;

	while (hex[0] && hex[1] && n < sizeof(buf)) {
		unsigned int b;

		need(sscanf(hex, "%2x", &b) == 1, "hex");
		buf[n++] = (unsigned char)b;
		hex += 2;
	}
	need(unshare(CLONE_NEWNS) == 0, "unshare");
	need(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0, "mount private");
	need(mount("errtrail", "/dev", "tmpfs", 0, "mode=755") == 0, "mount tmpfs");
	need(mkdir("/dev/bus", 0755) == 0 && mkdir("/dev/bus/usb", 0755) == 0 &&
	     mkdir("/dev/bus/usb/001", 0755) == 0, "mkdir");
	fd = open(NODE, O_RDWR | O_CREAT | O_TRUNC, 0644);
	need(fd >= 0, NODE);
	need(write(fd, buf, n) == (ssize_t)n, "write");
	return fd;
}

static struct ftdi_context *context(void)
{
	struct ftdi_context *ftdi;

	need(libusb_set_option(NULL, LIBUSB_OPTION_NO_DEVICE_DISCOVERY) == 0, "set_option");
	ftdi = ftdi_new();
	need(ftdi != NULL, "ftdi_new");
	return ftdi;
}

static libusb_device_handle *wrap(struct ftdi_context *ftdi, int fd)
{
	libusb_device_handle *h = NULL;
	int r = libusb_wrap_sys_device(ftdi->usb_ctx, fd, &h);

	printf("wrap %d\n", r);
	if (r)
		exit(1);
	return h;
}

static const char *arg(const char *s)
{
	return strcmp(s, "-") ? s : NULL;
}

static void show(struct ftdi_context *ftdi, const char *what, int r)
{
	const char *e = ftdi_get_error_string(ftdi);

	printf("%s %d (%s)\n", what, r, e ? e : "");
}

static int FTDI_cb(uint8_t *buffer, int length, FTDIProgressInfo *progress, void *userdata)
{
	(void)buffer; (void)length; (void)progress; (void)userdata;
	return 1;
}

int main(int argc, char **argv)
{
	struct ftdi_context *ftdi;
	libusb_device_handle *h = NULL;
	const char *m;

	if (argc < 2)
		return 2;
	m = argv[1];
	if (!strcmp(m, "usbdk")) {
		need(libusb_set_option(NULL, LIBUSB_OPTION_USE_USBDK) == 0, "set_option");
		ftdi = ftdi_new();
		printf("ftdi_new %s\n", ftdi ? "ok" : "NULL");
		return 0;
	}
	if (!strncmp(m, "fake-", 5)) {
		int fd = make_node(FT232R);

		ftdi = context();
		h = wrap(ftdi, fd);
		if (strcmp(m, "fake-opendev"))
			ftdi_set_usbdev(ftdi, h);
	} else {
		ftdi = context();
	}

	if (!strcmp(m, "openstr") && argc > 2) {
		show(ftdi, "open_string", ftdi_usb_open_string(ftdi, argv[2]));
	} else if (!strcmp(m, "open") && argc > 3) {
		show(ftdi, "open", ftdi_usb_open(ftdi, strtol(argv[2], NULL, 0), strtol(argv[3], NULL, 0)));
	} else if (!strcmp(m, "opendesc") && argc > 5) {
		show(ftdi, "open_desc", ftdi_usb_open_desc(ftdi, strtol(argv[2], NULL, 0),
							   strtol(argv[3], NULL, 0), arg(argv[4]), arg(argv[5])));
	} else if (!strcmp(m, "busaddr") && argc > 3) {
		show(ftdi, "open_bus_addr", ftdi_usb_open_bus_addr(ftdi, atoi(argv[2]), atoi(argv[3])));
	} else if (!strcmp(m, "iface") && argc > 2) {
		show(ftdi, "set_interface", ftdi_set_interface(ftdi, atoi(argv[2])));
	} else if (!strcmp(m, "line")) {
		show(ftdi, "set_line_property", ftdi_set_line_property(ftdi, BITS_8, STOP_BIT_1, NONE));
	} else if (!strcmp(m, "submitw") || !strcmp(m, "fake-submitw")) {
		static unsigned char data[4] = "ping";

		printf("write_data_submit %s\n", ftdi_write_data_submit(ftdi, data, 4) ? "ok" : "NULL");
	} else if (!strcmp(m, "fake-submitr")) {
		static unsigned char data[64];

		printf("read_data_submit %s\n", ftdi_read_data_submit(ftdi, data, 64) ? "ok" : "NULL");
	} else if (!strcmp(m, "stream")) {
		show(ftdi, "readstream", ftdi_readstream(ftdi, FTDI_cb, NULL, 8, 4));
	} else if (!strcmp(m, "eeget") && argc > 2) {
		int v = 0;

		show(ftdi, "get_eeprom_value", ftdi_get_eeprom_value(ftdi, atoi(argv[2]), &v));
	} else if (!strcmp(m, "eeset") && argc > 3) {
		show(ftdi, "set_eeprom_value", ftdi_set_eeprom_value(ftdi, atoi(argv[2]), atoi(argv[3])));
	} else if (!strcmp(m, "eestrings") && argc > 4) {
		show(ftdi, "eeprom_set_strings",
		     ftdi_eeprom_set_strings(ftdi, arg(argv[2]), arg(argv[3]), arg(argv[4])));
	} else if (!strcmp(m, "fake-baud") && argc > 2) {
		show(ftdi, "set_baudrate", ftdi_set_baudrate(ftdi, atoi(argv[2])));
	} else if (!strcmp(m, "fake-write")) {
		show(ftdi, "write_data", ftdi_write_data(ftdi, (const unsigned char *)"ping", 4));
	} else if (!strcmp(m, "fake-read") && argc > 2) {
		unsigned char data[256];
		int n = atoi(argv[2]);

		show(ftdi, "read_data", ftdi_read_data(ftdi, data, n > 256 ? 256 : n));
	} else if (!strcmp(m, "fake-eebuild") && argc > 4) {
		show(ftdi, "eeprom_initdefaults",
		     ftdi_eeprom_initdefaults(ftdi, (char *)arg(argv[2]), (char *)arg(argv[3]),
					      (char *)arg(argv[4])));
		show(ftdi, "eeprom_build", ftdi_eeprom_build(ftdi));
	} else if (!strcmp(m, "fake-eewrite")) {
		show(ftdi, "eeprom_initdefaults", ftdi_eeprom_initdefaults(ftdi, "Acme", "Widget", "A1"));
		show(ftdi, "eeprom_build", ftdi_eeprom_build(ftdi));
		show(ftdi, "write_eeprom", ftdi_write_eeprom(ftdi));
	} else if (!strcmp(m, "fake-decode")) {
		static unsigned char zeros[256]; /* FTDI_MAX_EEPROM_SIZE, in ftdi_i.h */

		show(ftdi, "eeprom_initdefaults", ftdi_eeprom_initdefaults(ftdi, "Acme", "Widget", "A1"));
		show(ftdi, "set_eeprom_buf", ftdi_set_eeprom_buf(ftdi, zeros, sizeof(zeros)));
		show(ftdi, "eeprom_decode", ftdi_eeprom_decode(ftdi, 0));
	} else if (!strcmp(m, "fake-opendev")) {
		show(ftdi, "usb_open_dev", ftdi_usb_open_dev(ftdi, libusb_get_device(h)));
	} else if (!strcmp(m, "fake-chipid")) {
		unsigned int id = 0;

		show(ftdi, "read_chipid", ftdi_read_chipid(ftdi, &id));
	} else if (!strcmp(m, "fake-erase")) {
		show(ftdi, "erase_eeprom", ftdi_erase_eeprom(ftdi));
	} else {
		return 2;
	}
	return 0;
}
