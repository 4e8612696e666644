/* libaudit's netlink layer handed a descriptor that is not the audit socket: argv[1]
 * selects the scenario, argv[2] the descriptor.
 *   status FD         audit_request_status()
 *   addrule FD        audit_add_rule_data() of a watch on /etc/passwd
 *   log FD            audit_log_user_message()
 *   reply FD          audit_get_reply(), non-blocking
 * FD: "file" (a regular file, /tmp/errtrail-libaudit-send/fd, written afresh),
 *     "closed" (a descriptor number just closed), "pair" (one end of an AF_UNIX datagram
 *     socketpair, the other end having sent 16 bytes) or a number.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libaudit.h>

static int get_fd(const char *what)
{
	if (strcmp(what, "file") == 0) {
		mkdir("/tmp/errtrail-libaudit-send", 0700);
		int fd = open("/tmp/errtrail-libaudit-send/fd", O_RDWR | O_CREAT | O_TRUNC, 0600);
		if (fd < 0) {
			perror("open");
			exit(2);
		}
		return fd;
	}
	if (strcmp(what, "closed") == 0) {
		int fd = dup(2);
		close(fd);
		return fd;
	}
	if (strcmp(what, "pair") == 0) {
		int sv[2];
		if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0) {
			perror("socketpair");
			exit(2);
		}
		char msg[16] = "errtrail-libaud";
		if (write(sv[1], msg, sizeof(msg)) != sizeof(msg)) {
			perror("write");
			exit(2);
		}
		return sv[0];
	}
	return atoi(what);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s MODE FD\n", argv[0]);
		return 2;
	}
	const char *mode = argv[1];
	int fd = get_fd(argv[2]);
	int rc;
	if (strcmp(mode, "status") == 0)
		rc = audit_request_status(fd);
	else if (strcmp(mode, "addrule") == 0) {
		struct audit_rule_data *rule = audit_rule_create_data();
		rc = audit_add_watch(&rule, "/etc/passwd");
		if (rc == 0)
			rc = audit_add_rule_data(fd, rule, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
		audit_rule_free_data(rule);
	}
	else if (strcmp(mode, "log") == 0)
		rc = audit_log_user_message(fd, AUDIT_USER_CMD, "op=errtrail", NULL, "127.0.0.1", "", 1);
	else if (strcmp(mode, "reply") == 0) {
		struct audit_reply rep;
		rc = audit_get_reply(fd, &rep, GET_REPLY_NONBLOCKING, 0);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s(%s) = %d (errno %d: %s)\n", mode, argv[2], rc, errno, strerror(errno));
	return rc <= 0;
}
