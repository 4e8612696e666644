/* errtrail real-library corpus: libnng HTTP request headers and statistics.
 *
 *   gethdr NAME      nng_http_req_get_header(NAME) on a request for
 *                    http://example.org/ (which has only a Host header)
 *   delhdr NAME      nng_http_req_del_header(NAME) on the same request
 *   statsock         nng_stats_get(), then nng_stat_find_socket() for a
 *                    pair1 socket closed before the snapshot
 *
 * No connection is made: the request is only built in memory. */
#include <stdio.h>
#include <string.h>

#include <nng/nng.h>
#include <nng/protocol/pair1/pair.h>
#include <nng/supplemental/http/http.h>

int
main(int argc, char **argv)
{
	int rv = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s gethdr|delhdr NAME | statsock\n", argv[0]);
		return 2;
	}
	if ((strcmp(argv[1], "gethdr") == 0 || strcmp(argv[1], "delhdr") == 0) && argc > 2) {
		nng_url *     u;
		nng_http_req *req;
		if ((rv = nng_url_parse(&u, "http://example.org/")) != 0 ||
		    (rv = nng_http_req_alloc(&req, u)) != 0) {
			fprintf(stderr, "setup: %s\n", nng_strerror(rv));
			return 1;
		}
		if (strcmp(argv[1], "gethdr") == 0) {
			const char *v = nng_http_req_get_header(req, argv[2]);
			printf("nng_http_req_get_header(%s) = %s\n", argv[2], v ? v : "(null)");
			rv = v == NULL;
		} else {
			rv = nng_http_req_del_header(req, argv[2]);
			printf("nng_http_req_del_header(%s) = %d (%s)\n", argv[2], rv, nng_strerror(rv));
		}
		nng_http_req_free(req);
		nng_url_free(u);
	} else if (strcmp(argv[1], "statsock") == 0) {
		nng_socket s;
		nng_stat * st;
		nng_stat * found;
		if ((rv = nng_pair1_open(&s)) != 0) {
			fprintf(stderr, "nng_pair1_open: %s\n", nng_strerror(rv));
			return 1;
		}
		nng_close(s);
		if ((rv = nng_stats_get(&st)) != 0) {
			fprintf(stderr, "nng_stats_get: %s\n", nng_strerror(rv));
			return 1;
		}
		found = nng_stat_find_socket(st, s);
		printf("nng_stat_find_socket(%d) = %p\n", nng_socket_id(s), (void *) found);
		rv = found == NULL;
		nng_stats_free(st);
	} else {
		fprintf(stderr, "bad mode %s\n", argv[1]);
		return 2;
	}
	return rv == 0 ? 0 : 1;
}
