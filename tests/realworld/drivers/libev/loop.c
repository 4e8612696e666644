/* libev loop creation: ev_loop_new(), ev_default_loop() and the libevent emulation's
 * event_init() / event_base_new(), with backend flags a machine cannot give (kqueue,
 * Solaris ports) or with the process out of file descriptors.
 *
 *   loop MODE FLAGS FREEFDS [LIBEV_FLAGS]
 *
 * MODE: new (ev_loop_new(FLAGS)), default (ev_default_loop(FLAGS)), event_init,
 * event_base_new (both with EVFLAG_AUTO, FLAGS unused). FLAGS: a number (0x.. allowed).
 * FREEFDS: -1 for no limit, else the number of descriptors left free (leave_free_fds below).
 * LIBEV_FLAGS: put into the environment first (libev reads it in loop_init). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ev.h>
#include <event.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

/* Leave a process exactly NFREE free file descriptors: cap RLIMIT_NOFILE at 32, open
 * /dev/null until open() fails with EMFILE, then close the NFREE highest of those.
 * A process that hit its descriptor limit (a server with many connections open). */

static void leave_free_fds(int nfree)
{
    struct rlimit rl = { 32, 32 };
    int fds[32], n = 0, fd;

    if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
        perror("setrlimit");
        exit(2);
    }
    while (n < 32 && (fd = open("/dev/null", O_RDONLY)) >= 0)
        fds[n++] = fd;
    if (n < nfree) {
        fprintf(stderr, "only %d descriptors free\n", n);
        exit(2);
    }
    while (nfree-- > 0)
        close(fds[--n]);
}

int main(int argc, char **argv)
{
    unsigned int flags;
    int nfree;
    void *loop = NULL;

    if (argc < 4) {
        fprintf(stderr, "usage: %s MODE FLAGS FREEFDS [LIBEV_FLAGS]\n", argv[0]);
        return 2;
    }
    flags = (unsigned int)strtoul(argv[2], NULL, 0);
    nfree = atoi(argv[3]);
    if (argc > 4)
        setenv("LIBEV_FLAGS", argv[4], 1);
    else
        unsetenv("LIBEV_FLAGS");
    if (nfree >= 0)
        leave_free_fds(nfree);

    if (!strcmp(argv[1], "new"))
        loop = ev_loop_new(flags);
    else if (!strcmp(argv[1], "default"))
        loop = ev_default_loop(flags);
    else if (!strcmp(argv[1], "event_init"))
        loop = event_init();
    else if (!strcmp(argv[1], "event_base_new"))
        loop = event_base_new();
    else {
        fprintf(stderr, "unknown mode %s\n", argv[1]);
        return 2;
    }
    if (!loop) {
        printf("%s: no loop (no usable backend)\n", argv[1]);
        return 1;
    }
    printf("%s: loop %p, backend %#x\n", argv[1], loop, ev_backend((struct ev_loop *)loop));
    return 0;
}
