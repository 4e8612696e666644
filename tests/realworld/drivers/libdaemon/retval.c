/* libdaemon's return-value pipe (dfork.c: daemon_retval_*) misused.
 *
 * usage: retval SCENARIO
 *   send-noinit    daemon_retval_send(1) without daemon_retval_init()
 *   send-epipe     daemon_retval_init(), then daemon_close_all(-1) as a daemon does (it
 *                  closes the pipe's read end), then daemon_retval_send(1): no reader is
 *                  left, the write fails with EPIPE (SIGPIPE ignored)
 *   wait-timeout   daemon_retval_init(), then daemon_retval_wait(1): nobody sends
 *   wait-noinit    daemon_retval_wait(0) without daemon_retval_init()
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <libdaemon/dfork.h>

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "";
    int r;

    if (!strcmp(what, "send-noinit")) {
        r = daemon_retval_send(1);
    } else if (!strcmp(what, "send-epipe")) {
        signal(SIGPIPE, SIG_IGN);
        if (daemon_retval_init() < 0) { perror("daemon_retval_init"); return 2; }
        if (daemon_close_all(-1) < 0) { perror("daemon_close_all"); return 2; }
        r = daemon_retval_send(1);
    } else if (!strcmp(what, "wait-timeout")) {
        if (daemon_retval_init() < 0) { perror("daemon_retval_init"); return 2; }
        r = daemon_retval_wait(1);
    } else if (!strcmp(what, "wait-noinit")) {
        r = daemon_retval_wait(0);
    } else {
        fprintf(stderr, "usage: retval SCENARIO\n");
        return 2;
    }
    printf("%s: %d (errno %d: %s)\n", what, r, errno, strerror(errno));
    return 0;
}
