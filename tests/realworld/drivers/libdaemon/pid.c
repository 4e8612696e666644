/* libdaemon PID-file API (dpid.c) with bad PID files.
 *
 * usage: pid SCENARIO [ARG]
 *   running-missing        daemon_pid_file_is_running() with no PID file
 *   running-corrupt TEXT   ... with a PID file holding TEXT (not a number)
 *   running-dead           ... with a PID file naming a process that does not exist
 *   running-isdir          ... where the PID file's path is a directory
 *   create-exists          daemon_pid_file_create() when the PID file is already there
 *   create-fsize           ... with a file size limit of 0 (SIGXFSZ ignored)
 *   remove-missing         daemon_pid_file_remove() with no PID file
 *   kill-badsig SIG        daemon_pid_file_kill(SIG), the PID file naming this process
 *   kill-wait-ignored      daemon_pid_file_kill_wait(SIGTERM, 1) on a child that ignores SIGTERM
 *
 * The PID file is /tmp/errtrail-libdaemon-pid-<pid>/test.pid (daemon_pid_file_proc points
 * there); the directory is made afresh and removed afterwards.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libdaemon/dpid.h>

static char dir[128], path[160];

static const char *proc(void) { return path; }

static void put(const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) { perror("fopen"); exit(2); }
    fputs(text, f);
    fclose(f);
}

static void cleanup(void) {
    rmdir(path);
    unlink(path);
    rmdir(dir);
}

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "";
    long r = 0;
    char buf[32];

    snprintf(dir, sizeof dir, "/tmp/errtrail-libdaemon-pid-%ld", (long) getpid());
    snprintf(path, sizeof path, "%s/test.pid", dir);
    mkdir(dir, 0755);
    daemon_pid_file_proc = proc;

    if (!strcmp(what, "running-missing")) {
        r = daemon_pid_file_is_running();
    } else if (!strcmp(what, "running-corrupt") && argc > 2) {
        put(argv[2]);
        r = daemon_pid_file_is_running();
    } else if (!strcmp(what, "running-dead")) {
        put("2000000000\n");
        r = daemon_pid_file_is_running();
    } else if (!strcmp(what, "running-isdir")) {
        mkdir(path, 0755);
        r = daemon_pid_file_is_running();
    } else if (!strcmp(what, "create-exists")) {
        put("1\n");
        r = daemon_pid_file_create();
    } else if (!strcmp(what, "create-fsize")) {
        struct rlimit rl = { 0, 0 };
        signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &rl);
        rl.rlim_cur = 0;
        setrlimit(RLIMIT_FSIZE, &rl);
        r = daemon_pid_file_create();
    } else if (!strcmp(what, "remove-missing")) {
        r = daemon_pid_file_remove();
    } else if (!strcmp(what, "kill-badsig") && argc > 2) {
        snprintf(buf, sizeof buf, "%ld\n", (long) getpid());
        put(buf);
        r = daemon_pid_file_kill(atoi(argv[2]));
    } else if (!strcmp(what, "kill-wait-ignored")) {
        int p[2];
        char c;
        pid_t child;
        if (pipe(p) < 0) { perror("pipe"); return 2; }
        if ((child = fork()) == 0) {
            signal(SIGTERM, SIG_IGN);
            write(p[1], "x", 1);
            for (;;)
                pause();
        }
        read(p[0], &c, 1);
        snprintf(buf, sizeof buf, "%ld\n", (long) child);
        put(buf);
        r = daemon_pid_file_kill_wait(SIGTERM, 1);
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    } else {
        fprintf(stderr, "usage: pid SCENARIO [ARG]\n");
        cleanup();
        return 2;
    }
    printf("%s: %ld (errno %d: %s)\n", what, r, errno, strerror(errno));
    cleanup();
    return 0;
}
