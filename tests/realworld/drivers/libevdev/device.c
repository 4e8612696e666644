/* realworld corpus driver: libevdev given descriptors that are not input devices, and
 * devices described wrongly.
 *
 * device MODE: devnull (libevdev_set_fd() of /dev/null), file (libevdev_new_from_fd()
 * of a regular file written to /tmp), uinput (libevdev_uinput_create_from_device() of
 * a keyboard described with libevdev_new(), handed /dev/null opened read-write as its
 * uinput descriptor), absnull (libevdev_enable_event_code() of EV_ABS ABS_X without the
 * absinfo EV_ABS needs), relvalue (libevdev_set_event_value() of EV_REL REL_X, a type
 * that has no state), absinfo (libevdev_get_abs_info() of ABS_Y on a device that only
 * has ABS_X).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libevdev/libevdev.h>
#include <libevdev/libevdev-uinput.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "devnull";
	struct input_absinfo abs = { .minimum = 0, .maximum = 1023 };
	struct libevdev *dev = NULL;
	int fd, rc = 0;

	if (strcmp(mode, "devnull") == 0) {
		dev = libevdev_new();
		fd = open("/dev/null", O_RDONLY);
		if (!dev || fd < 0)
			return 2;
		rc = libevdev_set_fd(dev, fd);
	} else if (strcmp(mode, "file") == 0) {
		const char *path = "/tmp/errtrail-evdev-event0";

		fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write(fd, "not an input device\n", 20) != 20) {
			perror(path);
			return 2;
		}
		rc = libevdev_new_from_fd(fd, &dev);
	} else if (strcmp(mode, "uinput") == 0) {
		struct libevdev_uinput *uidev = NULL;

		dev = libevdev_new();
		fd = open("/dev/null", O_RDWR);
		if (!dev || fd < 0)
			return 2;
		libevdev_set_name(dev, "errtrail keyboard");
		libevdev_enable_event_code(dev, EV_KEY, KEY_A, NULL);
		libevdev_enable_event_code(dev, EV_KEY, KEY_B, NULL);
		rc = libevdev_uinput_create_from_device(dev, fd, &uidev);
		libevdev_uinput_destroy(uidev);
	} else if (strcmp(mode, "absnull") == 0) {
		dev = libevdev_new();
		if (!dev)
			return 2;
		rc = libevdev_enable_event_code(dev, EV_ABS, ABS_X, NULL);
	} else if (strcmp(mode, "relvalue") == 0) {
		dev = libevdev_new();
		if (!dev || libevdev_enable_event_code(dev, EV_REL, REL_X, NULL) != 0)
			return 2;
		rc = libevdev_set_event_value(dev, EV_REL, REL_X, 5);
	} else if (strcmp(mode, "absinfo") == 0) {
		dev = libevdev_new();
		if (!dev || libevdev_enable_event_code(dev, EV_ABS, ABS_X, &abs) != 0)
			return 2;
		printf("%s: ABS_Y info %p\n", mode, (const void *)libevdev_get_abs_info(dev, ABS_Y));
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? strerror(-rc) : "ok");
	libevdev_free(dev);
	return 0;
}
