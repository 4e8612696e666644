/* realworld corpus driver: libmspack's KWAJ (MS-DOS EXPAND.EXE) decompressor.
 *
 * kwaj badsig      open() of a 14-byte header whose first signature is "KWAX", not "KWAJ"
 * kwaj comptype    open() of a header with compression method 9 (methods are 0-4), then
 *                  extract()
 * kwaj mszip       open() of a header with method 4 (MSZIP) whose data is one block of
 *                  length 16 that starts "XY" instead of the "CK" signature, then extract()
 *
 * Files are written afresh as /tmp/errtrail-libmspack-kwaj-WHAT.tx_, output goes to
 * /tmp/errtrail-libmspack-kwaj-out.txt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mspack.h>

static void write_file(const char *path, const unsigned char *d, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(d, 1, n, f) != n || fclose(f)) {
		perror(path);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	char path[256];
	unsigned char buf[64] = { 'K', 'W', 'A', 'J', 0x88, 0xF0, 0x27, 0xD1,
				  0, 0,		/* compression method */
				  14, 0,	/* data offset */
				  0, 0 };	/* no optional headers */
	size_t n = 14;
	struct mskwaj_decompressor *kwaj;
	struct mskwajd_header *hdr;
	const char *what = argc > 1 ? argv[1] : "";
	int err = 0;

	snprintf(path, sizeof path, "/tmp/errtrail-libmspack-kwaj-%s.tx_", what);
	if (!strcmp(what, "badsig")) {
		buf[3] = 'X';
	} else if (!strcmp(what, "comptype")) {
		buf[8] = 9;
		memcpy(buf + n, "hello", 5);
		n += 5;
	} else if (!strcmp(what, "mszip")) {
		buf[8] = 4;
		memcpy(buf + n, "\x10\x00XY\x00\x00\x00\x00", 8);
		n += 8;
	} else {
		fprintf(stderr, "usage: kwaj badsig|comptype|mszip\n");
		return 2;
	}
	write_file(path, buf, n);

	kwaj = mspack_create_kwaj_decompressor(NULL);
	if (!kwaj)
		return 2;
	hdr = kwaj->open(kwaj, path);
	printf("open: %p, last_error %d\n", (void *)hdr, kwaj->last_error(kwaj));
	if (hdr) {
		err = kwaj->extract(kwaj, hdr, "/tmp/errtrail-libmspack-kwaj-out.txt");
		printf("extract: %d\n", err);
		kwaj->close(kwaj, hdr);
	}
	mspack_destroy_kwaj_decompressor(kwaj);
	return (!hdr || err) ? 1 : 0;
}
