/* realworld corpus driver: liburing register calls the kernel refuses.
 *
 * register MODE: files_sparse (io_uring_register_files_sparse() of 100 slots with
 * RLIMIT_NOFILE lowered to 64, soft and hard, so the library's one retry after
 * raising the soft limit fails too), eventfd_bad (io_uring_register_eventfd() of
 * fd -1).
 */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <liburing.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "files_sparse";
	struct io_uring ring;
	int rc;

	rc = io_uring_queue_init(4, &ring, 0);
	if (rc < 0) {
		fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-rc));
		return 2;
	}
	if (strcmp(mode, "files_sparse") == 0) {
		struct rlimit rl = { .rlim_cur = 64, .rlim_max = 64 };

		if (setrlimit(RLIMIT_NOFILE, &rl)) {
			perror("setrlimit");
			return 2;
		}
		rc = io_uring_register_files_sparse(&ring, 100);
	} else if (strcmp(mode, "eventfd_bad") == 0) {
		rc = io_uring_register_eventfd(&ring, -1);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? strerror(-rc) : "ok");
	io_uring_queue_exit(&ring);
	return 0;
}
