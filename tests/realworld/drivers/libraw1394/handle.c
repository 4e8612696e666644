/* libraw1394 handles and ports, on a machine with no FireWire controller
 * (no /dev/fw*, no /dev/raw1394): raw1394_new_handle() falls back from the
 * legacy raw1394 stack to the firewire-core ("juju") stack and returns a
 * handle with no ports.
 *
 *   handle setport N          raw1394_set_port(h, N)
 *   handle newport N          raw1394_new_handle_on_port(N)
 *   handle envdev PATH        RAW1394DEV=PATH, raw1394_new_handle() (the legacy
 *                             ieee1394_new_handle() fails, and the call falls
 *                             back to firewire-core, which succeeds)
 *   handle speed NODE         raw1394_get_speed(h, NODE)   (NODE in hex)
 *   handle configrom          raw1394_get_config_rom(h, ...)
 *   handle channel N          raw1394_channel_modify(h, N, RAW1394_MODIFY_ALLOC)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "raw1394.h"

static raw1394handle_t open_handle(void)
{
	raw1394handle_t h = raw1394_new_handle();

	if (h == NULL) {
		printf("raw1394_new_handle: NULL, errno %d (%s)\n", errno, strerror(errno));
		exit(2);
	}
	return h;
}

int main(int argc, char **argv)
{
	raw1394handle_t h;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: handle MODE [ARG]\n");
		return 2;
	}
	if (strcmp(argv[1], "envdev") != 0)
		unsetenv("RAW1394DEV");

	if (strcmp(argv[1], "setport") == 0 && argc == 3) {
		h = open_handle();
		errno = 0;
		rc = raw1394_set_port(h, atoi(argv[2]));
		printf("raw1394_set_port(%s): %d, errno %d (%s)\n", argv[2], rc, errno, strerror(errno));
		raw1394_destroy_handle(h);
	} else if (strcmp(argv[1], "newport") == 0 && argc == 3) {
		errno = 0;
		h = raw1394_new_handle_on_port(atoi(argv[2]));
		printf("raw1394_new_handle_on_port(%s): %p, errno %d (%s)\n", argv[2], (void *) h, errno,
		       strerror(errno));
		raw1394_destroy_handle(h);
	} else if (strcmp(argv[1], "envdev") == 0 && argc == 3) {
		setenv("RAW1394DEV", argv[2], 1);
		errno = 0;
		h = raw1394_new_handle();
		printf("raw1394_new_handle() with RAW1394DEV=%s: %p, errno %d (%s)\n", argv[2], (void *) h,
		       errno, strerror(errno));
		raw1394_destroy_handle(h);
	} else if (strcmp(argv[1], "speed") == 0 && argc == 3) {
		nodeid_t node = (nodeid_t) strtoul(argv[2], NULL, 16);

		h = open_handle();
		errno = 0;
		rc = raw1394_get_speed(h, node);
		printf("raw1394_get_speed(0x%04x): %d, errno %d (%s)\n", node, rc, errno, strerror(errno));
		raw1394_destroy_handle(h);
	} else if (strcmp(argv[1], "configrom") == 0) {
		quadlet_t rom[256];
		size_t size = 0;
		unsigned char version = 0;

		h = open_handle();
		errno = 0;
		rc = raw1394_get_config_rom(h, rom, sizeof rom, &size, &version);
		printf("raw1394_get_config_rom: %d, errno %d (%s)\n", rc, errno, strerror(errno));
		raw1394_destroy_handle(h);
	} else if (strcmp(argv[1], "channel") == 0 && argc == 3) {
		h = open_handle();
		errno = 0;
		rc = raw1394_channel_modify(h, (unsigned int) atoi(argv[2]), RAW1394_MODIFY_ALLOC);
		printf("raw1394_channel_modify(%s, ALLOC): %d, errno %d (%s)\n", argv[2], rc, errno,
		       strerror(errno));
		raw1394_destroy_handle(h);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	return 0;
}
