/* realworld corpus driver: libmosquitto clients connecting, with no broker.
 *
 * net MODE [HEX]:
 *   refused     mosquitto_connect() to 127.0.0.1 on a TCP port the driver has bound
 *               but does not listen on (ECONNREFUSED)
 *   badca       mosquitto_tls_set() with a cafile that holds no certificate, then
 *               mosquitto_connect() to the driver's own listening Unix socket (port 0
 *               means a Unix socket path)
 *   packet HEX  an MQTT v5 client connects to the driver's own listening Unix socket
 *               (/tmp/errtrail-libmosquitto-sock, never served by another process);
 *               the driver accepts the connection, writes the bytes HEX encodes as the
 *               "broker's" reply and calls mosquitto_loop_read() once
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>
#include <mosquitto.h>

#define SOCK_PATH "/tmp/errtrail-libmosquitto-sock"

static int listen_unix(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	strcpy(addr.sun_path, SOCK_PATH);
	unlink(SOCK_PATH);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) || listen(fd, 4)) {
		perror(SOCK_PATH);
		exit(2);
	}
	return fd;
}

/* a TCP port on 127.0.0.1 that is bound (so no other process can take it) but not
 * listened on: connecting to it is refused */
static int closed_port(int *fd_out)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof(addr);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr))
			|| getsockname(fd, (struct sockaddr *)&addr, &len)) {
		perror("bind 127.0.0.1:0");
		exit(2);
	}
	*fd_out = fd;
	return ntohs(addr.sin_port);
}

static struct mosquitto *client(int v5)
{
	struct mosquitto *mosq = mosquitto_new("errtrail", true, NULL);

	if (!mosq) {
		perror("mosquitto_new");
		exit(2);
	}
	if (v5)
		mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
	return mosq;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "refused";
	struct mosquitto *mosq;
	int rc;

	mosquitto_lib_init();
	if (strcmp(mode, "refused") == 0) {
		int bfd;
		int port = closed_port(&bfd);
		mosq = client(0);
		rc = mosquitto_connect(mosq, "127.0.0.1", port, 60);
		printf("connect 127.0.0.1:%d: rc=%d (%s)\n", port, rc, strerror(errno));
		close(bfd);
	} else if (strcmp(mode, "badca") == 0) {
		FILE *f;
		int lfd = listen_unix();

		mkdir("/tmp/errtrail-libmosquitto-badca", 0755);
		f = fopen("/tmp/errtrail-libmosquitto-badca/ca.pem", "w");
		if (!f || fputs("no certificate here\n", f) < 0 || fclose(f)) {
			perror("ca.pem");
			return 2;
		}
		mosq = client(0);
		rc = mosquitto_tls_set(mosq, "/tmp/errtrail-libmosquitto-badca/ca.pem", NULL, NULL,
				NULL, NULL);
		if (rc) {
			fprintf(stderr, "tls_set: %d\n", rc);
			return 2;
		}
		rc = mosquitto_connect(mosq, SOCK_PATH, 0, 60);
		printf("connect: rc=%d\n", rc);
		close(lfd);
	} else if (strcmp(mode, "packet") == 0) {
		const char *hex = argc > 2 ? argv[2] : "";
		unsigned char buf[512];
		size_t n = strlen(hex) / 2;
		int lfd = listen_unix(), cfd;

		if (n > sizeof(buf))
			return 2;
		for (size_t i = 0; i < n; i++) {
			unsigned v;
			if (sscanf(hex + 2 * i, "%2x", &v) != 1)
				return 2;
			buf[i] = (unsigned char)v;
		}
		mosq = client(1);
		rc = mosquitto_connect(mosq, SOCK_PATH, 0, 60);
		if (rc) {
			fprintf(stderr, "connect: %d\n", rc);
			return 2;
		}
		cfd = accept(lfd, NULL, NULL);
		if (cfd < 0 || write(cfd, buf, n) != (ssize_t)n) {
			perror("accept/write");
			return 2;
		}
		rc = mosquitto_loop_read(mosq, 1);
		printf("loop_read: rc=%d\n", rc);
		close(cfd);
		close(lfd);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	mosquitto_destroy(mosq);
	mosquitto_lib_cleanup();
	return rc ? 1 : 0;
}
