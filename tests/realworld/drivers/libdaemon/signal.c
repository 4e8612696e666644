/* libdaemon's signal pipe (dsignal.c) and fd helpers (dnonblock.c) with bad arguments.
 *
 * usage: signal SCENARIO [ARG]
 *   init SIG...      daemon_signal_init(SIG..., 0) (e.g. SIGKILL, 9, which cannot be caught)
 *   install SIG      daemon_signal_install(SIG)
 *   next-noinit      daemon_signal_next() without daemon_signal_init()
 *   nonblock-closed  daemon_nonblock(fd, 1) on a descriptor that was just closed
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libdaemon/dnonblock.h>
#include <libdaemon/dsignal.h>

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "";
    int r;

    if (!strcmp(what, "init") && argc > 2) {
        int s[3] = { 0, 0, 0 };
        for (int i = 2; i < argc && i < 4; i++)
            s[i - 2] = atoi(argv[i]);
        r = daemon_signal_init(s[0], s[1], s[2], 0);
    } else if (!strcmp(what, "install") && argc > 2) {
        r = daemon_signal_install(atoi(argv[2]));
    } else if (!strcmp(what, "next-noinit")) {
        r = daemon_signal_next();
    } else if (!strcmp(what, "nonblock-closed")) {
        int fd = dup(1);
        close(fd);
        r = daemon_nonblock(fd, 1);
    } else {
        fprintf(stderr, "usage: signal SCENARIO [ARG]\n");
        return 2;
    }
    printf("%s: %d (errno %d: %s)\n", what, r, errno, strerror(errno));
    return 0;
}
