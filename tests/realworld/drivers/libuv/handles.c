/* realworld corpus driver: libuv handle operations that fail.
 *   handles pipebind PATH    creates the file PATH, then uv_pipe_bind() to it
 *   handles tcpbind IP PORT  uv_tcp_bind() to IP:PORT (an address no interface has)
 *   handles pipeopen FD      uv_pipe_open() on a descriptor that is not open
 *   handles listenudp        uv_listen() on a UDP handle
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uv.h>

static void on_connection(uv_stream_t *server, int status)
{
	(void) server;
	(void) status;
}

int main(int argc, char **argv)
{
	uv_loop_t *loop = uv_default_loop();

	if (argc < 2 || loop == NULL)
		return 2;
	if (!strcmp(argv[1], "pipebind") && argc > 2) {
		uv_pipe_t pipe;
		int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (fd < 0)
			return 2;
		close(fd);
		uv_pipe_init(loop, &pipe, 0);
		printf("%d\n", uv_pipe_bind(&pipe, argv[2]));
		unlink(argv[2]);
	} else if (!strcmp(argv[1], "tcpbind") && argc > 3) {
		uv_tcp_t tcp;
		struct sockaddr_in sin;

		uv_tcp_init(loop, &tcp);
		if (uv_ip4_addr(argv[2], atoi(argv[3]), &sin))
			return 2;
		printf("%d\n", uv_tcp_bind(&tcp, (const struct sockaddr *) &sin, 0));
	} else if (!strcmp(argv[1], "pipeopen") && argc > 2) {
		uv_pipe_t pipe;

		uv_pipe_init(loop, &pipe, 0);
		printf("%d\n", uv_pipe_open(&pipe, atoi(argv[2])));
	} else if (!strcmp(argv[1], "listenudp")) {
		uv_udp_t udp;

		uv_udp_init(loop, &udp);
		printf("%d\n", uv_listen((uv_stream_t *) &udp, 16, on_connection));
	} else {
		return 2;
	}
	return 0;
}
