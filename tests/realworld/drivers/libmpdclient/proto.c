/* libmpdclient protocol driver: a client talks to a fake "server" that is the
 * other end of a socketpair the driver writes to (or closes) itself.  No network,
 * no MPD.  argv[1] selects the scenario:
 *
 *   welcome TEXT       mpd_connection_new_async() with TEXT as the server's greeting
 *   hup                mpd_async_io() told the socket hung up (MPD_ASYNC_EVENT_HUP)
 *   readclosed         mpd_async_io(READ) after the server closed its end
 *   sendlong N         mpd_send_command("find", <N-byte argument>): more than the
 *                      4 KiB output buffer holds
 *   twice              mpd_send_command() twice without reading the first response
 *   ack                mpd_run_play_pos(99), the server answers with an ACK
 *   garbage            mpd_run_play_pos(99), the server answers a line with no ':'
 *   hangup             mpd_send_command("status"); the server reads the command and
 *                      closes its end without answering; mpd_response_finish()
 *   nosock             mpd_connection_new() on a Unix socket path that does not exist
 */
#include <mpd/client.h>
#include <mpd/async.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int server = -1;

static struct mpd_async *
pair_async(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
		perror("socketpair");
		exit(2);
	}
	server = sv[1];
	struct mpd_async *async = mpd_async_new(sv[0]);
	if (async == NULL) {
		fprintf(stderr, "mpd_async_new failed\n");
		exit(2);
	}
	return async;
}

static struct mpd_connection *
pair_connection(void)
{
	struct mpd_connection *c = mpd_connection_new_async(pair_async(), "OK MPD 0.23.5");
	if (c == NULL || mpd_connection_get_error(c) != MPD_ERROR_SUCCESS) {
		fprintf(stderr, "connection setup failed\n");
		exit(2);
	}
	return c;
}

static void
server_says(const char *text)
{
	if (write(server, text, strlen(text)) != (ssize_t)strlen(text)) {
		perror("write");
		exit(2);
	}
}

static int
report(struct mpd_connection *c, int ok)
{
	enum mpd_error e = mpd_connection_get_error(c);
	printf("result %d, error %d: %s\n", ok, (int)e,
	       e == MPD_ERROR_SUCCESS ? "-" : mpd_connection_get_error_message(c));
	mpd_connection_free(c);
	return ok ? 0 : 1;
}

static int
report_async(struct mpd_async *a, int ok)
{
	enum mpd_error e = mpd_async_get_error(a);
	printf("result %d, error %d: %s\n", ok, (int)e,
	       e == MPD_ERROR_SUCCESS ? "-" : mpd_async_get_error_message(a));
	mpd_async_free(a);
	return ok ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s MODE [ARG]\n", argv[0]);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	const char *mode = argv[1];

	if (strcmp(mode, "welcome") == 0 && argc > 2) {
		struct mpd_connection *c = mpd_connection_new_async(pair_async(), argv[2]);
		if (c == NULL)
			return 2;
		return report(c, mpd_connection_get_error(c) == MPD_ERROR_SUCCESS);
	}
	if (strcmp(mode, "hup") == 0) {
		struct mpd_async *a = pair_async();
		return report_async(a, mpd_async_io(a, MPD_ASYNC_EVENT_HUP));
	}
	if (strcmp(mode, "readclosed") == 0) {
		struct mpd_async *a = pair_async();
		close(server);
		return report_async(a, mpd_async_io(a, MPD_ASYNC_EVENT_READ));
	}
	if (strcmp(mode, "sendlong") == 0 && argc > 2) {
		size_t n = strtoul(argv[2], NULL, 10);
		char *arg = malloc(n + 1);
		memset(arg, 'a', n);
		arg[n] = 0;
		struct mpd_connection *c = pair_connection();
		return report(c, mpd_send_command(c, "find", arg, NULL));
	}
	if (strcmp(mode, "twice") == 0) {
		struct mpd_connection *c = pair_connection();
		if (!mpd_send_command(c, "status", NULL))
			return report(c, 0);
		return report(c, mpd_send_command(c, "stats", NULL));
	}
	if (strcmp(mode, "ack") == 0 || strcmp(mode, "garbage") == 0) {
		struct mpd_connection *c = pair_connection();
		server_says(strcmp(mode, "ack") == 0
			    ? "ACK [50@0] {play} No such song\n"
			    : "this is not a response\n");
		return report(c, mpd_run_play_pos(c, 99));
	}
	if (strcmp(mode, "hangup") == 0) {
		struct mpd_connection *c = pair_connection();
		if (!mpd_send_command(c, "status", NULL))
			return report(c, 0);
		char cmd[64];
		if (read(server, cmd, sizeof(cmd)) <= 0) /* "status\n" */
			return 2;
		close(server);
		return report(c, mpd_response_finish(c));
	}
	if (strcmp(mode, "nosock") == 0) {
		const char *path = "/tmp/errtrail-libmpdclient-nosock";
		unlink(path);
		struct mpd_connection *c = mpd_connection_new(path, 0, 1000);
		if (c == NULL)
			return 2;
		return report(c, mpd_connection_get_error(c) == MPD_ERROR_SUCCESS);
	}
	fprintf(stderr, "unknown mode %s\n", mode);
	return 2;
}
