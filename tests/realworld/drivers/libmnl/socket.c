/* realworld corpus driver: libmnl's socket wrappers on sockets that are not netlink.
 *
 * No netlink socket is opened and nothing leaves the machine: the scenarios hand libmnl a
 * regular file or one end of an AF_UNIX socketpair(), as a program that passes the wrong
 * descriptor to mnl_socket_fdopen() would.
 *
 * socket fdopen-file     mnl_socket_fdopen() of a regular file, /tmp/errtrail-libmnl-fdopen
 * socket bind-unix       mnl_socket_bind(nl, 0, 0) of a wrapped AF_UNIX datagram socket
 * socket recv-empty      mnl_socket_recvfrom() of a non-blocking AF_UNIX socket with nothing queued
 * socket recv-trunc      mnl_socket_recvfrom(nl, buf, 16) of a 64-byte datagram
 * socket send-unix       mnl_socket_sendto() of a 20-byte message on an AF_UNIX datagram socket
 * socket close-closed    mnl_socket_close() of a wrapped socket whose descriptor was closed already
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <libmnl/libmnl.h>

static struct mnl_socket *wrap_pair(int type, int sv[2])
{
	struct mnl_socket *nl;

	if (socketpair(AF_UNIX, type, 0, sv) < 0) {
		perror("socketpair");
		return NULL;
	}
	nl = mnl_socket_fdopen(sv[0]);
	if (nl == NULL)
		perror("mnl_socket_fdopen");
	return nl;
}

int main(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct mnl_socket *nl;
	int sv[2];

	if (argc < 2) {
		fprintf(stderr, "usage: socket SCENARIO\n");
		return 2;
	}
	memset(buf, 0, sizeof(buf));
	if (strcmp(argv[1], "fdopen-file") == 0) {
		int fd = open("/tmp/errtrail-libmnl-fdopen", O_RDWR | O_CREAT | O_TRUNC, 0600);

		if (fd < 0) {
			perror("open");
			return 1;
		}
		nl = mnl_socket_fdopen(fd);
		printf("fdopen: %p\n", (void *)nl);
		close(fd);
		unlink("/tmp/errtrail-libmnl-fdopen");
		return 0;
	}
	if (strcmp(argv[1], "bind-unix") == 0) {
		nl = wrap_pair(SOCK_DGRAM, sv);
		if (nl == NULL)
			return 1;
		printf("bind: %d\n", mnl_socket_bind(nl, 0, 0));
	} else if (strcmp(argv[1], "recv-empty") == 0) {
		nl = wrap_pair(SOCK_DGRAM | SOCK_NONBLOCK, sv);
		if (nl == NULL)
			return 1;
		printf("recvfrom: %zd\n", mnl_socket_recvfrom(nl, buf, sizeof(buf)));
	} else if (strcmp(argv[1], "recv-trunc") == 0) {
		nl = wrap_pair(SOCK_DGRAM, sv);
		if (nl == NULL)
			return 1;
		if (write(sv[1], buf, 64) != 64) {
			perror("write");
			return 1;
		}
		printf("recvfrom: %zd\n", mnl_socket_recvfrom(nl, buf, 16));
	} else if (strcmp(argv[1], "send-unix") == 0) {
		struct nlmsghdr *nlh;

		nl = wrap_pair(SOCK_DGRAM, sv);
		if (nl == NULL)
			return 1;
		nlh = mnl_nlmsg_put_header(buf);
		nlh->nlmsg_type = NLMSG_MIN_TYPE;
		nlh->nlmsg_flags = NLM_F_REQUEST;
		mnl_nlmsg_put_extra_header(nlh, 4);
		printf("sendto: %zd\n", mnl_socket_sendto(nl, nlh, nlh->nlmsg_len));
	} else if (strcmp(argv[1], "close-closed") == 0) {
		nl = wrap_pair(SOCK_DGRAM, sv);
		if (nl == NULL)
			return 1;
		close(mnl_socket_get_fd(nl));
		printf("close: %d\n", mnl_socket_close(nl));
		close(sv[1]);
		return 0;
	} else {
		fprintf(stderr, "unknown scenario %s\n", argv[1]);
		return 2;
	}
	mnl_socket_close(nl);
	close(sv[1]);
	return 0;
}
