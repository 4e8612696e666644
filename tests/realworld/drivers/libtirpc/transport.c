/* errtrail real-library corpus: libtirpc's transport set-up handed the wrong
 * descriptors, addresses and netids.  No server, no network.
 *
 *   transport sockinfo netlink|file   __rpc_fd2sockinfo() of a netlink socket or a file
 *   transport svcdg netlink|file      svc_dg_create() on it
 *   transport svcvc netlink|file      svc_vc_create() on it
 *   transport clntdg netlink|file     clnt_dg_create() on it (server address 127.0.0.1:111)
 *   transport clnttli family|seqpacket  clnt_tli_create() on an AF_UNIX stream socket with
 *                                     an AF_INET server address, or on an AF_UNIX
 *                                     SOCK_SEQPACKET socket
 *   transport uaddr AF UADDR          __rpc_uaddr2taddr_af(AF, UADDR), AF inet|inet6|local
 *   transport uaddr2taddr NETID UADDR uaddr2taddr(getnetconfigent(NETID), UADDR)
 *   transport create NETTYPE          clnt_create("localhost", 100000, 2, NETTYPE)
 *
 * The file is /tmp/errtrail-libtirpc-notasocket, written afresh.
 */
#include <rpc/rpc.h>
#include <rpc/nettype.h>
#include <rpc/rpc_com.h>
#include <netconfig.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int open_fd(const char *kind)
{
	int fd;
	if (strcmp(kind, "netlink") == 0) {
		fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	} else if (strcmp(kind, "file") == 0) {
		const char *path = "/tmp/errtrail-libtirpc-notasocket";
		fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0 && write(fd, "x\n", 2) != 2) {
			close(fd);
			fd = -1;
		}
	} else {
		fprintf(stderr, "unknown descriptor kind %s\n", kind);
		exit(2);
	}
	if (fd < 0) {
		perror(kind);
		exit(2);
	}
	return fd;
}

static int family(const char *s)
{
	if (strcmp(s, "inet") == 0)
		return AF_INET;
	if (strcmp(s, "inet6") == 0)
		return AF_INET6;
	if (strcmp(s, "local") == 0)
		return AF_LOCAL;
	return atoi(s);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s MODE ARG [ARG]\n", argv[0]);
		return 2;
	}
	const char *mode = argv[1];
	struct sockaddr_in sin;
	struct netbuf nb;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(111);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	nb.buf = &sin;
	nb.len = nb.maxlen = sizeof sin;

	if (strcmp(mode, "sockinfo") == 0) {
		struct __rpc_sockinfo si;
		int ok = __rpc_fd2sockinfo(open_fd(argv[2]), &si);
		printf("__rpc_fd2sockinfo: %d\n", ok);
		return ok ? 0 : 1;
	}
	if (strcmp(mode, "svcdg") == 0) {
		SVCXPRT *x = svc_dg_create(open_fd(argv[2]), 0, 0);
		printf("svc_dg_create: %p\n", (void *)x);
		return x ? 0 : 1;
	}
	if (strcmp(mode, "svcvc") == 0) {
		SVCXPRT *x = svc_vc_create(open_fd(argv[2]), 0, 0);
		printf("svc_vc_create: %p\n", (void *)x);
		return x ? 0 : 1;
	}
	if (strcmp(mode, "clntdg") == 0) {
		CLIENT *c = clnt_dg_create(open_fd(argv[2]), &nb, 100000, 2, 0, 0);
		if (!c)
			clnt_pcreateerror("clnt_dg_create");
		return c ? 0 : 1;
	}
	if (strcmp(mode, "clnttli") == 0) {
		int fd;
		if (strcmp(argv[2], "family") == 0)
			fd = socket(AF_UNIX, SOCK_STREAM, 0);
		else if (strcmp(argv[2], "seqpacket") == 0)
			fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
		else {
			fprintf(stderr, "unknown clnttli kind %s\n", argv[2]);
			return 2;
		}
		if (fd < 0) {
			perror("socket");
			return 2;
		}
		CLIENT *c = clnt_tli_create(fd, NULL, &nb, 100000, 2, 0, 0);
		if (!c)
			clnt_pcreateerror("clnt_tli_create");
		return c ? 0 : 1;
	}
	if (strcmp(mode, "uaddr") == 0 && argc > 3) {
		struct netbuf *b = __rpc_uaddr2taddr_af(family(argv[2]), argv[3]);
		printf("__rpc_uaddr2taddr_af: %p\n", (void *)b);
		return b ? 0 : 1;
	}
	if (strcmp(mode, "uaddr2taddr") == 0 && argc > 3) {
		struct netconfig *nc = getnetconfigent(argv[2]);
		if (!nc) {
			nc_perror(argv[2]);
			return 2;
		}
		struct netbuf *b = uaddr2taddr(nc, argv[3]);
		printf("uaddr2taddr: %p\n", (void *)b);
		freenetconfigent(nc);
		return b ? 0 : 1;
	}
	if (strcmp(mode, "create") == 0) {
		CLIENT *c = clnt_create("localhost", 100000, 2, argv[2]);
		if (!c)
			clnt_pcreateerror("clnt_create");
		return c ? 0 : 1;
	}
	fprintf(stderr, "unknown mode %s\n", mode);
	return 2;
}
