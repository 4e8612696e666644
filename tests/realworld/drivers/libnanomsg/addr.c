/* errtrail real-library corpus: nanomsg endpoints with bad addresses.
   usage: addr bind|connect pair|sub ADDRESS
   Opens one socket and binds or connects it to ADDRESS (tcp://, ipc://, ...).
   No peer is needed: every scenario fails while the address is parsed or bound.
   An ipc:// address under /tmp/errtrail-libnanomsg-nodir/ names a directory
   that the driver removes first, so bind() finds no such directory. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <nn.h>
#include <pair.h>
#include <pubsub.h>

int main(int argc, char **argv)
{
    int s, rc;

    if (argc != 4) {
        fprintf(stderr, "usage: %s bind|connect pair|sub ADDRESS\n", argv[0]);
        return 2;
    }
    rmdir("/tmp/errtrail-libnanomsg-nodir");
    s = nn_socket(AF_SP, strcmp(argv[2], "sub") == 0 ? NN_SUB : NN_PAIR);
    if (s < 0) {
        printf("nn_socket: -1 (%s)\n", nn_strerror(nn_errno()));
        return 1;
    }
    if (strcmp(argv[1], "bind") == 0)
        rc = nn_bind(s, argv[3]);
    else
        rc = nn_connect(s, argv[3]);
    if (rc < 0)
        printf("nn_%s(%s): -1 (%s)\n", argv[1], argv[3], nn_strerror(nn_errno()));
    else
        printf("nn_%s(%s): endpoint %d\n", argv[1], argv[3], rc);
    nn_close(s);
    return rc < 0 ? 1 : 0;
}
