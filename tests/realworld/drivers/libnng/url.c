/* errtrail real-library corpus: libnng URL parsing and listener creation.
 *
 *   url URL       nng_url_parse(URL)
 *   listen URL    nng_listener_create() on a pair1 socket for URL
 *
 * No listener is started and nothing touches the network. */
#include <stdio.h>
#include <string.h>

#include <nng/nng.h>
#include <nng/protocol/pair1/pair.h>

int
main(int argc, char **argv)
{
	int rv;

	if (argc < 3) {
		fprintf(stderr, "usage: %s url|listen URL\n", argv[0]);
		return 2;
	}
	if (strcmp(argv[1], "url") == 0) {
		nng_url *u = NULL;
		rv = nng_url_parse(&u, argv[2]);
		printf("nng_url_parse(%s) = %d (%s)\n", argv[2], rv, nng_strerror(rv));
		if (rv == 0)
			nng_url_free(u);
	} else if (strcmp(argv[1], "listen") == 0) {
		nng_socket   s;
		nng_listener l;
		if ((rv = nng_pair1_open(&s)) != 0) {
			fprintf(stderr, "nng_pair1_open: %s\n", nng_strerror(rv));
			return 1;
		}
		rv = nng_listener_create(&l, s, argv[2]);
		printf("nng_listener_create(%s) = %d (%s)\n", argv[2], rv, nng_strerror(rv));
		nng_close(s);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	return rv == 0 ? 0 : 1;
}
