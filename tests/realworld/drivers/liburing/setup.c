/* realworld corpus driver: liburing ring setup with bad parameters.
 *
 * setup MODE: init_zero (io_uring_queue_init() of 0 entries), init_flags
 * (io_uring_queue_init() with an unknown setup flag), mmap_cq / mmap_sqes
 * (io_uring_queue_mmap() of a ring io_uring_setup() made, with params whose CQ
 * ring size, resp. SQ entry count, were zeroed, and for mmap_cq without
 * IORING_FEAT_SINGLE_MMAP), mlock_entries (io_uring_mlock_size() of more entries
 * than the kernel allows, without IORING_SETUP_CLAMP), dontfork
 * (io_uring_ring_dontfork() of a ring whose SQ ring pointer names an unmapped
 * page), probe_closed (io_uring_get_probe_ring() of a ring io_uring_queue_exit()
 * closed).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <liburing.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "init_zero";
	struct io_uring ring;
	struct io_uring_params p, q;
	long rc;
	int fd;

	memset(&ring, 0, sizeof(ring));
	memset(&p, 0, sizeof(p));
	if (strcmp(mode, "init_zero") == 0) {
		rc = io_uring_queue_init(0, &ring, 0);
	} else if (strcmp(mode, "init_flags") == 0) {
		rc = io_uring_queue_init(8, &ring, 1U << 31);
	} else if (strcmp(mode, "mmap_cq") == 0 || strcmp(mode, "mmap_sqes") == 0) {
		fd = io_uring_setup(4, &p);
		if (fd < 0) {
			fprintf(stderr, "io_uring_setup: %s\n", strerror(-fd));
			return 2;
		}
		q = p;
		if (strcmp(mode, "mmap_cq") == 0) {
			q.features &= ~IORING_FEAT_SINGLE_MMAP;
			q.cq_entries = 0;
			q.cq_off.cqes = 0;
		} else {
			q.sq_entries = 0;
		}
		rc = io_uring_queue_mmap(fd, &q, &ring);
		close(fd);
	} else if (strcmp(mode, "mlock_entries") == 0) {
		rc = io_uring_mlock_size(65536, 0);
	} else if (strcmp(mode, "dontfork") == 0) {
		void *page, *saved;

		rc = io_uring_queue_init(4, &ring, 0);
		if (rc < 0) {
			fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-rc));
			return 2;
		}
		page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (page == MAP_FAILED || munmap(page, 4096)) {
			perror("mmap");
			return 2;
		}
		saved = ring.sq.ring_ptr;
		ring.sq.ring_ptr = page;
		rc = io_uring_ring_dontfork(&ring);
		ring.sq.ring_ptr = saved;
		io_uring_queue_exit(&ring);
	} else if (strcmp(mode, "probe_closed") == 0) {
		struct io_uring_probe *probe;

		rc = io_uring_queue_init(4, &ring, 0);
		if (rc < 0) {
			fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-rc));
			return 2;
		}
		io_uring_queue_exit(&ring);
		probe = io_uring_get_probe_ring(&ring);
		printf("%s: probe %p (%s)\n", mode, (void *)probe, probe ? "ok" : strerror(errno));
		io_uring_free_probe(probe);
		return 0;
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %ld (%s)\n", mode, rc, rc < 0 ? strerror(-rc) : "ok");
	return 0;
}
