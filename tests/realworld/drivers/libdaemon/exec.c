/* libdaemon's process helpers (dexec.c, dfork.c) at their limits.
 *
 * usage: exec SCENARIO
 *   exec-emfile    daemon_exec() with RLIMIT_NOFILE at the lowest free descriptor: no pipe
 *   exec-killed    daemon_exec("/", &ret, "/bin/sh", "sh", "-c", "kill -9 $$", NULL): the
 *                  child dies of SIGKILL
 *   fork-emfile    daemon_fork() with RLIMIT_NOFILE at the lowest free descriptor: no pipe
 *
 * daemon_exec() needs the signal pipe for SIGCHLD: daemon_signal_init(SIGCHLD, 0) first.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <libdaemon/dexec.h>
#include <libdaemon/dfork.h>
#include <libdaemon/dsignal.h>

static void limit_fds(void) {
    struct rlimit rl;
    int fd = dup(0);   /* the lowest free descriptor */
    close(fd);
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = fd;
    setrlimit(RLIMIT_NOFILE, &rl);
}

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "";
    int r, ret = -12345;

    if (!strcmp(what, "exec-emfile")) {
        if (daemon_signal_init(SIGCHLD, 0) < 0) { perror("daemon_signal_init"); return 2; }
        limit_fds();
        r = daemon_exec("/", &ret, "/bin/true", "true", (char *) NULL);
    } else if (!strcmp(what, "exec-killed")) {
        if (daemon_signal_init(SIGCHLD, 0) < 0) { perror("daemon_signal_init"); return 2; }
        r = daemon_exec("/", &ret, "/bin/sh", "sh", "-c", "kill -9 $$", (char *) NULL);
    } else if (!strcmp(what, "fork-emfile")) {
        limit_fds();
        r = daemon_fork();
        if (r == 0)
            _exit(0);
    } else {
        fprintf(stderr, "usage: exec SCENARIO\n");
        return 2;
    }
    printf("%s: %d ret %d (errno %d: %s)\n", what, r, ret, errno, strerror(errno));
    return 0;
}
