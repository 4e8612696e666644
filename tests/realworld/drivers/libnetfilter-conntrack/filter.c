/* realworld corpus driver: libnetfilter_conntrack's socket filters (BSF) given bad
 * settings. The descriptor a filter is attached to is a regular file the driver makes
 * afresh, /tmp/errtrail-libnetfilter-conntrack-filter, so no socket is opened.
 *
 *   logic-busy   nfct_filter_set_logic() of NFCT_FILTER_L4PROTO to NEGATIVE, then to
 *                POSITIVE again on the same filter
 *   attach-file  a filter for TCP (NFCT_FILTER_L4PROTO 6) attached to the regular file
 *   state-udp    a filter on the state of UDP (NFCT_FILTER_L4PROTO_STATE {17, 1}),
 *                attached to the regular file
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#define FILE_PATH "/tmp/errtrail-libnetfilter-conntrack-filter"

static int regular_fd(void)
{
	int fd;

	unlink(FILE_PATH);
	fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		perror(FILE_PATH);
		exit(2);
	}
	return fd;
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";
	struct nfct_filter *f = nfct_filter_create();
	int ret, fd;

	if (!f) {
		perror("nfct_filter_create");
		return 2;
	}
	errno = 0;
	if (strcmp(op, "logic-busy") == 0) {
		ret = nfct_filter_set_logic(f, NFCT_FILTER_L4PROTO, NFCT_FILTER_LOGIC_NEGATIVE);
		printf("nfct_filter_set_logic(NEGATIVE): %d\n", ret);
		ret = nfct_filter_set_logic(f, NFCT_FILTER_L4PROTO, NFCT_FILTER_LOGIC_POSITIVE);
		printf("nfct_filter_set_logic(POSITIVE): %d (%s)\n", ret, strerror(errno));
	} else if (strcmp(op, "attach-file") == 0 || strcmp(op, "state-udp") == 0) {
		if (strcmp(op, "attach-file") == 0) {
			nfct_filter_add_attr_u32(f, NFCT_FILTER_L4PROTO, IPPROTO_TCP);
		} else {
			struct nfct_filter_proto p = { .proto = IPPROTO_UDP, .state = 1 };

			nfct_filter_add_attr(f, NFCT_FILTER_L4PROTO_STATE, &p);
		}
		fd = regular_fd();
		ret = nfct_filter_attach(fd, f);
		printf("nfct_filter_attach: %d (%s)\n", ret, strerror(errno));
		close(fd);
		unlink(FILE_PATH);
	} else {
		fprintf(stderr, "unknown scenario %s\n", op);
		ret = 0;
	}
	nfct_filter_destroy(f);
	return ret < 0;
}
