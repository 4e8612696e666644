/* realworld corpus driver: a liblo server on a Unix socket, fed malformed data.
 *
 * server dispatch HEX        makes a server on /tmp/errtrail-liblo-server-PID/sock (LO_UNIX)
 *                            with a method for "/a" and hands the bytes HEX spells to
 *                            lo_server_dispatch_data(), as if received
 * server unix PATH           lo_server_new_with_proto(PATH, LO_UNIX, handler)
 * server proto N             lo_server_new_with_proto(NULL, N, handler)
 * server method PATH         lo_server_add_method(s, PATH, "i", ...) on a Unix-socket server
 *
 * No network: the only socket is the Unix datagram socket the server binds, and nothing
 * is sent to it. The directory is removed at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <lo/lo.h>

static char dir[64], sock[96];

static void handler(int num, const char *msg, const char *where)
{
	printf("liblo error %d: %s (%s)\n", num, msg, where ? where : "-");
}

static int method(const char *path, const char *types, lo_arg **argv, int argc,
		  lo_message m, void *user)
{
	printf("method %s %s\n", path, types);
	return 0;
}

static unsigned char *unhex(const char *s, size_t *n)
{
	size_t len = strlen(s) / 2;
	unsigned char *out = malloc(len + 1);

	for (size_t i = 0; i < len; i++) {
		unsigned int v;
		sscanf(s + 2 * i, "%2x", &v);
		out[i] = (unsigned char)v;
	}
	*n = len;
	return out;
}

static lo_server make_server(void)
{
	snprintf(dir, sizeof(dir), "/tmp/errtrail-liblo-server-%d", (int)getpid());
	snprintf(sock, sizeof(sock), "%s/sock", dir);
	mkdir(dir, 0700);
	unlink(sock);
	return lo_server_new_with_proto(sock, LO_UNIX, handler);
}

static void drop_server(lo_server s)
{
	if (s)
		lo_server_free(s);
	unlink(sock);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "dispatch")) {
		size_t n;
		unsigned char *data = unhex(argv[2], &n);
		lo_server s = make_server();
		int r;
		if (!s)
			return 2;
		lo_server_add_method(s, "/a", NULL, method, NULL);
		r = lo_server_dispatch_data(s, data, n);
		printf("lo_server_dispatch_data: %d\n", r);
		drop_server(s);
		free(data);
		return r < 0 ? 1 : 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "unix")) {
		lo_server s = lo_server_new_with_proto(argv[2], LO_UNIX, handler);
		printf("lo_server_new_with_proto: %p\n", (void *)s);
		if (s) {
			lo_server_free(s);
			unlink(argv[2]);
		}
		return s ? 0 : 1;
	}
	if (argc >= 3 && !strcmp(argv[1], "proto")) {
		lo_server s = lo_server_new_with_proto(NULL, atoi(argv[2]), handler);
		printf("lo_server_new_with_proto: %p\n", (void *)s);
		if (s)
			lo_server_free(s);
		return s ? 0 : 1;
	}
	if (argc >= 3 && !strcmp(argv[1], "method")) {
		lo_server s = make_server();
		lo_method m;
		if (!s)
			return 2;
		m = lo_server_add_method(s, argv[2], "i", method, NULL);
		printf("lo_server_add_method: %p\n", (void *)m);
		drop_server(s);
		return m ? 0 : 1;
	}
	fprintf(stderr, "usage: server dispatch HEX | unix PATH | proto N | method PATH\n");
	return 2;
}
