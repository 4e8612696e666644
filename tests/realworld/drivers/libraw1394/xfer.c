/* libraw1394 transactions, address-range mappings and isochronous reception
 * on a handle with no port set, on a machine with no FireWire controller
 * (raw1394_new_handle() returns a firewire-core handle with no ports, no
 * nodes and no local node).
 *
 *   xfer read NODE ADDR LEN      raw1394_read(h, NODE, ADDR, LEN, buf)   (hex NODE, ADDR)
 *   xfer write NODE ADDR LEN     raw1394_write(h, NODE, ADDR, LEN, buf)
 *   xfer lock NODE EXTCODE       raw1394_lock(h, NODE, bandwidth register, EXTCODE, ...)
 *   xfer startlock64 NODE EXTCODE  raw1394_start_lock64(h, NODE, ..., EXTCODE, ...)
 *   xfer armunreg ADDR           raw1394_arm_unregister(h, ADDR)
 *   xfer isorecv CHANNEL         raw1394_iso_recv_init(h, handler, 64, 512, CHANNEL, DEFAULT, -1)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "raw1394.h"
#include "csr.h"

static enum raw1394_iso_disposition recv_handler(raw1394handle_t h, unsigned char *data,
						 unsigned int len, unsigned char channel,
						 unsigned char tag, unsigned char sy,
						 unsigned int cycle, unsigned int dropped)
{
	return RAW1394_ISO_OK;
}

int main(int argc, char **argv)
{
	raw1394handle_t h;
	quadlet_t buf[64];
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: xfer MODE ARGS...\n");
		return 2;
	}
	unsetenv("RAW1394DEV");
	memset(buf, 0, sizeof buf);
	h = raw1394_new_handle();
	if (h == NULL) {
		printf("raw1394_new_handle: NULL, errno %d (%s)\n", errno, strerror(errno));
		return 2;
	}

	if ((strcmp(argv[1], "read") == 0 || strcmp(argv[1], "write") == 0) && argc == 5) {
		nodeid_t node = (nodeid_t) strtoul(argv[2], NULL, 16);
		nodeaddr_t addr = strtoull(argv[3], NULL, 16);
		size_t len = strtoul(argv[4], NULL, 10);

		if (len > sizeof buf)
			len = sizeof buf;
		errno = 0;
		if (argv[1][0] == 'r')
			rc = raw1394_read(h, node, addr, len, buf);
		else
			rc = raw1394_write(h, node, addr, len, buf);
		printf("raw1394_%s(0x%04x, 0x%llx, %zu): %d, errno %d (%s), errcode 0x%x\n", argv[1], node,
		       (unsigned long long) addr, len, rc, errno, strerror(errno),
		       (unsigned) raw1394_get_errcode(h));
	} else if (strcmp(argv[1], "lock") == 0 && argc == 4) {
		nodeid_t node = (nodeid_t) strtoul(argv[2], NULL, 16);
		quadlet_t result = 0;

		errno = 0;
		rc = raw1394_lock(h, node, CSR_REGISTER_BASE + CSR_BANDWIDTH_AVAILABLE,
				  (unsigned int) atoi(argv[3]), 0, 4915, &result);
		printf("raw1394_lock(0x%04x, extcode %s): %d, errno %d (%s)\n", node, argv[3], rc, errno,
		       strerror(errno));
	} else if (strcmp(argv[1], "startlock64") == 0 && argc == 4) {
		nodeid_t node = (nodeid_t) strtoul(argv[2], NULL, 16);
		octlet_t result = 0;

		errno = 0;
		rc = raw1394_start_lock64(h, node, CSR_REGISTER_BASE + CSR_BANDWIDTH_AVAILABLE,
					  (unsigned int) atoi(argv[3]), 1, 0, &result, 0);
		printf("raw1394_start_lock64(0x%04x, extcode %s): %d, errno %d (%s)\n", node, argv[3], rc,
		       errno, strerror(errno));
	} else if (strcmp(argv[1], "armunreg") == 0 && argc == 3) {
		nodeaddr_t addr = strtoull(argv[2], NULL, 16);

		errno = 0;
		rc = raw1394_arm_unregister(h, addr);
		printf("raw1394_arm_unregister(0x%llx): %d, errno %d (%s)\n", (unsigned long long) addr, rc,
		       errno, strerror(errno));
	} else if (strcmp(argv[1], "isorecv") == 0 && argc == 3) {
		errno = 0;
		rc = raw1394_iso_recv_init(h, recv_handler, 64, 512, (unsigned char) atoi(argv[2]),
					   RAW1394_DMA_DEFAULT, -1);
		printf("raw1394_iso_recv_init(channel %s): %d, errno %d (%s)\n", argv[2], rc, errno,
		       strerror(errno));
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		raw1394_destroy_handle(h);
		return 2;
	}
	raw1394_destroy_handle(h);
	return 0;
}
