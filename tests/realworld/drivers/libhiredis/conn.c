/* realworld corpus driver: hiredis's blocking context (hiredis.c, net.c) with no server.
 *
 * A context is made with redisConnectFd() over one end of a socketpair; the other end
 * (the "peer") plays the server as each mode says. No network is used.
 *
 * conn protocol TEXT: the peer has written TEXT ("\r"/"\n" escapes); redisCommand(c, "PING")
 *                     writes PING, reads TEXT and parses it
 * conn eof:           the peer shut down its writing side; redisCommand(c, "PING")
 * conn readeof:       the peer closed; redisBufferRead(c)
 * conn epipe:         the peer closed; redisAppendCommand(c, "PING"), redisBufferWrite(c)
 *                     (SIGPIPE ignored)
 * conn timeout SEC USEC: redisSetTimeout(c, {SEC, USEC})
 * conn keepalive:     redisEnableKeepAlive(c) (the socket is AF_UNIX)
 * conn reconnect-fd:  redisReconnect(c) on the redisConnectFd() context
 * conn unix PATH SEC USEC: redisConnectUnixWithTimeout(PATH, {SEC, USEC}), then redisReconnect(c)
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <hiredis.h>

static size_t unescape(const char *in, char *out)
{
	size_t n = 0;

	while (*in) {
		if (in[0] == '\\' && in[1] == 'r') { out[n++] = '\r'; in += 2; }
		else if (in[0] == '\\' && in[1] == 'n') { out[n++] = '\n'; in += 2; }
		else out[n++] = *in++;
	}
	return n;
}

int main(int argc, char **argv)
{
	redisContext *c;
	redisReply *reply;
	struct timeval tv;
	int sv[2], rc, done = 0;
	const char *mode;

	if (argc < 2) {
		fprintf(stderr, "usage: conn MODE ARG...\n");
		return 2;
	}
	mode = argv[1];
	signal(SIGPIPE, SIG_IGN);
	if (strcmp(mode, "unix") == 0 && argc >= 5) {
		tv.tv_sec = atol(argv[3]);
		tv.tv_usec = atol(argv[4]);
		c = redisConnectUnixWithTimeout(argv[2], tv);
		printf("connect_unix: err %d %s\n", c->err, c->errstr);
		rc = redisReconnect(c);
		printf("reconnect: %d err %d %s\n", rc, c->err, c->errstr);
		redisFree(c);
		return 0;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
		perror("socketpair");
		return 1;
	}
	c = redisConnectFd(sv[0]);
	if (strcmp(mode, "protocol") == 0 && argc >= 3) {
		char buf[4096];
		size_t len;

		if (strlen(argv[2]) >= sizeof(buf))
			return 2;
		len = unescape(argv[2], buf);
		if (write(sv[1], buf, len) != (ssize_t)len)
			return 1;
		reply = redisCommand(c, "PING");
		printf("command: %p err %d %s\n", (void *)reply, c->err, c->errstr);
		if (reply)
			freeReplyObject(reply);
	} else if (strcmp(mode, "eof") == 0) {
		shutdown(sv[1], SHUT_WR);
		reply = redisCommand(c, "PING");
		printf("command: %p err %d %s\n", (void *)reply, c->err, c->errstr);
		if (reply)
			freeReplyObject(reply);
	} else if (strcmp(mode, "readeof") == 0) {
		close(sv[1]);
		sv[1] = -1;
		rc = redisBufferRead(c);
		printf("buffer_read: %d err %d %s\n", rc, c->err, c->errstr);
	} else if (strcmp(mode, "epipe") == 0) {
		close(sv[1]);
		sv[1] = -1;
		rc = redisAppendCommand(c, "PING");
		printf("append: %d\n", rc);
		rc = redisBufferWrite(c, &done);
		printf("buffer_write: %d done %d err %d %s\n", rc, done, c->err, c->errstr);
	} else if (strcmp(mode, "timeout") == 0 && argc >= 4) {
		tv.tv_sec = atol(argv[2]);
		tv.tv_usec = atol(argv[3]);
		rc = redisSetTimeout(c, tv);
		printf("set_timeout: %d err %d %s\n", rc, c->err, c->errstr);
	} else if (strcmp(mode, "keepalive") == 0) {
		rc = redisEnableKeepAlive(c);
		printf("keepalive: %d err %d %s\n", rc, c->err, c->errstr);
	} else if (strcmp(mode, "reconnect-fd") == 0) {
		rc = redisReconnect(c);
		printf("reconnect: %d err %d %s\n", rc, c->err, c->errstr);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	redisFree(c);
	if (sv[1] >= 0)
		close(sv[1]);
	return 0;
}
