/* libircclient session driver: argv[1] selects the scenario.  No network and no IRC
 * server: every address is 127.0.0.1.  "connected" scenarios open a listening TCP
 * socket of their own on 127.0.0.1 (never accepted: the kernel completes the
 * handshake from its backlog), let irc_connect() reach it and run one
 * irc_process_select_descriptors() pass, which moves the session to CONNECTED and
 * queues NICK and USER.  "refused" connects to a loopback port the driver bound and
 * closed again, so nothing listens there.  Temp files: /tmp/errtrail-libircclient-*. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <libircclient.h>

static irc_callbacks_t callbacks;

static void dcc_cb(irc_session_t *s, irc_dcc_t id, int status, void *ctx, const char *data,
                   unsigned int length)
{
	(void)s; (void)id; (void)status; (void)ctx; (void)data; (void)length;
}

static void report(const char *what, int rc, irc_session_t *s)
{
	printf("%s: rc=%d irc_errno=%d (%s)\n", what, rc, irc_errno(s), irc_strerror(irc_errno(s)));
}

/* A loopback port: listening (listen_it) or bound and closed again (nothing there). */
static unsigned short loopback_port(int listen_it, int *fd_out)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0
	    || getsockname(fd, (struct sockaddr *)&a, &len) < 0
	    || (listen_it && listen(fd, 4) < 0)) {
		perror("loopback socket");
		exit(2);
	}
	if (!listen_it)
		close(fd);
	*fd_out = listen_it ? fd : -1;
	return ntohs(a.sin_port);
}

/* One select() + irc_process_select_descriptors() pass; returns its result. */
static int one_pass(irc_session_t *s)
{
	fd_set in, out;
	int maxfd = 0;
	struct timeval tv = { 2, 0 };

	FD_ZERO(&in);
	FD_ZERO(&out);
	if (irc_add_select_descriptors(s, &in, &out, &maxfd))
		return -1;
	if (select(maxfd + 1, &in, &out, 0, &tv) < 0)
		return -1;
	return irc_process_select_descriptors(s, &in, &out);
}

static irc_session_t *connected(void)
{
	int lfd;
	unsigned short port = loopback_port(1, &lfd);
	irc_session_t *s = irc_create_session(&callbacks);

	if (!s || irc_connect(s, "127.0.0.1", port, 0, "errtrail", "errtrail", "errtrail") != 0
	    || one_pass(s) != 0) {
		fprintf(stderr, "could not reach the local listener\n");
		exit(2);
	}
	return s;
}

/* Cap the descriptors at the lowest free one: the next socket() fails with EMFILE. */
static void no_more_fds(void)
{
	struct rlimit rl;
	int fd = dup(0);

	if (fd < 0) {
		perror("dup");
		exit(2);
	}
	close(fd);
	rl.rlim_cur = rl.rlim_max = (rlim_t)fd;
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
		perror("setrlimit");
		exit(2);
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	irc_session_t *s;
	irc_dcc_t id;
	int rc, fd;

	setvbuf(stdout, NULL, _IONBF, 0);

	if (!strcmp(mode, "connect")) {
		/* connect SERVER NICK|- : a nick of "-" is NULL */
		const char *server = argc > 2 ? argv[2] : "127.0.0.1";
		const char *nick = argc > 3 && strcmp(argv[3], "-") ? argv[3] : NULL;
		s = irc_create_session(&callbacks);
		rc = irc_connect(s, server, 6667, 0, nick, "errtrail", "errtrail");
		report("irc_connect", rc, s);
	} else if (!strcmp(mode, "connect-emfile")) {
		s = irc_create_session(&callbacks);
		no_more_fds();
		rc = irc_connect(s, "127.0.0.1", 6667, 0, "errtrail", "errtrail", "errtrail");
		report("irc_connect", rc, s);
	} else if (!strcmp(mode, "run")) {
		/* irc_run() on a session that irc_connect() never started */
		s = irc_create_session(&callbacks);
		rc = irc_run(s);
		report("irc_run", rc, s);
	} else if (!strcmp(mode, "refused")) {
		/* refused pass|run : connect to a loopback port nobody listens on */
		unsigned short port = loopback_port(0, &fd);
		s = irc_create_session(&callbacks);
		rc = irc_connect(s, "127.0.0.1", port, 0, "errtrail", "errtrail", "errtrail");
		report("irc_connect", rc, s);
		if (argc > 2 && !strcmp(argv[2], "run"))
			rc = irc_run(s), report("irc_run", rc, s);
		else
			rc = one_pass(s), report("irc_process_select_descriptors", rc, s);
	} else if (!strcmp(mode, "cmd")) {
		/* cmd join|msg : a command on a session that is not connected */
		s = irc_create_session(&callbacks);
		if (argc > 2 && !strcmp(argv[2], "join"))
			rc = irc_cmd_join(s, "#errtrail", NULL), report("irc_cmd_join", rc, s);
		else
			rc = irc_cmd_msg(s, "errtrail", "hello"), report("irc_cmd_msg", rc, s);
	} else if (!strcmp(mode, "raw")) {
		/* raw N : one line of N characters on a connected session */
		int n = argc > 2 ? atoi(argv[2]) : 1000;
		char *line = malloc(n + 1);
		memset(line, 'x', n);
		line[n] = '\0';
		s = connected();
		rc = irc_send_raw(s, "PRIVMSG errtrail :%s", line);
		report("irc_send_raw", rc, s);
	} else if (!strcmp(mode, "dcc-chat")) {
		s = connected();
		rc = irc_dcc_chat(s, NULL, "errtrail", dcc_cb, &id);
		report("irc_dcc_chat", rc, s);
	} else if (!strcmp(mode, "dcc-send")) {
		const char *path = "/tmp/errtrail-libircclient-send.txt";
		FILE *f = fopen(path, "w");
		if (!f || fputs("errtrail\n", f) < 0 || fclose(f)) {
			perror(path);
			return 2;
		}
		s = connected();
		rc = irc_dcc_sendfile(s, NULL, "errtrail", path, dcc_cb, &id);
		report("irc_dcc_sendfile", rc, s);
	} else {
		fprintf(stderr, "usage: %s connect|connect-emfile|run|refused|cmd|raw|dcc-chat|dcc-send ...\n",
			argv[0]);
		return 2;
	}
	return 0;
}
