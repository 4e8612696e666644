/* errtrail real-library corpus: libverto module loading (verto_new, verto_default,
 * verto_set_default) with module names and files that are not modules.
 *
 *   modules [asis|nodir] new|default|setdefault NAME|-
 *
 * libverto finds its modules next to itself: it asks dladdr() for the file that holds
 * verto_convert_module() and looks for <dir>/libverto-<name><suffix> (for
 * /usr/lib/x86_64-linux-gnu/libverto.so.1: .../libverto-glib.so.1). Linked statically, it
 * is part of this program, and glibc's dladdr() names the main program by argv[0]. So,
 * unless the first argument is "asis", the driver sets argv[0] to
 * /tmp/errtrail-libverto-mod/libverto.so.1 (or, with "nodir", to
 * /tmp/errtrail-libverto-nodir/libverto.so.1, a directory that does not exist), as if
 * libverto were installed there as a shared library, and writes into that directory:
 *   libverto-junk.so.1   a text file, not a shared object
 *   libverto-ev.so.1     a copy of libev's shared library (a real shared object with no
 *                        verto_module_table_ev symbol)
 *   plain.so             another text file
 * NAME "-" is NULL.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ev.h>
#include <verto.h>

#define MODDIR "/tmp/errtrail-libverto-mod"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

static void copy_file(const char *from, const char *to)
{
    char buf[65536];
    size_t n;
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    if (!in || !out) {
        perror(from);
        exit(2);
    }
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
}

static void setup(void)
{
    Dl_info info;

    mkdir(MODDIR, 0755);
    write_file(MODDIR "/libverto-junk.so.1", "this is not a shared object\n");
    write_file(MODDIR "/plain.so", "neither is this\n");
    /* libev's shared library, as the dynamic linker loaded it for this program */
    if (!dladdr((void *)ev_loop_new, &info) || !info.dli_fname || info.dli_fname[0] != '/') {
        fprintf(stderr, "cannot find libev's shared library\n");
        exit(2);
    }
    copy_file(info.dli_fname, MODDIR "/libverto-ev.so.1");
}

int main(int argc, char **argv)
{
    int i = 1;
    const char *what, *name;
    verto_ctx *ctx;

    if (argc > i && !strcmp(argv[i], "asis")) {
        i++;
    } else if (argc > i && !strcmp(argv[i], "nodir")) {
        argv[0] = "/tmp/errtrail-libverto-nodir/libverto.so.1";
        i++;
    } else {
        setup();
        argv[0] = MODDIR "/libverto.so.1";
    }
    if (argc < i + 2) {
        fprintf(stderr, "usage: modules [asis|nodir] new|default|setdefault NAME|-\n");
        return 2;
    }
    what = argv[i];
    name = strcmp(argv[i + 1], "-") ? argv[i + 1] : NULL;

    if (!strcmp(what, "new")) {
        ctx = verto_new(name, VERTO_EV_TYPE_NONE);
        printf("verto_new: %p\n", (void *)ctx);
    } else if (!strcmp(what, "default")) {
        ctx = verto_default(name, VERTO_EV_TYPE_NONE);
        printf("verto_default: %p\n", (void *)ctx);
    } else {
        printf("verto_set_default: %d\n", verto_set_default(name, VERTO_EV_TYPE_NONE));
    }
    return 0;
}
