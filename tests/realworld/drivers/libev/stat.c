/* libev file watchers: ev_stat_start() on a file that exists, in a process that has used
 * up its file descriptors after making its loop, so the loop's inotify descriptor cannot
 * be made (libev then falls back to polling the file with stat()).
 *
 *   stat FREEFDS
 *
 * The watched file is /tmp/errtrail-libev-stat-<pid>, written afresh and removed at exit.
 * FREEFDS: -1 for no limit, else the number of descriptors left free (leave_free_fds below). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <ev.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>

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

static void changed(struct ev_loop *loop, ev_stat *w, int revents)
{
    (void)loop; (void)w; (void)revents;
}

int main(int argc, char **argv)
{
    char path[64];
    struct ev_loop *loop;
    ev_stat w;
    FILE *f;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FREEFDS\n", argv[0]);
        return 2;
    }
    snprintf(path, sizeof path, "/tmp/errtrail-libev-stat-%d", (int)getpid());
    f = fopen(path, "w");
    if (!f || fputs("watched\n", f) < 0 || fclose(f) != 0) {
        perror(path);
        return 2;
    }
    loop = ev_loop_new(EVBACKEND_EPOLL | EVFLAG_NOENV);
    if (!loop) {
        fprintf(stderr, "no loop\n");
        return 2;
    }
    if (atoi(argv[1]) >= 0)
        leave_free_fds(atoi(argv[1]));
    ev_stat_init(&w, changed, path, 0.);
    ev_stat_start(loop, &w);
    printf("watching %s by %s\n", path, ev_is_active(&w.timer) ? "stat() polling" : "inotify");
    ev_stat_stop(loop, &w);
    unlink(path);
    return 0;
}
