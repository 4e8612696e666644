/* realworld corpus driver: liburing completion-queue reads that fail.
 *
 * cqe MODE: peek_empty (io_uring_peek_cqe() of a ring with nothing submitted),
 * timeout_cqe (a ring whose features the driver clears of IORING_FEAT_EXT_ARG, as
 * on kernels before 5.11, holds the completion of a 1 ms timeout the driver
 * submitted with liburing's internal LIBURING_UDATA_TIMEOUT user_data, as
 * io_uring_wait_cqes() does on such kernels; io_uring_wait_cqe_nr() then reads
 * that completion and fails with its -ETIME).
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
	} else if (strcmp(mode, "timeout_cqe") == 0) {
		struct __kernel_timespec ts = { .tv_sec = 0, .tv_nsec = 1000000 };
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

		ring.features &= ~IORING_FEAT_EXT_ARG;
		io_uring_prep_timeout(sqe, &ts, 0, 0);
		sqe->user_data = LIBURING_UDATA_TIMEOUT;
		rc = io_uring_submit_and_wait(&ring, 1);
		if (rc != 1) {
			fprintf(stderr, "io_uring_submit_and_wait: %d\n", rc);
			return 2;
		}
		rc = io_uring_wait_cqe_nr(&ring, &cqe, 1);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s), cqe %p\n", mode, rc, rc < 0 ? strerror(-rc) : "ok", (void *)cqe);
	io_uring_queue_exit(&ring);
	return 0;
}
