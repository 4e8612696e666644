/* realworld corpus driver: libusbmuxd's requests to usbmuxd (libusbmuxd.c, socket.c), with no
 * usbmuxd running. The driver points libusbmuxd at a socket path of its own with
 * USBMUXD_SOCKET_ADDRESS (set by the driver, from WHERE) and calls one API function (CALL).
 *
 * client CALL WHERE [REPLY...]
 *
 * CALL:  connect   usbmuxd_connect(1, 62078)
 *        buid      usbmuxd_read_buid(&buid)
 *        devlist   usbmuxd_get_device_list(&list)
 *        byudid    usbmuxd_get_device_by_udid(NULL, &dev)
 *        save      usbmuxd_save_pair_record_with_device_id("0123456789abcdef", 1, "ab", 2)
 *
 * WHERE: nosock    UNIX:<dir>/usbmuxd, where <dir> is a fresh /tmp/errtrail-libusbmuxd-* that
 *                  holds nothing
 *        file      UNIX:<dir>/usbmuxd, a regular file of 4 bytes
 *        stale     UNIX:<dir>/usbmuxd, a unix socket that was bound and closed (nobody
 *                  listens: what a crashed usbmuxd leaves behind)
 *        badport   localhost:99999 (a port out of range: libusbmuxd ignores the variable and
 *                  uses /var/run/usbmuxd, which the machine does not have)
 *        peer      UNIX:<dir>/usbmuxd, listened on by the driver; a child process of the driver
 *                  accepts one connection, reads the request packet, and answers with REPLY:
 *
 * REPLY: result N          a MESSAGE_PLIST packet {MessageType: Result, Number: N}
 *        msg NAME          a MESSAGE_PLIST packet {MessageType: NAME}
 *        nomtype           a MESSAGE_PLIST packet {Status: 0} (no MessageType)
 *        garbage           a MESSAGE_PLIST packet whose payload is "not a plist" (not XML)
 *        short             a header announcing 64 bytes of payload, 8 bytes of it, then close
 *        close             no answer: the child closes the connection
 *        raw TYPE          a packet of message type TYPE with a 4-byte payload of zeros
 *        devices KIND      a MESSAGE_PLIST packet {DeviceList: [{DeviceID: 1, MessageType:
 *                          Attached, Properties: {...}}]}, the properties by KIND:
 *                          noserial (DeviceID, ProductID, ConnectionType USB),
 *                          conntype (SerialNumber, ConnectionType Bluetooth),
 *                          nonetaddr (SerialNumber, ConnectionType Network, no NetworkAddress)
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <plist/plist.h>
#include <usbmuxd.h>

static char dir[64];
static char path[128];

struct hdr {
	uint32_t length, version, message, tag;
} __attribute__((packed));

static int bind_unix(const char *p)
{
	struct sockaddr_un sa;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (fd < 0) {
		perror("socket");
		exit(2);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strncpy(sa.sun_path, p, sizeof(sa.sun_path) - 1);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("bind");
		exit(2);
	}
	return fd;
}

static int read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t r = read(fd, (char *)buf + got, len - got);
		if (r <= 0)
			return -1;
		got += r;
	}
	return 0;
}

static void send_packet(int fd, uint32_t message, uint32_t tag, const void *payload, uint32_t len,
			uint32_t announced)
{
	struct hdr h = { announced ? announced : sizeof(h) + len, 1, message, tag };

	if (write(fd, &h, sizeof(h)) != sizeof(h) || (len && write(fd, payload, len) != (ssize_t)len))
		perror("write");
}

static void send_plist(int fd, uint32_t tag, plist_t dict)
{
	char *xml = NULL;
	uint32_t len = 0;

	plist_to_xml(dict, &xml, &len);
	send_packet(fd, 8, tag, xml, len, 0);
	free(xml);
	plist_free(dict);
}

static plist_t device_props(const char *kind)
{
	plist_t props = plist_new_dict();

	plist_dict_set_item(props, "DeviceID", plist_new_uint(1));
	plist_dict_set_item(props, "ProductID", plist_new_uint(0x12a8));
	if (strcmp(kind, "noserial") != 0)
		plist_dict_set_item(props, "SerialNumber",
				    plist_new_string("00008030-001A2B3C4D5E6F70"));
	if (strcmp(kind, "conntype") == 0)
		plist_dict_set_item(props, "ConnectionType", plist_new_string("Bluetooth"));
	else if (strcmp(kind, "nonetaddr") == 0)
		plist_dict_set_item(props, "ConnectionType", plist_new_string("Network"));
	else
		plist_dict_set_item(props, "ConnectionType", plist_new_string("USB"));
	return props;
}

/* the child: one connection, one request, the answer REPLY names */
static void peer(int lfd, char **reply)
{
	struct hdr h;
	char *req;
	char c;
	int fd = accept(lfd, NULL, NULL);

	if (fd < 0) {
		perror("accept");
		_exit(2);
	}
	if (read_full(fd, &h, sizeof(h)) < 0 || h.length < sizeof(h))
		_exit(2);
	req = malloc(h.length - sizeof(h) + 1);
	if (read_full(fd, req, h.length - sizeof(h)) < 0)
		_exit(2);
	free(req);

	if (strcmp(reply[0], "result") == 0) {
		plist_t d = plist_new_dict();
		plist_dict_set_item(d, "MessageType", plist_new_string("Result"));
		plist_dict_set_item(d, "Number", plist_new_uint(strtoul(reply[1], NULL, 0)));
		send_plist(fd, h.tag, d);
	} else if (strcmp(reply[0], "msg") == 0) {
		plist_t d = plist_new_dict();
		plist_dict_set_item(d, "MessageType", plist_new_string(reply[1]));
		send_plist(fd, h.tag, d);
	} else if (strcmp(reply[0], "nomtype") == 0) {
		plist_t d = plist_new_dict();
		plist_dict_set_item(d, "Status", plist_new_uint(0));
		send_plist(fd, h.tag, d);
	} else if (strcmp(reply[0], "garbage") == 0) {
		send_packet(fd, 8, h.tag, "not a plist", 11, 0);
	} else if (strcmp(reply[0], "short") == 0) {
		send_packet(fd, 8, h.tag, "<?xml ve", 8, sizeof(h) + 64);
		close(fd);
		_exit(0);
	} else if (strcmp(reply[0], "close") == 0) {
		close(fd);
		_exit(0);
	} else if (strcmp(reply[0], "raw") == 0) {
		uint32_t zero = 0;
		send_packet(fd, strtoul(reply[1], NULL, 0), h.tag, &zero, sizeof(zero), 0);
	} else if (strcmp(reply[0], "devices") == 0) {
		plist_t d = plist_new_dict();
		plist_t list = plist_new_array();
		plist_t dev = plist_new_dict();
		plist_dict_set_item(dev, "DeviceID", plist_new_uint(1));
		plist_dict_set_item(dev, "MessageType", plist_new_string("Attached"));
		plist_dict_set_item(dev, "Properties", device_props(reply[1]));
		plist_array_append_item(list, dev);
		plist_dict_set_item(d, "DeviceList", list);
		send_plist(fd, h.tag, d);
	} else {
		fprintf(stderr, "unknown reply %s\n", reply[0]);
	}
	/* keep the connection until libusbmuxd closes it */
	while (read(fd, &c, 1) > 0)
		;
	close(fd);
	_exit(0);
}

