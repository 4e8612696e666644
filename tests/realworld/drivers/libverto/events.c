/* errtrail real-library corpus: libverto event and context calls with bad arguments.
 *
 *   events io FD             verto_add_io(ctx, IO_READ, cb, FD)
 *   events signal chld       verto_add_signal(ctx, PERSIST, cb, SIGCHLD)
 *   events signal ign        verto_add_signal(ctx, NONE, VERTO_SIG_IGN, SIGUSR1)
 *   events child persist     verto_add_child(ctx, PERSIST, cb, <a live child>)
 *   events child zero        verto_add_child(ctx, NONE, cb, 0)
 *   events allocator twice   verto_set_allocator() a second time
 *   events setdefault late   verto_set_default("libev", 0) after verto_default_libev()
 *   events oom N new|default|timeout
 *                            an allocator (verto_set_allocator) whose Nth allocation fails,
 *                            then verto_new_libev(), verto_default_libev() or
 *                            verto_add_timeout() on a context made before
 *
 * Contexts come from the libev module (libverto-libev.a), linked in.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <verto.h>
#include <verto-libev.h>

static void cb(verto_ctx *ctx, verto_ev *ev) { (void)ctx; (void)ev; }

static int fail_at, nalloc;

static void *failing_resize(void *mem, size_t size)
{
    if (size == 0) {
        free(mem);
        return NULL;
    }
    if (++nalloc == fail_at)
        return NULL;
    return realloc(mem, size);
}

int main(int argc, char **argv)
{
    verto_ctx *ctx;
    const char *mode = argc > 1 ? argv[1] : "";
    const char *arg = argc > 2 ? argv[2] : "";

    if (!strcmp(mode, "oom") && argc > 3) {
        fail_at = atoi(arg);
        if (!strcmp(argv[3], "timeout"))
            fail_at++; /* the context's own allocation comes first */
        verto_set_allocator(failing_resize, 0);
        if (!strcmp(argv[3], "new")) {
            ctx = verto_new_libev();
        } else if (!strcmp(argv[3], "default")) {
            ctx = verto_default_libev();
        } else {
            ctx = verto_new_libev();
            if (!ctx) {
                fprintf(stderr, "verto_new_libev failed early\n");
                return 2;
            }
            printf("timeout: %p\n", (void *)verto_add_timeout(ctx, VERTO_EV_FLAG_NONE, cb, 10));
            return 0;
        }
        printf("ctx: %p\n", (void *)ctx);
        return 0;
    }
    if (!strcmp(mode, "allocator")) {
        printf("first: %d\n", verto_set_allocator(realloc, 0));
        printf("second: %d\n", verto_set_allocator(failing_resize, 1));
        return 0;
    }
    if (!strcmp(mode, "setdefault")) {
        ctx = verto_default_libev();
        printf("default ctx: %p\n", (void *)ctx);
        printf("set_default: %d\n", verto_set_default("libev", VERTO_EV_TYPE_NONE));
        return 0;
    }

    ctx = verto_new_libev();
    if (!ctx) {
        fprintf(stderr, "verto_new_libev failed\n");
        return 2;
    }
    if (!strcmp(mode, "io")) {
        printf("io: %p\n", (void *)verto_add_io(ctx, VERTO_EV_FLAG_IO_READ, cb, atoi(arg)));
    } else if (!strcmp(mode, "signal")) {
        if (!strcmp(arg, "chld"))
            printf("signal: %p\n", (void *)verto_add_signal(ctx, VERTO_EV_FLAG_PERSIST, cb, SIGCHLD));
        else
            printf("signal: %p\n", (void *)verto_add_signal(ctx, VERTO_EV_FLAG_NONE, VERTO_SIG_IGN, SIGUSR1));
    } else if (!strcmp(mode, "child")) {
        pid_t pid = 0;
        if (!strcmp(arg, "persist")) {
            pid = fork();
            if (pid == 0)
                _exit(0);
        }
        printf("child: %p\n", (void *)verto_add_child(ctx, !strcmp(arg, "persist")
                                                  ? VERTO_EV_FLAG_PERSIST : VERTO_EV_FLAG_NONE,
                                                  cb, pid));
        if (pid > 0)
            waitpid(pid, NULL, 0);
    } else {
        fprintf(stderr, "unknown mode\n");
        return 2;
    }
    verto_free(ctx);
    return 0;
}
