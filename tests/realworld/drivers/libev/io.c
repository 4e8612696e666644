/* libev I/O watchers: a watcher started on the read end of a pipe that the program then
 * closes without stopping the watcher (a common bug: the fd is closed first). select()
 * fails with EBADF, and libev's recovery checks each watched fd with fd_valid() and
 * kills the watchers of the bad ones (their callback gets EV_ERROR).
 *
 *   io BACKEND
 *
 * BACKEND: select or poll (EVBACKEND_SELECT or EVBACKEND_POLL; EVFLAG_NOENV). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <ev.h>

static int errors;

static void readable(struct ev_loop *loop, ev_io *w, int revents)
{
    (void)loop; (void)w;
    if (revents & EV_ERROR)
        errors++;
}

int main(int argc, char **argv)
{
    struct ev_loop *loop;
    ev_io good, bad;
    int p1[2], p2[2];

    if (argc < 2) {
        fprintf(stderr, "usage: %s select|poll\n", argv[0]);
        return 2;
    }
    loop = ev_loop_new((strcmp(argv[1], "poll") ? EVBACKEND_SELECT : EVBACKEND_POLL) | EVFLAG_NOENV);
    if (!loop || pipe(p1) != 0 || pipe(p2) != 0) {
        perror("setup");
        return 2;
    }
    /* p1's write end stays open and empty: its read end is valid, never readable */
    ev_io_init(&good, readable, p1[0], EV_READ);
    ev_io_start(loop, &good);
    ev_io_init(&bad, readable, p2[0], EV_READ);
    ev_io_start(loop, &bad);
    close(p2[0]);               /* closed behind libev's back */
    ev_run(loop, EVRUN_ONCE);
    printf("%d watcher(s) got EV_ERROR, bad watcher %s\n", errors,
           ev_is_active(&bad) ? "still active" : "stopped");
    return 0;
}
