/* realworld corpus driver: libmspack's SZDD (MS-DOS COMPRESS.EXE) decompressor.
 *
 * szdd badsig      decompress() of a file whose 8-byte signature is "SZDX...", not SZDD's
 * szdd header      open() of a file with SZDD's signature whose compression mode byte is
 *                  'B', not 'A'
 * szdd outopen     open() of a valid SZDD file, then extract() to a file in a directory that
 *                  does not exist (/tmp/errtrail-libmspack-nodir/out.txt)
 *
 * Files are written afresh as /tmp/errtrail-libmspack-szdd-WHAT.tx_.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mspack.h>

static const unsigned char sig[8] = { 0x53, 0x5A, 0x44, 0x44, 0x88, 0xF0, 0x27, 0x33 };

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
	unsigned char buf[64];
	struct msszdd_decompressor *szdd;
	struct msszddd_header *hdr;
	const char *what = argc > 1 ? argv[1] : "";
	int err;

	snprintf(path, sizeof path, "/tmp/errtrail-libmspack-szdd-%s.tx_", what);
	memcpy(buf, sig, 8);
	buf[8] = 'A';		/* compression mode */
	buf[9] = 't';		/* the missing last character of the name */
	buf[10] = 3; buf[11] = 0; buf[12] = 0; buf[13] = 0;	/* 3 bytes unpacked */
	buf[14] = 0xff;		/* 8 literals follow */
	memcpy(buf + 15, "abc", 3);

	szdd = mspack_create_szdd_decompressor(NULL);
	if (!szdd)
		return 2;
	if (!strcmp(what, "badsig")) {
		buf[3] = 'X';
		write_file(path, buf, 18);
		err = szdd->decompress(szdd, path, "/tmp/errtrail-libmspack-szdd-out.txt");
		printf("decompress: %d\n", err);
	} else if (!strcmp(what, "header")) {
		buf[8] = 'B';
		write_file(path, buf, 18);
		hdr = szdd->open(szdd, path);
		err = szdd->last_error(szdd);
		printf("open: %p, last_error %d\n", (void *)hdr, err);
		if (hdr)
			szdd->close(szdd, hdr);
	} else if (!strcmp(what, "outopen")) {
		write_file(path, buf, 18);
		rmdir("/tmp/errtrail-libmspack-nodir");
		hdr = szdd->open(szdd, path);
		if (!hdr)
			return 2;
		err = szdd->extract(szdd, hdr, "/tmp/errtrail-libmspack-nodir/out.txt");
		printf("extract: %d\n", err);
		szdd->close(szdd, hdr);
	} else {
		fprintf(stderr, "usage: szdd badsig|header|outopen\n");
		return 2;
	}
	mspack_destroy_szdd_decompressor(szdd);
	return err ? 1 : 0;
}
