/* realworld corpus driver: sd-event, sd-id128, sd-daemon, sd-device and sd-path calls that fail.
 *   misc addio FD                 sd_event_add_io(FD, EPOLLIN) on the default event loop
 *   misc addtime CLOCK            sd_event_add_time(CLOCK, ...) on the default event loop
 *   misc id128 STRING             sd_id128_from_string(STRING)
 *   misc invocation STRING        INVOCATION_ID=STRING, sd_id128_get_invocation()
 *   misc listenpid STRING         LISTEN_PID=STRING LISTEN_FDS=1, sd_listen_fds(0)
 *   misc listenfds N              LISTEN_PID=<own pid> LISTEN_FDS=N, fds 3..N+2 closed, sd_listen_fds(0)
 *   misc isfifo FD                sd_is_fifo(FD, NULL)
 *   misc syspath PATH             sd_device_new_from_syspath(PATH)
 *   misc pathruntime              no XDG_RUNTIME_DIR, sd_path_lookup(SD_PATH_USER_RUNTIME)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-device.h>
#include <systemd/sd-event.h>
#include <systemd/sd-id128.h>
#include <systemd/sd-path.h>

static int on_io(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	(void) s;
	(void) fd;
	(void) revents;
	(void) userdata;
	return 0;
}

static int on_time(sd_event_source *s, uint64_t usec, void *userdata)
{
	(void) s;
	(void) usec;
	(void) userdata;
	return 0;
}

int main(int argc, char **argv)
{
	sd_event *e = NULL;
	sd_event_source *s = NULL;
	sd_id128_t id;
	char buf[32];
	int r;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "addio") && argc > 2) {
		if (sd_event_default(&e) < 0)
			return 2;
		r = sd_event_add_io(e, &s, atoi(argv[2]), EPOLLIN, on_io, NULL);
	} else if (!strcmp(argv[1], "addtime") && argc > 2) {
		if (sd_event_default(&e) < 0)
			return 2;
		r = sd_event_add_time(e, &s, atoi(argv[2]), 1000000, 0, on_time, NULL);
	} else if (!strcmp(argv[1], "id128") && argc > 2) {
		r = sd_id128_from_string(argv[2], &id);
	} else if (!strcmp(argv[1], "invocation") && argc > 2) {
		setenv("INVOCATION_ID", argv[2], 1);
		r = sd_id128_get_invocation(&id);
	} else if (!strcmp(argv[1], "listenpid") && argc > 2) {
		setenv("LISTEN_PID", argv[2], 1);
		setenv("LISTEN_FDS", "1", 1);
		r = sd_listen_fds(0);
	} else if (!strcmp(argv[1], "listenfds") && argc > 2) {
		int n = atoi(argv[2]);

		snprintf(buf, sizeof(buf), "%d", (int) getpid());
		setenv("LISTEN_PID", buf, 1);
		setenv("LISTEN_FDS", argv[2], 1);
		for (int fd = SD_LISTEN_FDS_START; fd < SD_LISTEN_FDS_START + n; fd++)
			close(fd);
		r = sd_listen_fds(0);
	} else if (!strcmp(argv[1], "isfifo") && argc > 2) {
		r = sd_is_fifo(atoi(argv[2]), NULL);
	} else if (!strcmp(argv[1], "syspath") && argc > 2) {
		sd_device *dev = NULL;

		r = sd_device_new_from_syspath(&dev, argv[2]);
		sd_device_unref(dev);
	} else if (!strcmp(argv[1], "pathruntime")) {
		char *path = NULL;

		unsetenv("XDG_RUNTIME_DIR");
		r = sd_path_lookup(SD_PATH_USER_RUNTIME, NULL, &path);
		free(path);
	} else {
		return 2;
	}
	printf("%d\n", r);
	return 0;
}
