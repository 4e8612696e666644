/* realworld corpus driver: libnfnetlink's interface table (nlif_*, over its rtnetlink
 * helpers in rtnl.c) given bad input.
 *
 * nlif_open() opens one NETLINK_ROUTE socket subscribed to RTMGRP_LINK; nothing is sent
 * to the kernel (no nlif_query()), so the table stays empty. argv[1] selects the scenario:
 *
 *   emfile      nlif_open() with RLIMIT_NOFILE set to the lowest free descriptor
 *   index2name  nlif_index2name() of ifindex 7 in the empty table
 *   flags0      nlif_get_ifflags() of ifindex 0
 *   catchagain  nlif_catch() with the socket made non-blocking and nothing queued
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <libnfnetlink/libnfnetlink.h>

/* Print a result and the errno the call left (read before printf can change it). */
static void report(const char *call, long ret)
{
	int e = errno;

	printf("%s: %ld (%s)\n", call, ret, strerror(e));
}

static void report_ptr(const char *call, const void *ret)
{
	int e = errno;

	printf("%s: %p (%s)\n", call, ret, strerror(e));
}

static struct nlif_handle *open_table(void)
{
	struct nlif_handle *h = nlif_open();

	if (!h) {
		perror("nlif_open");
		exit(2);
	}
	return h;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	struct nlif_handle *h;

	if (!strcmp(what, "emfile")) {
		int fd = dup(0);
		struct rlimit rl;

		if (fd < 0) {
			perror("dup");
			return 2;
		}
		close(fd);
		getrlimit(RLIMIT_NOFILE, &rl);
		rl.rlim_cur = fd;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
			perror("setrlimit");
			return 2;
		}
		h = nlif_open();
		report_ptr("nlif_open", h);
	} else if (!strcmp(what, "index2name")) {
		char name[IFNAMSIZ] = "";

		h = open_table();
		report("nlif_index2name", nlif_index2name(h, 7, name));
		nlif_close(h);
	} else if (!strcmp(what, "flags0")) {
		unsigned int flags = 0;

		h = open_table();
		report("nlif_get_ifflags", nlif_get_ifflags(h, 0, &flags));
		nlif_close(h);
	} else if (!strcmp(what, "catchagain")) {
		h = open_table();
		fcntl(nlif_fd(h), F_SETFL, fcntl(nlif_fd(h), F_GETFL) | O_NONBLOCK);
		report("nlif_catch", nlif_catch(h));
		nlif_close(h);
	} else {
		fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
		return 2;
	}
	return 0;
}
