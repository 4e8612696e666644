/* realworld corpus driver: liblo's OSC message and bundle code on malformed input.
 *
 * message deser HEX          lo_message_deserialise() of the bytes HEX spells (an OSC
 *                            message as received: path, type tags, arguments)
 * message add unknown        lo_message_add(m, "iq", 1): 'q' is no OSC type
 * message add mismatch       lo_message_add(m, "ii", 1): two int types, one int argument
 * message bundle circular    lo_bundle_add_bundle(b2, b1) after lo_bundle_add_bundle(b1, b2)
 *
 * No files, no sockets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lo/lo.h>

static unsigned char *unhex(const char *s, size_t *n)
{
	size_t len = strlen(s) / 2;
	unsigned char *out = malloc(len + 1);

	for (size_t i = 0; i < len; i++) {
		unsigned int v;
		sscanf(s + 2 * i, "%2x", &v);
		out[i] = (unsigned char)v;
	}
	*n = len;
	return out;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "deser")) {
		size_t n;
		unsigned char *data = unhex(argv[2], &n);
		int res = 0;
		lo_message m = lo_message_deserialise(data, n, &res);
		printf("lo_message_deserialise: %p result %d\n", (void *)m, res);
		if (m)
			lo_message_free(m);
		free(data);
		return m ? 0 : 1;
	}
	if (argc >= 3 && !strcmp(argv[1], "add")) {
		lo_message m = lo_message_new();
		int r;
		if (!strcmp(argv[2], "unknown"))
			r = lo_message_add(m, "iq", 1);
		else
			r = lo_message_add(m, "ii", 1);
		printf("lo_message_add: %d\n", r);
		lo_message_free(m);
		return r ? 1 : 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "bundle")) {
		lo_bundle b1 = lo_bundle_new(LO_TT_IMMEDIATE);
		lo_bundle b2 = lo_bundle_new(LO_TT_IMMEDIATE);
		int r1 = lo_bundle_add_bundle(b1, b2);
		int r2 = lo_bundle_add_bundle(b2, b1);
		printf("lo_bundle_add_bundle: %d %d\n", r1, r2);
		return r2 ? 1 : 0;
	}
	fprintf(stderr, "usage: message deser HEX | add unknown|mismatch | bundle circular\n");
	return 2;
}
