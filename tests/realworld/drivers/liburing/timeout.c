/* realworld corpus driver: liburing's internal timeout completion read back.
 *
 * timeout (no arguments): the driver clears IORING_FEAT_EXT_ARG from the ring's
 * features, as on kernels before 5.11, submits a 1 ms timeout with liburing's
 * internal LIBURING_UDATA_TIMEOUT user_data (as io_uring_wait_cqes() does on such
 * kernels) and waits for it; io_uring_wait_cqe_nr() then reads that completion and
 * fails with its -ETIME. It calls no header function that inlines
 * __io_uring_peek_cqe(), so the only copy of that static inline function in the
 * program is the library's (errtrail-collect traces one location).
 */
#include <stdio.h>
#include <string.h>
#include <liburing.h>

int main(void)
{
	struct __kernel_timespec ts = { .tv_sec = 0, .tv_nsec = 1000000 };
	struct io_uring_cqe *cqe = NULL;
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int rc;

	rc = io_uring_queue_init(4, &ring, 0);
	if (rc < 0) {
		fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-rc));
		return 2;
	}
	ring.features &= ~IORING_FEAT_EXT_ARG;
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_timeout(sqe, &ts, 0, 0);
	sqe->user_data = LIBURING_UDATA_TIMEOUT;
	rc = io_uring_submit_and_wait(&ring, 1);
	if (rc != 1) {
		fprintf(stderr, "io_uring_submit_and_wait: %d\n", rc);
		return 2;
	}
	rc = io_uring_wait_cqe_nr(&ring, &cqe, 1);
	printf("timeout: %d (%s), cqe %p\n", rc, rc < 0 ? strerror(-rc) : "ok", (void *)cqe);
	io_uring_queue_exit(&ring);
	return 0;
}
