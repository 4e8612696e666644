/* realworld corpus driver: libmspack's CHM (compiled HTML help) decompressor.
 *
 * chm guid         open() of a 0x38-byte ITSF header (version 3) whose two GUIDs are zero
 * chm short        open() of a file of 20 bytes, shorter than the 0x38-byte ITSF header
 *
 * Files are written afresh as /tmp/errtrail-libmspack-chm-WHAT.chm.
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
	unsigned char buf[0x60];
	struct mschm_decompressor *chmd;
	struct mschmd_header *chm;
	const char *what = argc > 1 ? argv[1] : "";

	snprintf(path, sizeof path, "/tmp/errtrail-libmspack-chm-%s.chm", what);
	memset(buf, 0, sizeof buf);
	memcpy(buf, "ITSF", 4);
	buf[4] = 3;		/* version */
	buf[8] = 0x60;		/* header length */
	buf[12] = 1;
	if (!strcmp(what, "guid")) {
		write_file(path, buf, 0x60);
	} else if (!strcmp(what, "short")) {
		write_file(path, buf, 20);
	} else {
		fprintf(stderr, "usage: chm guid|short\n");
		return 2;
	}

	chmd = mspack_create_chm_decompressor(NULL);
	if (!chmd)
		return 2;
	chm = chmd->open(chmd, path);
	printf("open: %p, last_error %d\n", (void *)chm, chmd->last_error(chmd));
	if (chm)
		chmd->close(chmd, chm);
	mspack_destroy_chm_decompressor(chmd);
	return chm ? 0 : 1;
}
