/* errtrail real-library corpus: libnng socket and IPC listener options.
 *
 *   setint NAME VALUE     nng_socket_set_int() on a pair1 socket
 *   setms NAME VALUE      nng_socket_set_ms() on a pair1 socket
 *   setsize NAME VALUE    nng_socket_set_size() on a pair1 socket (VALUE in decimal)
 *   ipclisten             nng_listen() on ipc:///tmp/errtrail-libnng-ipc/nodir/sock
 *                         (the directory nodir does not exist)
 *   perms MODE [start]    nng_listener_create() for ipc:///tmp/errtrail-libnng-ipc/sock,
 *                         optionally nng_listener_start(), then
 *                         nng_listener_set_int(NNG_OPT_IPC_PERMISSIONS, MODE) (MODE in octal)
 *
 * /tmp/errtrail-libnng-ipc is made afresh (emptied) on every run; only
 * AF_UNIX sockets there are used, no network. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nng/nng.h>
#include <nng/protocol/pair1/pair.h>

#define DIR_ "/tmp/errtrail-libnng-ipc"

static void
fresh_dir(void)
{
	DIR *          d;
	struct dirent *e;
	char           p[512];

	mkdir(DIR_, 0700);
	if ((d = opendir(DIR_)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", DIR_, e->d_name);
		if (unlink(p) != 0)
			rmdir(p);
	}
	closedir(d);
}

int
main(int argc, char **argv)
{
	nng_socket s;
	int        rv;

	if (argc < 2) {
		fprintf(stderr, "usage: %s setint|setms|ipclisten|perms ...\n", argv[0]);
		return 2;
	}
	fresh_dir();
	if ((rv = nng_pair1_open(&s)) != 0) {
		fprintf(stderr, "nng_pair1_open: %s\n", nng_strerror(rv));
		return 1;
	}
	if (strcmp(argv[1], "setint") == 0 && argc > 3) {
		rv = nng_socket_set_int(s, argv[2], atoi(argv[3]));
		printf("nng_socket_set_int(%s, %s) = %d (%s)\n", argv[2], argv[3], rv, nng_strerror(rv));
	} else if (strcmp(argv[1], "setms") == 0 && argc > 3) {
		rv = nng_socket_set_ms(s, argv[2], (nng_duration) atoi(argv[3]));
		printf("nng_socket_set_ms(%s, %s) = %d (%s)\n", argv[2], argv[3], rv, nng_strerror(rv));
	} else if (strcmp(argv[1], "setsize") == 0 && argc > 3) {
		rv = nng_socket_set_size(s, argv[2], (size_t) strtoull(argv[3], NULL, 10));
		printf("nng_socket_set_size(%s, %s) = %d (%s)\n", argv[2], argv[3], rv, nng_strerror(rv));
	} else if (strcmp(argv[1], "ipclisten") == 0) {
		rv = nng_listen(s, "ipc://" DIR_ "/nodir/sock", NULL, 0);
		printf("nng_listen = %d (%s)\n", rv, nng_strerror(rv));
	} else if (strcmp(argv[1], "perms") == 0 && argc > 2) {
		nng_listener l;
		int          mode = (int) strtol(argv[2], NULL, 8);
		if ((rv = nng_listener_create(&l, s, "ipc://" DIR_ "/sock")) != 0) {
			fprintf(stderr, "nng_listener_create: %s\n", nng_strerror(rv));
			return 1;
		}
		if (argc > 3 && strcmp(argv[3], "start") == 0) {
			if ((rv = nng_listener_start(l, 0)) != 0) {
				fprintf(stderr, "nng_listener_start: %s\n", nng_strerror(rv));
				return 1;
			}
		}
		rv = nng_listener_set_int(l, NNG_OPT_IPC_PERMISSIONS, mode);
		printf("nng_listener_set_int(ipc:permissions, 0%o) = %d (%s)\n", mode, rv, nng_strerror(rv));
	} else {
		fprintf(stderr, "bad mode %s\n", argv[1]);
		return 2;
	}
	nng_close(s);
	return rv == 0 ? 0 : 1;
}
