/* errtrail real-library corpus: nanomsg message buffers and symbols with bad arguments.
   usage: msg alloc SIZE TYPE       nn_allocmsg(SIZE, TYPE)
          msg realloc SIZE          nn_reallocmsg(nn_allocmsg(16, 0), SIZE)  (SIZE may be "max")
          msg symbol INDEX          nn_symbol(INDEX, &value) */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nn.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s alloc|realloc|symbol ...\n", argv[0]);
        return 2;
    }
    if (strcmp(argv[1], "alloc") == 0 && argc == 4) {
        void *m = nn_allocmsg(strtoul(argv[2], NULL, 0), atoi(argv[3]));
        printf("nn_allocmsg: %s (%s)\n", m ? "ok" : "NULL", m ? "-" : nn_strerror(nn_errno()));
        if (m)
            nn_freemsg(m);
        return m ? 0 : 1;
    }
    if (strcmp(argv[1], "realloc") == 0 && argc == 3) {
        size_t sz = strcmp(argv[2], "max") == 0 ? SIZE_MAX : strtoul(argv[2], NULL, 0);
        void *m = nn_allocmsg(16, 0);
        void *n = nn_reallocmsg(m, sz);
        printf("nn_reallocmsg: %s (%s)\n", n ? "ok" : "NULL", n ? "-" : nn_strerror(nn_errno()));
        nn_freemsg(n ? n : m);
        return n ? 0 : 1;
    }
    if (strcmp(argv[1], "symbol") == 0) {
        int value = 0;
        const char *name = nn_symbol(atoi(argv[2]), &value);
        printf("nn_symbol(%s): %s\n", argv[2], name ? name : "NULL");
        return name ? 0 : 1;
    }
    fprintf(stderr, "bad arguments\n");
    return 2;
}
