/* errtrail real-library corpus: nanomsg sockets, options and sends with bad arguments.
   usage: sock socket DOMAIN PROTOCOL      nn_socket(DOMAIN, PROTOCOL)
          sock sndprio VALUE               nn_setsockopt(pair, NN_SOL_SOCKET, NN_SNDPRIO, VALUE)
          sock sndfd                       nn_getsockopt(sub, NN_SOL_SOCKET, NN_SNDFD)
          sock send TEXT                   nn_send(sub, TEXT, NN_DONTWAIT)
   No peer, no network: sockets are never connected. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nn.h>
#include <pair.h>
#include <pubsub.h>

static void report(const char *what, int rc)
{
    if (rc < 0)
        printf("%s: -1 (%s)\n", what, nn_strerror(nn_errno()));
    else
        printf("%s: %d\n", what, rc);
}

int main(int argc, char **argv)
{
    int s, rc = -1;

    if (argc < 2) {
        fprintf(stderr, "usage: %s socket|sndprio|sndfd|send ...\n", argv[0]);
        return 2;
    }
    if (strcmp(argv[1], "socket") == 0 && argc == 4) {
        rc = nn_socket(atoi(argv[2]), atoi(argv[3]));
        report("nn_socket", rc);
        if (rc >= 0)
            nn_close(rc);
    } else if (strcmp(argv[1], "sndprio") == 0 && argc == 3) {
        int val = atoi(argv[2]);
        s = nn_socket(AF_SP, NN_PAIR);
        rc = nn_setsockopt(s, NN_SOL_SOCKET, NN_SNDPRIO, &val, sizeof(val));
        report("nn_setsockopt(NN_SNDPRIO)", rc);
        nn_close(s);
    } else if (strcmp(argv[1], "sndfd") == 0) {
        int fd;
        size_t sz = sizeof(fd);
        s = nn_socket(AF_SP, NN_SUB);
        rc = nn_getsockopt(s, NN_SOL_SOCKET, NN_SNDFD, &fd, &sz);
        report("nn_getsockopt(NN_SNDFD)", rc);
        nn_close(s);
    } else if (strcmp(argv[1], "send") == 0 && argc == 3) {
        s = nn_socket(AF_SP, NN_SUB);
        rc = nn_send(s, argv[2], strlen(argv[2]), NN_DONTWAIT);
        report("nn_send", rc);
        nn_close(s);
    } else {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }
    return rc < 0 ? 1 : 0;
}