static void cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	char addr[160];
	pid_t child = -1;
	int rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: client CALL WHERE [REPLY...]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	strcpy(dir, "/tmp/errtrail-libusbmuxd-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/usbmuxd", dir);
	atexit(cleanup);
	snprintf(addr, sizeof(addr), "UNIX:%s", path);

	if (strcmp(argv[2], "nosock") == 0) {
		/* nothing there */
	} else if (strcmp(argv[2], "file") == 0) {
		FILE *f = fopen(path, "w");
		fputs("usb\n", f);
		fclose(f);
	} else if (strcmp(argv[2], "stale") == 0) {
		close(bind_unix(path));
	} else if (strcmp(argv[2], "badport") == 0) {
		strcpy(addr, "localhost:99999");
	} else if (strcmp(argv[2], "peer") == 0) {
		int lfd = bind_unix(path);
		if (argc < 4 || listen(lfd, 4) < 0) {
			fprintf(stderr, "peer needs a REPLY\n");
			return 2;
		}
		fflush(NULL);
		child = fork();
		if (child == 0)
			peer(lfd, argv + 3);
		close(lfd);
	} else {
		fprintf(stderr, "unknown WHERE %s\n", argv[2]);
		return 2;
	}
	setenv("USBMUXD_SOCKET_ADDRESS", addr, 1);

	if (strcmp(argv[1], "connect") == 0) {
		rc = usbmuxd_connect(1, 62078);
		printf("usbmuxd_connect: %d\n", rc);
		if (rc >= 0)
			usbmuxd_disconnect(rc);
	} else if (strcmp(argv[1], "buid") == 0) {
		char *buid = NULL;
		rc = usbmuxd_read_buid(&buid);
		printf("usbmuxd_read_buid: %d %s\n", rc, buid ? buid : "(null)");
		free(buid);
	} else if (strcmp(argv[1], "devlist") == 0) {
		usbmuxd_device_info_t *list = NULL;
		rc = usbmuxd_get_device_list(&list);
		printf("usbmuxd_get_device_list: %d\n", rc);
		usbmuxd_device_list_free(&list);
	} else if (strcmp(argv[1], "byudid") == 0) {
		usbmuxd_device_info_t dev;
		rc = usbmuxd_get_device_by_udid(NULL, &dev);
		printf("usbmuxd_get_device_by_udid: %d\n", rc);
	} else if (strcmp(argv[1], "save") == 0) {
		rc = usbmuxd_save_pair_record_with_device_id("0123456789abcdef", 1, "ab", 2);
		printf("usbmuxd_save_pair_record_with_device_id: %d\n", rc);
	} else {
		fprintf(stderr, "unknown CALL %s\n", argv[1]);
		rc = 2;
	}
	if (child > 0) {
		kill(child, SIGTERM);
		waitpid(child, NULL, 0);
	}
	return 0;
}
