/* libserialport driver: port lookup, metadata, open and config calls with bad input.
 *
 *   port byname NAME             sp_get_port_by_name(NAME)
 *   port open NAME FLAGS         sp_get_port_by_name(NAME), then sp_open(port, FLAGS)
 *   port usbmanuf NAME           sp_get_port_usb_manufacturer() of a port
 *   port usbserial NAME          sp_get_port_usb_serial() of a port
 *   port btaddr NAME             sp_get_port_bluetooth_address() of a port
 *   port usbbus NAME             sp_get_port_usb_bus_address() of a port
 *   port flowcontrol N           sp_set_config_flowcontrol(config, N)
 *   port events NAME MASK        sp_add_port_events(set, port, MASK)
 *
 * No case touches a real serial line: the ports named are /dev/ptmx (a virtual tty
 * every Linux has in /sys/class/tty), or names that do not exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libserialport.h>

static struct sp_port *get(const char *name)
{
	struct sp_port *port = NULL;
	enum sp_return rc = sp_get_port_by_name(name, &port);
	printf("sp_get_port_by_name(%s) = %d\n", name, rc);
	if (rc != SP_OK)
		exit(1);
	return port;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: port MODE ARG...\n");
		return 2;
	}
	const char *mode = argv[1];
	if (!strcmp(mode, "byname")) {
		struct sp_port *port = NULL;
		enum sp_return rc = sp_get_port_by_name(argv[2], &port);
		printf("sp_get_port_by_name(%s) = %d\n", argv[2], rc);
		sp_free_port(port);
		return rc == SP_OK ? 0 : 1;
	}
	if (!strcmp(mode, "open") && argc > 3) {
		struct sp_port *port = get(argv[2]);
		enum sp_return rc = sp_open(port, (enum sp_mode)atoi(argv[3]));
		char *msg = sp_last_error_message();
		printf("sp_open(%s, %s) = %d (errno %d: %s)\n", argv[2], argv[3], rc,
		       sp_last_error_code(), msg);
		sp_free_error_message(msg);
		if (rc == SP_OK)
			sp_close(port);
		sp_free_port(port);
		return rc == SP_OK ? 0 : 1;
	}
	if (!strcmp(mode, "usbmanuf") || !strcmp(mode, "usbserial") || !strcmp(mode, "btaddr")) {
		struct sp_port *port = get(argv[2]);
		char *s = !strcmp(mode, "usbmanuf") ? sp_get_port_usb_manufacturer(port)
			: !strcmp(mode, "usbserial") ? sp_get_port_usb_serial(port)
			: sp_get_port_bluetooth_address(port);
		printf("transport %d, %s: %s\n", sp_get_port_transport(port), mode,
		       s ? s : "(null)");
		sp_free_port(port);
		return s ? 0 : 1;
	}
	if (!strcmp(mode, "usbbus")) {
		struct sp_port *port = get(argv[2]);
		int bus = -1, address = -1;
		enum sp_return rc = sp_get_port_usb_bus_address(port, &bus, &address);
		printf("sp_get_port_usb_bus_address = %d (bus %d, address %d)\n", rc, bus, address);
		sp_free_port(port);
		return rc == SP_OK ? 0 : 1;
	}
	if (!strcmp(mode, "flowcontrol")) {
		struct sp_port_config *config = NULL;
		if (sp_new_config(&config) != SP_OK)
			return 1;
		enum sp_return rc = sp_set_config_flowcontrol(config,
			(enum sp_flowcontrol)atoi(argv[2]));
		printf("sp_set_config_flowcontrol(%s) = %d\n", argv[2], rc);
		sp_free_config(config);
		return rc == SP_OK ? 0 : 1;
	}
	if (!strcmp(mode, "events") && argc > 3) {
		struct sp_port *port = get(argv[2]);
		struct sp_event_set *set = NULL;
		if (sp_new_event_set(&set) != SP_OK)
			return 1;
		enum sp_return rc = sp_add_port_events(set, port, (enum sp_event)atoi(argv[3]));
		printf("sp_add_port_events(%s) = %d\n", argv[3], rc);
		sp_free_event_set(set);
		sp_free_port(port);
		return rc == SP_OK ? 0 : 1;
	}
	fprintf(stderr, "unknown mode %s\n", mode);
	return 2;
}
