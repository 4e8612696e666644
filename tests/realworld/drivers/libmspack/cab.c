/* realworld corpus driver: libmspack's cabinet (.cab) decompressor on malformed cabinets.
 *
 * cab missing      open() of a cabinet that does not exist
 * cab badsig       open() of a 36-byte header whose signature is "MSCX", not "MSCF"
 * cab nofolders    open() of a header that declares 0 folders and 1 file
 * cab prevname     open() of a header with the PREV_CABINET flag whose previous-cabinet
 *                  name is the empty string
 * cab folderidx    open() of a cabinet with 1 folder and 1 file whose folder index is 5
 *
 * Files are written afresh as /tmp/errtrail-libmspack-cab-WHAT.cab.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mspack.h>

static unsigned char buf[512];
static size_t len;

static void put16(size_t at, unsigned v) { buf[at] = v & 0xff; buf[at + 1] = (v >> 8) & 0xff; }
static void put32(size_t at, unsigned v) { put16(at, v & 0xffff); put16(at + 2, v >> 16); }

/* CFHEADER: signature, sizes, version 1.3, folders, files, flags */
static void header(const char *sig, unsigned folders, unsigned files, unsigned flags)
{
	memset(buf, 0, sizeof buf);
	memcpy(buf, sig, 4);
	put32(0x08, 200);	/* cabinet size */
	put32(0x10, 0x2c);	/* first CFFILE */
	buf[0x18] = 3;
	buf[0x19] = 1;
	put16(0x1a, folders);
	put16(0x1c, files);
	put16(0x1e, flags);
	len = 0x24;
}

static void write_file(const char *path)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	char path[256];
	struct mscab_decompressor *cabd;
	struct mscabd_cabinet *cab;
	const char *what = argc > 1 ? argv[1] : "";

	snprintf(path, sizeof path, "/tmp/errtrail-libmspack-cab-%s.cab", what);
	if (!strcmp(what, "missing")) {
		unlink(path);
	} else if (!strcmp(what, "badsig")) {
		header("MSCX", 1, 1, 0);
		write_file(path);
	} else if (!strcmp(what, "nofolders")) {
		header("MSCF", 0, 1, 0);
		write_file(path);
	} else if (!strcmp(what, "prevname")) {
		header("MSCF", 1, 1, 0x0001);
		buf[len++] = '\0';	/* previous cabinet's name: "" */
		memcpy(buf + len, "disk1\0", 6);
		len += 6;
		write_file(path);
	} else if (!strcmp(what, "folderidx")) {
		header("MSCF", 1, 1, 0);
		put32(len, 0x40);	/* CFFOLDER: data offset, 1 block, stored */
		put16(len + 4, 1);
		put16(len + 6, 0);
		len += 8;
		put32(len, 5);		/* CFFILE: 5 bytes at offset 0 of folder 5 */
		put32(len + 4, 0);
		put16(len + 8, 5);
		put16(len + 10, 0x5a21);
		put16(len + 12, 0x6000);
		put16(len + 14, 0x20);
		len += 16;
		memcpy(buf + len, "a.txt\0", 6);
		len += 6;
		write_file(path);
	} else {
		fprintf(stderr, "usage: cab missing|badsig|nofolders|prevname|folderidx\n");
		return 2;
	}

	cabd = mspack_create_cab_decompressor(NULL);
	if (!cabd)
		return 2;
	cab = cabd->open(cabd, path);
	printf("open: %p, last_error %d\n", (void *)cab, cabd->last_error(cabd));
	if (cab)
		cabd->close(cabd, cab);
	mspack_destroy_cab_decompressor(cabd);
	return cab ? 0 : 1;
}
