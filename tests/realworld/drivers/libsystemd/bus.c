/* realworld corpus driver: sd-bus calls that fail.
 * Modes that need a bus use one started on one end of a socketpair (state
 * authenticating: open, no daemon needed).
 *   bus newcall PATH IFACE MEMBER  sd_bus_message_new_method_call(PATH, IFACE, MEMBER)
 *   bus append SIG STR             sd_bus_message_append(m, SIG, STR, STR) on a new call
 *   bus appendin SIG TYPE          open an array of SIG, then append_basic(TYPE, "x")
 *   bus readunsealed               sd_bus_message_read_basic('s') on an unsealed message
 *   bus read STR SIG               append "s" STR, seal, rewind, sd_bus_message_read(SIG)
 *   bus readarray TYPE             append "i" 7, seal, rewind, sd_bus_message_read_array(TYPE)
 *   bus callmethod PATH            sd_bus_call_method(PATH) on a started bus
 *   bus emit                       sd_bus_emit_signal() on a bus never started
 *   bus connect ADDRESS            sd_bus_set_address(ADDRESS), sd_bus_start()
 *   bus system ADDRESS             DBUS_SYSTEM_BUS_ADDRESS=ADDRESS, sd_bus_open_system()
 *   bus user                       no DBUS_SESSION_BUS_ADDRESS nor XDG_RUNTIME_DIR, sd_bus_open_user()
 *   bus pathencode PREFIX ID       sd_bus_path_encode(PREFIX, ID)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <systemd/sd-bus.h>

static sd_bus *started_bus(void)
{
	sd_bus *bus = NULL;
	int fds[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) < 0)
		exit(2);
	if (sd_bus_new(&bus) < 0 || sd_bus_set_fd(bus, fds[0], fds[0]) < 0 || sd_bus_start(bus) < 0)
		exit(2);
	return bus;
}

static sd_bus_message *new_call(sd_bus *bus)
{
	sd_bus_message *m = NULL;

	if (sd_bus_message_new_method_call(bus, &m, "org.example.Dest", "/org/example",
					   "org.example.Iface", "Method") < 0)
		exit(2);
	return m;
}

static sd_bus_message *sealed_with(sd_bus *bus, const char *sig, ...)
{
	sd_bus_message *m = new_call(bus);
	va_list ap;

	va_start(ap, sig);
	if (sd_bus_message_appendv(m, sig, ap) < 0)
		exit(2);
	va_end(ap);
	if (sd_bus_message_seal(m, 1, 0) < 0 || sd_bus_message_rewind(m, 1) < 0)
		exit(2);
	return m;
}

int main(int argc, char **argv)
{
	sd_bus *bus = NULL;
	sd_bus_message *m = NULL;
	int r;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "newcall") && argc > 4) {
		bus = started_bus();
		r = sd_bus_message_new_method_call(bus, &m, NULL, argv[2], argv[3], argv[4]);
	} else if (!strcmp(argv[1], "append") && argc > 3) {
		bus = started_bus();
		m = new_call(bus);
		r = sd_bus_message_append(m, argv[2], argv[3], argv[3]);
	} else if (!strcmp(argv[1], "appendin") && argc > 3) {
		bus = started_bus();
		m = new_call(bus);
		if (sd_bus_message_open_container(m, 'a', argv[2]) < 0)
			return 2;
		r = sd_bus_message_append_basic(m, argv[3][0], "x");
	} else if (!strcmp(argv[1], "readunsealed")) {
		const char *s;

		bus = started_bus();
		m = new_call(bus);
		if (sd_bus_message_append(m, "s", "hello") < 0)
			return 2;
		r = sd_bus_message_read_basic(m, 's', &s);
	} else if (!strcmp(argv[1], "read") && argc > 3) {
		char buf[64];

		bus = started_bus();
		m = sealed_with(bus, "s", argv[2]);
		r = sd_bus_message_read(m, argv[3], buf, buf, buf);
	} else if (!strcmp(argv[1], "readarray") && argc > 2) {
		const void *p;
		size_t n;

		bus = started_bus();
		m = sealed_with(bus, "i", 7);
		r = sd_bus_message_read_array(m, argv[2][0], &p, &n);
	} else if (!strcmp(argv[1], "callmethod") && argc > 2) {
		sd_bus_error error = SD_BUS_ERROR_NULL;

		bus = started_bus();
		r = sd_bus_call_method(bus, "org.example.Dest", argv[2], "org.example.Iface", "Method",
				       &error, NULL, NULL);
		sd_bus_error_free(&error);
	} else if (!strcmp(argv[1], "emit")) {
		if (sd_bus_new(&bus) < 0)
			return 2;
		r = sd_bus_emit_signal(bus, "/org/example", "org.example.Iface", "Signal", NULL);
	} else if (!strcmp(argv[1], "connect") && argc > 2) {
		if (sd_bus_new(&bus) < 0 || sd_bus_set_address(bus, argv[2]) < 0)
			return 2;
		r = sd_bus_start(bus);
	} else if (!strcmp(argv[1], "system") && argc > 2) {
		setenv("DBUS_SYSTEM_BUS_ADDRESS", argv[2], 1);
		r = sd_bus_open_system(&bus);
	} else if (!strcmp(argv[1], "user")) {
		unsetenv("DBUS_SESSION_BUS_ADDRESS");
		unsetenv("XDG_RUNTIME_DIR");
		r = sd_bus_open_user(&bus);
	} else if (!strcmp(argv[1], "pathencode") && argc > 3) {
		char *path = NULL;

		r = sd_bus_path_encode(argv[2], argv[3], &path);
		free(path);
	} else {
		return 2;
	}
	printf("%d\n", r);
	return 0;
}
