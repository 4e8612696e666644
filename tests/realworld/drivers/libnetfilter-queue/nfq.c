/* errtrail real-library corpus driver: libnetfilter_queue's nfnetlink handle
 * API (nfq_open, nfq_create_queue, nfq_handle_packet).  Netlink talks only to
 * the local kernel; nothing is sent to or received from any network.
 *
 * usage: nfq MODE [ARG...]
 *   open_emfile           nfq_open() with RLIMIT_NOFILE at the lowest free descriptor
 *   create QUEUE [QUEUE]  nfq_create_queue() for each QUEUE in turn (binds it in the kernel)
 *   busy QUEUE            a second handle's nfq_create_queue() for a queue the first bound
 *   mode QUEUE MODE       nfq_set_mode(MODE, 0xffff) on a new queue
 *   flags QUEUE FLAGS     nfq_set_queue_flags(FLAGS, FLAGS) on a new queue
 *   handle HEX [QUEUE [nocb]]
 *                         nfq_handle_packet() on the bytes HEX, as if recv() had read them,
 *                         after creating QUEUE (with no callback for "nocb") */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

static int cb(struct nfq_q_handle *qh, struct nfgenmsg *nfmsg, struct nfq_data *nfa, void *data)
{
	(void)qh; (void)nfmsg; (void)nfa; (void)data;
	return 0;
}

int main(int argc, char **argv)
{
	struct nfq_handle *h;

	if (argc < 2) {
		fprintf(stderr, "usage: %s MODE [ARG...]\n", argv[0]);
		return 2;
	}
	if (!strcmp(argv[1], "open_emfile")) {
		int fd = open("/dev/null", O_RDONLY);
		struct rlimit rl = { .rlim_cur = fd, .rlim_max = fd };
		close(fd);
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			perror("setrlimit");
		h = nfq_open();
		printf("nfq_open = %p (errno %d)\n", (void *)h, h ? 0 : errno);
		return h ? 0 : 1;
	}

	h = nfq_open();
	printf("nfq_open = %p (errno %d)\n", (void *)h, h ? 0 : errno);
	if (!h)
		return 1;

	if (!strcmp(argv[1], "create")) {
		for (int i = 2; i < argc; i++) {
			struct nfq_q_handle *qh = nfq_create_queue(h, atoi(argv[i]), cb, NULL);
			printf("nfq_create_queue(%s) = %p (nfq_errno %d, errno %d)\n", argv[i],
			       (void *)qh, nfq_errno, errno);
		}
	} else if (!strcmp(argv[1], "busy") && argc > 2) {
		struct nfq_handle *h2 = nfq_open();
		struct nfq_q_handle *qh = nfq_create_queue(h, atoi(argv[2]), cb, NULL);
		printf("first nfq_create_queue(%s) = %p\n", argv[2], (void *)qh);
		qh = h2 ? nfq_create_queue(h2, atoi(argv[2]), cb, NULL) : NULL;
		printf("second nfq_create_queue(%s) = %p (nfq_errno %d, errno %d)\n", argv[2],
		       (void *)qh, nfq_errno, errno);
		if (h2)
			nfq_close(h2);
	} else if ((!strcmp(argv[1], "mode") || !strcmp(argv[1], "flags")) && argc > 3) {
		struct nfq_q_handle *qh = nfq_create_queue(h, atoi(argv[2]), cb, NULL);
		uint32_t v = strtoul(argv[3], NULL, 0);
		printf("nfq_create_queue(%s) = %p\n", argv[2], (void *)qh);
		if (qh && argv[1][0] == 'm')
			printf("nfq_set_mode(%u) = %d (errno %d)\n", v,
			       nfq_set_mode(qh, (uint8_t)v, 0xffff), errno);
		else if (qh)
			printf("nfq_set_queue_flags(0x%x) = %d (errno %d)\n", v,
			       nfq_set_queue_flags(qh, v, v), errno);
	} else if (!strcmp(argv[1], "handle") && argc > 2) {
		if (argc > 3) {
			int nocb = argc > 4 && !strcmp(argv[4], "nocb");
			printf("nfq_create_queue(%s) = %p\n", argv[3],
			       (void *)nfq_create_queue(h, atoi(argv[3]), nocb ? NULL : cb, NULL));
		}
		char buf[1024];
		int len = 0;
		const char *s = argv[2];
		unsigned int b;
		while (s[0] && s[1] && len < (int)sizeof(buf) && sscanf(s, "%2x", &b) == 1) {
			buf[len++] = (char)b;
			s += 2;
		}
		printf("nfq_handle_packet(%d bytes) = %d (errno %d)\n", len,
		       nfq_handle_packet(h, buf, len), errno);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
	}
	nfq_close(h);
	return 0;
}
