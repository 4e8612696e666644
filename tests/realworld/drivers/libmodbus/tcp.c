/* realworld corpus driver: libmodbus TCP contexts that fail, with no network server.
 * A context's socket is one end of a socketpair (modbus_set_socket()); the driver
 * writes the peer's bytes (HEX) into the other end before the call, so the reply or
 * request is already there when libmodbus reads it.
 *   tcp readregs HEX        client: modbus_read_registers(ctx, 0, 1, ...) answered by HEX
 *   tcp writereg-eof        client: modbus_write_register(ctx, 1, 5); the peer shut down
 *                           its writing side, so the reply read gets end of file
 *   tcp writebit-closed     client: modbus_write_bit(ctx, 1, 1); the peer end is closed
 *   tcp receive HEX         server: modbus_receive(ctx, req) of the request HEX
 *   tcp connect-refused     modbus_connect() to 127.0.0.1:PORT, PORT bound by the driver
 *                           but not listening, so the connection is refused
 *   tcp newpi NODE SERVICE  modbus_new_tcp_pi(NODE, SERVICE)
 * Each prints what the call returned and errno.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <modbus.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* write the bytes HEX spells to fd */
static void write_hex(int fd, const char *hex)
{
	unsigned char buf[512];
	size_t n = 0;

	for (; hexval(hex[0]) >= 0 && hexval(hex[1]) >= 0 && n < sizeof(buf); hex += 2)
		buf[n++] = hexval(hex[0]) * 16 + hexval(hex[1]);
	if (write(fd, buf, n) != (ssize_t)n)
		exit(2);
}

/* a TCP context whose socket is sv[0] of a new socketpair; *peer gets sv[1] */
static modbus_t *paired(int *peer)
{
	int sv[2];
	modbus_t *ctx = modbus_new_tcp("127.0.0.1", 1502);

	if (ctx == NULL || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		exit(2);
	modbus_set_socket(ctx, sv[0]);
	modbus_set_response_timeout(ctx, 0, 200000);
	*peer = sv[1];
	return ctx;
}

static void report(const char *what, int rc)
{
	printf("%s: %d errno=%d (%s)\n", what, rc, errno, modbus_strerror(errno));
}

int main(int argc, char **argv)
{
	uint16_t regs[8];
	uint8_t req[MODBUS_TCP_MAX_ADU_LENGTH];
	modbus_t *ctx;
	int peer, rc;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "readregs") && argc > 2) {
		ctx = paired(&peer);
		write_hex(peer, argv[2]);
		rc = modbus_read_registers(ctx, 0, 1, regs);
		report("modbus_read_registers", rc);
	} else if (!strcmp(argv[1], "writereg-eof")) {
		ctx = paired(&peer);
		shutdown(peer, SHUT_WR);
		rc = modbus_write_register(ctx, 1, 5);
		report("modbus_write_register", rc);
	} else if (!strcmp(argv[1], "writebit-closed")) {
		ctx = paired(&peer);
		close(peer);
		rc = modbus_write_bit(ctx, 1, 1);
		report("modbus_write_bit", rc);
	} else if (!strcmp(argv[1], "receive") && argc > 2) {
		ctx = paired(&peer);
		write_hex(peer, argv[2]);
		rc = modbus_receive(ctx, req);
		report("modbus_receive", rc);
	} else if (!strcmp(argv[1], "connect-refused")) {
		struct sockaddr_in sin = { .sin_family = AF_INET };
		socklen_t len = sizeof(sin);
		int s = socket(AF_INET, SOCK_STREAM, 0);

		/* a port of the driver's own, bound but not listening: connecting to it is refused */
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (s < 0 || bind(s, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
		    getsockname(s, (struct sockaddr *)&sin, &len) != 0)
			return 2;
		ctx = modbus_new_tcp("127.0.0.1", ntohs(sin.sin_port));
		if (ctx == NULL)
			return 2;
		rc = modbus_connect(ctx);
		report("modbus_connect", rc);
		close(s);
	} else if (!strcmp(argv[1], "newpi") && argc > 3) {
		ctx = modbus_new_tcp_pi(argv[2], argv[3]);
		printf("modbus_new_tcp_pi: %p errno=%d\n", (void *)ctx, errno);
		return 0;
	} else {
		return 2;
	}
	modbus_free(ctx);
	return 0;
}
