/* realworld corpus driver: libplist's binary plist (bplist00) parser.
 *
 * bplist HEX...          builds a binary plist in memory: "bplist00", the objects given as hex
 *                        strings (object 0 first, object 0 is the root), a one-byte offset
 *                        table and the 32-byte trailer (offset size 1, reference size 1), then
 *                        plist_from_memory() of it
 * bplist badoff HEX...   the same, but the root's offset-table entry points at the offset table
 *                        itself instead of at object 0 (a corrupted offset table)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <plist/plist.h>

static int unhex(const char *s, unsigned char *out)
{
	int n = 0;
	unsigned int b;

	while (s[0] && s[1]) {
		if (sscanf(s, "%2x", &b) != 1)
			return -1;
		out[n++] = (unsigned char)b;
		s += 2;
	}
	return n;
}

int main(int argc, char **argv)
{
	unsigned char buf[4096];
	unsigned char offsets[64];
	size_t len = 0, nobj = 0, table, i;
	int first = 1, badoff = 0;
	plist_t root = NULL;

	if (argc > 1 && strcmp(argv[1], "badoff") == 0) {
		badoff = 1;
		first = 2;
	}
	if (argc <= first) {
		fprintf(stderr, "usage: bplist [badoff] HEX...\n");
		return 2;
	}
	memcpy(buf, "bplist00", 8);
	len = 8;
	for (i = first; i < (size_t)argc && nobj < sizeof(offsets); i++) {
		int n;

		offsets[nobj++] = (unsigned char)len;
		n = unhex(argv[i], buf + len);
		if (n < 0 || len + n > 200) {
			fprintf(stderr, "bad object %s\n", argv[i]);
			return 2;
		}
		len += n;
	}
	table = len;
	if (badoff)
		offsets[0] = (unsigned char)table;
	memcpy(buf + len, offsets, nobj);
	len += nobj;
	/* trailer: 6 unused bytes, offset size, ref size, then three big-endian 64-bit values */
	memset(buf + len, 0, 32);
	buf[len + 6] = 1;
	buf[len + 7] = 1;
	buf[len + 15] = (unsigned char)nobj;    /* num_objects */
	buf[len + 23] = 0;                      /* root_object_index */
	buf[len + 31] = (unsigned char)table;   /* offset_table_offset */
	len += 32;

	plist_from_memory((const char *)buf, (uint32_t)len, &root);
	printf("bplist: %zu bytes, %zu objects: %s\n", len, nobj, root ? "parsed" : "NULL");
	plist_free(root);
	return 0;
}
