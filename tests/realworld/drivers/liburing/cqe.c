/* realworld corpus driver: liburing completion-queue reads that fail.
 *
 * cqe MODE: peek_empty (io_uring_peek_cqe() of a ring with nothing submitted).
 * The timeout completion case is timeout.c: this driver's io_uring_peek_cqe() puts
 * a copy of the header's static inline __io_uring_peek_cqe() in the program.
 */
#include <stdio.h>
#include <string.h>
#include <liburing.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "peek_empty";
	struct io_uring ring;
	struct io_uring_cqe *cqe = NULL;
	int rc;

	rc = io_uring_queue_init(4, &ring, 0);
	if (rc < 0) {
		fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-rc));
		return 2;
	}
	if (strcmp(mode, "peek_empty") == 0) {
		rc = io_uring_peek_cqe(&ring, &cqe);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s), cqe %p\n", mode, rc, rc < 0 ? strerror(-rc) : "ok", (void *)cqe);
	io_uring_queue_exit(&ring);
	return 0;
}
