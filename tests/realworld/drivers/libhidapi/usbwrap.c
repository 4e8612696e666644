/* realworld corpus driver: hidapi's libusb backend (libusb/hid.c), through
 * hid_libusb_wrap_sys_device().
 *
 * Every driver links both hidapi backends, hidraw's archive first; this one calls no
 * hidapi function but hid_libusb_wrap_sys_device(), which only the libusb backend has, so
 * the linker takes libusb/hid.o and leaves hidraw's out (a call to hid_init() or
 * hid_close() here would pull in linux/hid.o and clash).
 *
 * The machine has no USB devices. The wrap mode first makes a private mount namespace
 * (root) with a tmpfs over /dev (the real /dev is left alone) and writes a regular file
 * /dev/bus/usb/001/002 holding HEX (a device descriptor, then the configuration
 * descriptors, as usbfs gives them). libusb gets LIBUSB_OPTION_NO_DEVICE_DISCOVERY as a
 * default option before hidapi's hid_init() calls libusb_init(), and the node's descriptor
 * goes to hid_libusb_wrap_sys_device(), as on Android. Every usbfs ioctl on the file fails
 * with ENOTTY.
 *   usbwrap wrap HEX IFACE       hid_libusb_wrap_sys_device(fd of the node, IFACE)
 *   usbwrap wrapfile IFACE       the same for /tmp/errtrail-libhidapi-usbfile, created
 *                                afresh outside /dev/bus/usb (no namespace)
 *   usbwrap usbdk                libusb_set_option(NULL, LIBUSB_OPTION_USE_USBDK) (an option
 *                                of libusb's Windows backend), then
 *                                hid_libusb_wrap_sys_device(0, -1)
 * The driver prints the call's result.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libusb.h>
#include <hidapi.h>
#include <hidapi_libusb.h>

#define NODE "/dev/bus/usb/001/002"

static void need(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		exit(2);
	}
}

/* a private /dev holding only NODE, with the bytes HEX */
static int make_node(const char *hex)
{
	unsigned char buf[4096];
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

int main(int argc, char **argv)
{
	hid_device *dev;
	int fd, iface;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "usbdk")) {
		libusb_set_option(NULL, LIBUSB_OPTION_USE_USBDK);
		dev = hid_libusb_wrap_sys_device(0, -1);
		printf("hid_libusb_wrap_sys_device %p\n", (void *)dev);
		return dev ? 0 : 1;
	}
	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "wrapfile")) {
		const char *path = "/tmp/errtrail-libhidapi-usbfile";

		unlink(path);
		fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0644);
		need(fd >= 0, path);
		iface = atoi(argv[2]);
	} else if (!strcmp(argv[1], "wrap") && argc >= 4) {
		fd = make_node(argv[2]);
		iface = atoi(argv[3]);
	} else {
		return 2;
	}
	need(libusb_set_option(NULL, LIBUSB_OPTION_NO_DEVICE_DISCOVERY) == 0, "set_option");
	dev = hid_libusb_wrap_sys_device(fd, iface);
	printf("hid_libusb_wrap_sys_device %p\n", (void *)dev);
	return dev ? 0 : 1;
}
