/* realworld corpus driver: libusb-1.0 on a device node whose descriptors the driver writes.
 *
 * The machine has no USB devices. Every mode but wrapfile and usbdk first makes a private
 * mount namespace with a tmpfs over /dev (the real /dev is left alone) and writes a
 * regular file /dev/bus/usb/001/002 holding HEX (the bytes usbfs would give: a device
 * descriptor, then the configuration descriptors). libusb is initialised with
 * LIBUSB_OPTION_NO_DEVICE_DISCOVERY and the node is handed to libusb_wrap_sys_device(),
 * as on Android: libusb reads the node's path from /proc/self/fd and its descriptors from
 * the file. Every usbfs ioctl on the file fails with ENOTTY, as on a node whose driver
 * does not know the request.
 *   usbdev wrap HEX              libusb_wrap_sys_device() of the node
 *   usbdev wrapfile PATH         the same for PATH created afresh outside /dev/bus/usb
 *                                (no namespace)
 *   usbdev config HEX IDX        libusb_get_config_descriptor(dev, IDX)
 *   usbdev companion HEX         libusb_get_ss_endpoint_companion_descriptor() of the first
 *                                endpoint of interface 0, altsetting 0 of configuration 0
 *   usbdev maxpacket HEX EP      libusb_get_max_packet_size(dev, EP) (EP in hex)
 *   usbdev claim HEX IFACE       libusb_set_auto_detach_kernel_driver(h, 1), then
 *                                libusb_claim_interface(h, IFACE)
 *   usbdev iso HEX EP L1,L2,...  libusb_submit_transfer() of an isochronous transfer to EP
 *                                (hex) with packets of lengths L1, L2, ...
 *   usbdev control HEX           libusb_control_transfer(): GET_STATUS of the device
 *   usbdev usbdk                 libusb_set_option(NULL, LIBUSB_OPTION_USE_USBDK), then
 *                                libusb_init() (USBDK is a Windows backend option)
 * The driver prints each call's result.
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

static libusb_context *init(void)
{
	libusb_context *ctx = NULL;

	need(libusb_set_option(NULL, LIBUSB_OPTION_NO_DEVICE_DISCOVERY) == 0, "set_option");
	need(libusb_init(&ctx) == 0, "libusb_init");
	return ctx;
}

static libusb_device_handle *wrap(libusb_context *ctx, int fd)
{
	libusb_device_handle *h = NULL;
	int r = libusb_wrap_sys_device(ctx, fd, &h);

	printf("wrap %d\n", r);
	if (r)
		exit(1);
	return h;
}

static void LIBUSB_CALL iso_done(struct libusb_transfer *t)
{
	(void)t;
}

int main(int argc, char **argv)
{
	libusb_context *ctx;
	libusb_device_handle *h;
	int fd;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "usbdk")) {
		libusb_set_option(NULL, LIBUSB_OPTION_USE_USBDK);
		ctx = NULL;
		printf("init %d\n", libusb_init(&ctx));
		return 0;
	}
	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "wrapfile")) {
		unlink(argv[2]);
		fd = open(argv[2], O_RDWR | O_CREAT | O_EXCL, 0644);
		need(fd >= 0, argv[2]);
		ctx = init();
		h = NULL;
		printf("wrap %d\n", libusb_wrap_sys_device(ctx, fd, &h));
		return 0;
	}
	fd = make_node(argv[2]);
	ctx = init();
	if (!strcmp(argv[1], "wrap")) {
		h = NULL;
		printf("wrap %d\n", libusb_wrap_sys_device(ctx, fd, &h));
		return 0;
	}
	h = wrap(ctx, fd);
	if (!strcmp(argv[1], "config") && argc > 3) {
		struct libusb_config_descriptor *config = NULL;

		printf("%d\n", libusb_get_config_descriptor(libusb_get_device(h), atoi(argv[3]),
							    &config));
	} else if (!strcmp(argv[1], "companion")) {
		struct libusb_config_descriptor *config = NULL;
		struct libusb_ss_endpoint_companion_descriptor *comp = NULL;

		need(libusb_get_config_descriptor(libusb_get_device(h), 0, &config) == 0, "config");
		printf("%d\n", libusb_get_ss_endpoint_companion_descriptor(
			ctx, &config->interface[0].altsetting[0].endpoint[0], &comp));
	} else if (!strcmp(argv[1], "maxpacket") && argc > 3) {
		printf("%d\n", libusb_get_max_packet_size(libusb_get_device(h),
							  (unsigned char)strtoul(argv[3], NULL, 16)));
	} else if (!strcmp(argv[1], "claim") && argc > 3) {
		need(libusb_set_auto_detach_kernel_driver(h, 1) == 0, "auto_detach");
		printf("%d\n", libusb_claim_interface(h, atoi(argv[3])));
	} else if (!strcmp(argv[1], "iso") && argc > 4) {
		int lens[64], n = 0, total = 0, i;
		char *s = argv[4];
		struct libusb_transfer *t;
		unsigned char *buf;

		while (*s && n < 64) {
			lens[n] = (int)strtol(s, &s, 10);
			total += lens[n++];
			if (*s == ',')
				s++;
		}
		t = libusb_alloc_transfer(n);
		buf = calloc(1, total);
		need(t && buf, "alloc");
		libusb_fill_iso_transfer(t, h, (unsigned char)strtoul(argv[3], NULL, 16), buf, total,
					 n, iso_done, NULL, 1000);
		for (i = 0; i < n; i++)
			t->iso_packet_desc[i].length = lens[i];
		printf("%d\n", libusb_submit_transfer(t));
	} else if (!strcmp(argv[1], "control")) {
		unsigned char status[2];

		printf("%d\n", libusb_control_transfer(h, LIBUSB_ENDPOINT_IN,
						       LIBUSB_REQUEST_GET_STATUS, 0, 0, status, 2, 1000));
	} else {
		return 2;
	}
	return 0;
}
