/* realworld corpus driver: libaio (0.3.113) calls with bad arguments.
 * libaio's io_* functions run the kernel's aio system calls through syscall(2) and
 * return -errno; nothing here needs a device or privileges.
 *   aio setup N            io_setup(N, &ctx) with ctx 0
 *   aio queueinit N        io_queue_init(N, &ctx)
 *   aio submitbadfd        io_submit() of one pread iocb on file descriptor -1, on a
 *                          context from io_setup(1)
 *   aio getevents_null     io_getevents(NULL, 0, 1, events, NULL): a null context
 *   aio pgetevents_mask    io_pgetevents(ctx, 0, 1, events, NULL, sigmask) on a context
 *                          from io_setup(1), with sigmask an address nothing is mapped
 *                          at (8): the kernel cannot read the signal mask
 *   aio queuerun_destroyed io_queue_run(ctx) on a context holding one completed event (a
 *                          pread of /dev/zero), whose callback io_destroy()s the context
 *                          and maps a zero-filled page where its ring was, so that the
 *                          next io_getevents() of the loop reads no ring magic and asks
 *                          the kernel about a context that is gone
 *   aio cancel_badiocb     io_cancel(ctx, iocb, &event) on a context from io_setup(1),
 *                          with iocb an address nothing is mapped at (8)
 *   aio release CTX        io_queue_release(CTX): CTX (strtoul, base 0) names no context
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <libaio.h>

static char buf[512];
static int callbacks;

static void destroy_cb(io_context_t ctx, struct iocb *iocb, long res, long res2)
{
	void *ring = (void *) ctx;

	(void) iocb;
	(void) res;
	(void) res2;
	callbacks++;
	io_destroy(ctx);
	/* a zero-filled page where the ring was: no AIO_RING_MAGIC any more */
	if (mmap(ring, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		perror("mmap");
}

static io_context_t setup1(void)
{
	io_context_t ctx = 0;
	int rc = io_setup(1, &ctx);

	if (rc < 0) {
		fprintf(stderr, "io_setup(1): %s\n", strerror(-rc));
		exit(2);
	}
	return ctx;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	io_context_t ctx = 0;
	struct io_event events[1];
	struct iocb iocb, *iocbs[1] = { &iocb };
	int rc;

	if (strcmp(mode, "setup") == 0 && argc > 2) {
		rc = io_setup(atoi(argv[2]), &ctx);
	} else if (strcmp(mode, "queueinit") == 0 && argc > 2) {
		rc = io_queue_init(atoi(argv[2]), &ctx);
	} else if (strcmp(mode, "submitbadfd") == 0) {
		ctx = setup1();
		io_prep_pread(&iocb, -1, buf, sizeof(buf), 0);
		rc = io_submit(ctx, 1, iocbs);
	} else if (strcmp(mode, "getevents_null") == 0) {
		rc = io_getevents(NULL, 0, 1, events, NULL);
	} else if (strcmp(mode, "pgetevents_mask") == 0) {
		ctx = setup1();
		rc = io_pgetevents(ctx, 0, 1, events, NULL, (sigset_t *) 8);
	} else if (strcmp(mode, "queuerun_destroyed") == 0) {
		int fd = open("/dev/zero", O_RDONLY);

		if (fd < 0)
			return 2;
		ctx = setup1();
		io_prep_pread(&iocb, fd, buf, sizeof(buf), 0);
		io_set_callback(&iocb, destroy_cb);
		if (io_submit(ctx, 1, iocbs) != 1)
			return 2;
		rc = io_queue_run(ctx);
		printf("callbacks: %d\n", callbacks);
	} else if (strcmp(mode, "cancel_badiocb") == 0) {
		ctx = setup1();
		rc = io_cancel(ctx, (struct iocb *) 8, events);
	} else if (strcmp(mode, "release") == 0 && argc > 2) {
		rc = io_queue_release((io_context_t) strtoul(argv[2], NULL, 0));
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? strerror(-rc) : "ok");
	return 0;
}
