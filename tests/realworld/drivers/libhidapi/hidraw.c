/* realworld corpus driver: hidapi's hidraw backend (linux/hid.c).
 *
 * The machine has no HID devices. The enumerate and open modes first make a private
 * mount namespace (root) with an empty tmpfs over /sys/class/hidraw, so that udev finds
 * no hidraw device there whatever the machine has (the real /sys is left alone).
 *   hidraw path missing           hid_open_path() of /tmp/errtrail-libhidapi-none/hidraw0
 *                                 (the directory is removed first)
 *   hidraw path dir               hid_open_path() of the directory /tmp/errtrail-libhidapi-dir
 *   hidraw path file              hid_open_path() of the regular file /tmp/errtrail-libhidapi-file
 *   hidraw path PATH              hid_open_path() of PATH as given
 *   hidraw enumerate VID PID      hid_enumerate(VID, PID) (hex)
 *   hidraw open VID PID           hid_open(VID, PID, NULL) (hex)
 * The driver prints each call's result and hid_error(NULL).
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
#include <wchar.h>
#include <hidapi.h>

static void need(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		exit(2);
	}
}

static void no_hidraw(void)
{
	need(unshare(CLONE_NEWNS) == 0, "unshare");
	need(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0, "mount private");
	need(mount("errtrail", "/sys/class/hidraw", "tmpfs", 0, "mode=755") == 0, "mount tmpfs");
}

static void show_error(void)
{
	printf("error: %ls\n", hid_error(NULL));
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "path")) {
		const char *path = argv[2];
		hid_device *dev;

		if (!strcmp(path, "missing")) {
			path = "/tmp/errtrail-libhidapi-none/hidraw0";
			rmdir("/tmp/errtrail-libhidapi-none");
		} else if (!strcmp(path, "dir")) {
			path = "/tmp/errtrail-libhidapi-dir";
			mkdir(path, 0755);
		} else if (!strcmp(path, "file")) {
			int fd;

			path = "/tmp/errtrail-libhidapi-file";
			fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
			need(fd >= 0, path);
			need(write(fd, "\x05\x01\x09\x06", 4) == 4, "write");
			close(fd);
		}
		dev = hid_open_path(path);
		printf("hid_open_path %p\n", (void *)dev);
		show_error();
		return dev ? 0 : 1;
	}
	if (argc < 4)
		return 2;
	unsigned short vid = (unsigned short)strtoul(argv[2], NULL, 16);
	unsigned short pid = (unsigned short)strtoul(argv[3], NULL, 16);
	no_hidraw();
	if (!strcmp(argv[1], "enumerate")) {
		struct hid_device_info *devs = hid_enumerate(vid, pid);

		printf("hid_enumerate %p\n", (void *)devs);
		show_error();
		hid_free_enumeration(devs);
		return devs ? 0 : 1;
	}
	if (!strcmp(argv[1], "open")) {
		hid_device *dev = hid_open(vid, pid, NULL);

		printf("hid_open %p\n", (void *)dev);
		show_error();
		return dev ? 0 : 1;
	}
	return 2;
}
