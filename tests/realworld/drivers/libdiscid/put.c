/* libdiscid: discid_put() with a table of contents from the arguments.
 *
 *   put FIRST LAST LEADOUT OFFSET...   offsets[0] = LEADOUT, offsets[1..] = OFFSET...
 *   put FIRST LAST none                 offsets = NULL
 *
 * Prints discid_put()'s result and the message discid_get_error_msg() keeps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <discid/discid.h>

int main(int argc, char **argv)
{
	int offsets[100] = {0};
	int *arg = offsets;
	int first, last, i, ok;
	DiscId *disc;

	if (argc < 4) {
		fprintf(stderr, "usage: %s FIRST LAST LEADOUT|none [OFFSET...]\n", argv[0]);
		return 2;
	}
	first = atoi(argv[1]);
	last = atoi(argv[2]);
	if (strcmp(argv[3], "none") == 0)
		arg = NULL;
	else
		for (i = 3; i < argc && i - 3 < 100; i++)
			offsets[i - 3] = atoi(argv[i]);

	disc = discid_new();
	ok = discid_put(disc, first, last, arg);
	printf("discid_put: %d (%s)\n", ok, ok ? discid_get_id(disc) : discid_get_error_msg(disc));
	discid_free(disc);
	return ok ? 0 : 1;
}
