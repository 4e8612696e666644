/* realworld corpus driver: liblo addresses and sending, without a network.
 *
 * send unix PATH             lo_send() of "/a" with one int to a LO_UNIX address for PATH
 *                            (no socket is bound there)
 * send big                   lo_send_message() of a message with a 70000-byte blob to the
 *                            UDP address 127.0.0.1:9 (over the 65535-byte UDP limit, refused
 *                            before anything is resolved or sent)
 * send url URL               lo_address_new_from_url(URL)
 * send iface IP              lo_address_set_iface(a, NULL, IP) on the UDP address
 *                            127.0.0.1:9000 (resolved numerically, nothing is sent)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lo/lo.h>

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "unix")) {
		lo_address a = lo_address_new_with_proto(LO_UNIX, NULL, argv[2]);
		int r = lo_send(a, "/a", "i", 1);
		printf("lo_send: %d errno %d (%s)\n", r, lo_address_errno(a), lo_address_errstr(a));
		lo_address_free(a);
		return r < 0 ? 1 : 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "big")) {
		lo_address a = lo_address_new("127.0.0.1", "9");
		lo_message m = lo_message_new();
		char *buf = calloc(1, 70000);
		lo_blob b = lo_blob_new(70000, buf);
		int r;
		lo_message_add_blob(m, b);
		r = lo_send_message(a, "/big", m);
		printf("lo_send_message: %d errno %d (%s)\n", r, lo_address_errno(a), lo_address_errstr(a));
		lo_message_free(m);
		lo_blob_free(b);
		free(buf);
		lo_address_free(a);
		return r < 0 ? 1 : 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "url")) {
		lo_address a = lo_address_new_from_url(argv[2]);
		printf("lo_address_new_from_url: %p\n", (void *)a);
		if (a)
			lo_address_free(a);
		return a ? 0 : 1;
	}
	if (argc >= 3 && !strcmp(argv[1], "iface")) {
		lo_address a = lo_address_new("127.0.0.1", "9000");
		int r = lo_address_set_iface(a, NULL, argv[2]);
		printf("lo_address_set_iface: %d\n", r);
		lo_address_free(a);
		return r ? 1 : 0;
	}
	fprintf(stderr, "usage: send unix PATH | big | url URL | iface IP\n");
	return 2;
}
