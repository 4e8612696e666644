/* realworld corpus driver: libusbmuxd's data calls on a connection (usbmuxd_send(),
 * usbmuxd_recv_timeout(), libusbmuxd.c over socket.c), with no usbmuxd. The connection is one
 * end of an AF_UNIX socketpair, as usbmuxd_connect() would return one; the other end (the
 * "peer", the device's side) does what MODE says. No network is used.
 *
 * sock recv-eof:        the peer closed; usbmuxd_recv_timeout(fd, buf, 16, &n, 1000)
 * sock recv-timeout MS: the peer sends nothing; usbmuxd_recv_timeout(fd, buf, 16, &n, MS)
 * sock send-epipe:      the peer closed; usbmuxd_send(fd, "hello", 5, &n) (SIGPIPE ignored;
 *                       libusbmuxd sends with MSG_NOSIGNAL anyway)
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <usbmuxd.h>

int main(int argc, char **argv)
{
	int sv[2];
	char buf[16];
	uint32_t n = 0;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: sock MODE [ARG]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
		perror("socketpair");
		return 2;
	}
	if (strcmp(argv[1], "recv-eof") == 0) {
		close(sv[1]);
		rc = usbmuxd_recv_timeout(sv[0], buf, sizeof(buf), &n, 1000);
		printf("usbmuxd_recv_timeout: %d (%u bytes)\n", rc, n);
	} else if (strcmp(argv[1], "recv-timeout") == 0) {
		unsigned int ms = argc > 2 ? strtoul(argv[2], NULL, 0) : 10;
		rc = usbmuxd_recv_timeout(sv[0], buf, sizeof(buf), &n, ms);
		printf("usbmuxd_recv_timeout: %d (%u bytes)\n", rc, n);
	} else if (strcmp(argv[1], "send-epipe") == 0) {
		close(sv[1]);
		rc = usbmuxd_send(sv[0], "hello", 5, &n);
		printf("usbmuxd_send: %d (%u bytes)\n", rc, n);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	return 0;
}
