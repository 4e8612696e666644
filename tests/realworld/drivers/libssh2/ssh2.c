/* realworld corpus driver: libssh2 called with bad input, without an SSH server.
 * Strings may hold %XX escapes (decoded before the call), for bytes that do not
 * survive the tracer's command line; "-" is NULL.  Files the driver makes are
 * written to its current directory (a fresh temporary directory when build.py runs it).
 *   ssh2 base64 TEXT             libssh2_base64_decode(session, &out, &len, TEXT, strlen)
 *   ssh2 closed                  libssh2_session_handshake() on a descriptor that was
 *                                opened (a socket) and closed again
 *   ssh2 peer TEXT               socketpair(); the driver writes TEXT to one end and shuts
 *                                that end down for writing (it stays open and never reads),
 *                                then libssh2_session_handshake() on the other end: a peer
 *                                that is not an SSH server
 *   ssh2 knownfile TEXT          libssh2_knownhost_readfile() of errtrail-known_hosts, which
 *                                the driver writes with TEXT ("-": no file is written and the
 *                                path errtrail-missing/known_hosts is read)
 *   ssh2 knownline TEXT          libssh2_knownhost_readline(hosts, TEXT, strlen(TEXT), OPENSSH)
 *   ssh2 fromfile PUB PRIV [TEXT]  libssh2_userauth_publickey_fromfile_ex(session, "user", 4,
 *                                PUB, PRIV, NULL) on a session never connected (the file
 *                                reads come first); with TEXT the driver writes it to PRIV
 *   ssh2 channel                 libssh2_channel_open_session() on a session that was never
 *                                connected: its socket_fd is 0 (the session is zeroed), and
 *                                the driver closes descriptor 0 first, so any send() fails
 *                                with EBADF
 * Each prints what the call returned and libssh2_session_last_errno().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <libssh2.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* decode %XX escapes in place; returns the decoded length (it may hold NULs) */
static size_t unescape(char *s)
{
	char *in = s, *out = s;

	while (*in) {
		if (in[0] == '%' && hexval(in[1]) >= 0 && hexval(in[2]) >= 0) {
			*out++ = (char) (hexval(in[1]) * 16 + hexval(in[2]));
			in += 3;
		} else
			*out++ = *in++;
	}
	*out = '\0';
	return (size_t) (out - s);
}

static const char *arg(char *s)
{
	return strcmp(s, "-") ? s : NULL;
}

static void write_file(const char *name, char *text)
{
	size_t len = unescape(text);
	FILE *f = fopen(name, "wb");

	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0)
		exit(2);
}

static void report(LIBSSH2_SESSION *session, long rc)
{
	printf("%ld last_errno=%d\n", rc, libssh2_session_last_errno(session));
}

int main(int argc, char **argv)
{
	LIBSSH2_SESSION *session;

	if (argc < 2)
		return 2;
	if (libssh2_init(0) != 0)
		return 2;
	session = libssh2_session_init();
	if (!session)
		return 2;

	if (!strcmp(argv[1], "base64") && argc > 2) {
		char *out = NULL;
		unsigned int len = 0;
		size_t n = unescape(argv[2]);

		report(session, libssh2_base64_decode(session, &out, &len, argv[2],
						       (unsigned int) n));
	} else if (!strcmp(argv[1], "closed")) {
		int fd = socket(AF_UNIX, SOCK_STREAM, 0);

		if (fd < 0)
			return 2;
		close(fd);
		report(session, libssh2_session_handshake(session, fd));
	} else if (!strcmp(argv[1], "peer") && argc > 2) {
		int sv[2];
		size_t n = unescape(argv[2]);

		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
			return 2;
		if (write(sv[1], argv[2], n) != (ssize_t) n)
			return 2;
		shutdown(sv[1], SHUT_WR);
		report(session, libssh2_session_handshake(session, sv[0]));
	} else if (!strcmp(argv[1], "knownfile") && argc > 2) {
		LIBSSH2_KNOWNHOSTS *hosts = libssh2_knownhost_init(session);
		const char *path = "errtrail-missing/known_hosts";

		if (!hosts)
			return 2;
		if (arg(argv[2])) {
			path = "errtrail-known_hosts";
			write_file(path, argv[2]);
		}
		report(session, libssh2_knownhost_readfile(hosts, path,
					LIBSSH2_KNOWNHOST_FILE_OPENSSH));
	} else if (!strcmp(argv[1], "knownline") && argc > 2) {
		LIBSSH2_KNOWNHOSTS *hosts = libssh2_knownhost_init(session);
		size_t n = unescape(argv[2]);

		if (!hosts)
			return 2;
		report(session, libssh2_knownhost_readline(hosts, argv[2], n,
					LIBSSH2_KNOWNHOST_FILE_OPENSSH));
	} else if (!strcmp(argv[1], "fromfile") && argc > 3) {
		if (argc > 4)
			write_file(argv[3], argv[4]);
		report(session, libssh2_userauth_publickey_fromfile_ex(session, "user", 4,
					arg(argv[2]), argv[3], NULL));
	} else if (!strcmp(argv[1], "channel")) {
		LIBSSH2_CHANNEL *channel;

		close(0);
		channel = libssh2_channel_open_session(session);
		printf("%p last_errno=%d\n", (void *) channel,
		       libssh2_session_last_errno(session));
	} else
		return 2;
	return 0;
}
