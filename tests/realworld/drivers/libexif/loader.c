/* libexif driver: the ExifLoader, fed bytes a user would hand it.
 *
 *   loader png          exif_loader_write() of a PNG file's first 24 bytes, then
 *                       exif_loader_get_data() on the loader it reset
 *   loader memcap       a loader whose ExifMem refuses any allocation over 1024
 *                       bytes (an application's per-allocation limit), fed a JPEG
 *                       whose APP1 (Exif) segment says 0x2000 bytes
 *   loader budget N     a loader whose ExifMem allows only N allocations in all
 *                       (an application's memory budget), fed a small complete
 *                       JPEG APP1 Exif segment, then exif_loader_get_data()
 *   loader missing      exif_data_new_from_file() on a file in a directory that
 *                       was never created
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libexif/exif-data.h>
#include <libexif/exif-loader.h>
#include <libexif/exif-mem.h>

static unsigned long cap_bytes;     /* 0: no per-allocation cap */
static long budget = -1;            /* allocations left; -1: unlimited */

static void *limited_alloc(ExifLong s)
{
	if (cap_bytes && s > cap_bytes)
		return NULL;
	if (budget == 0)
		return NULL;
	if (budget > 0)
		budget--;
	return calloc(s, 1);
}

static void *limited_realloc(void *p, ExifLong s)
{
	if (cap_bytes && s > cap_bytes)
		return NULL;
	return realloc(p, s);
}

static void limited_free(void *p)
{
	free(p);
}

/* A JPEG start: SOI, then APP1 with the Exif header, a TIFF header and an
 * empty IFD 0. */
static size_t jpeg_exif(unsigned char *b, unsigned int app1_len)
{
	static const unsigned char tiff[] = {
		'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,  /* TIFF header, IFD 0 at 8 */
		0x00, 0x00,                                   /* IFD 0: no entries */
		0x00, 0x00, 0x00, 0x00,                       /* no IFD 1 */
	};
	size_t n = 0;
	b[n++] = 0xff; b[n++] = 0xd8;                     /* SOI */
	b[n++] = 0xff; b[n++] = 0xe1;                     /* APP1 */
	b[n++] = app1_len >> 8; b[n++] = app1_len & 0xff;
	memcpy(b + n, "Exif\0\0", 6); n += 6;
	memcpy(b + n, tiff, sizeof tiff); n += sizeof tiff;
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: loader png|memcap|budget N|missing\n");
		return 2;
	}
	if (!strcmp(argv[1], "png")) {
		unsigned char png[24] = {
			0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a,
			0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R',
			0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
		};
		ExifLoader *l = exif_loader_new();
		unsigned char r = exif_loader_write(l, png, sizeof png);
		ExifData *ed = exif_loader_get_data(l);
		printf("exif_loader_write: %u, exif_loader_get_data: %p\n", r, (void *) ed);
		if (ed)
			exif_data_unref(ed);
		exif_loader_unref(l);
		return ed ? 0 : 1;
	}
	if (!strcmp(argv[1], "memcap")) {
		unsigned char buf[64];
		size_t n;
		ExifMem *mem;
		ExifLoader *l;
		unsigned char r;

		cap_bytes = 1024;
		mem = exif_mem_new(limited_alloc, limited_realloc, limited_free);
		l = exif_loader_new_mem(mem);
		memset(buf, 0, sizeof buf);
		n = jpeg_exif(buf, 0x2000);
		(void) n;
		r = exif_loader_write(l, buf, sizeof buf);
		printf("exif_loader_write: %u\n", r);
		exif_loader_unref(l);
		exif_mem_unref(mem);
		return r ? 0 : 1;
	}
	if (!strcmp(argv[1], "budget") && argc > 2) {
		unsigned char buf[64];
		size_t n;
		ExifMem *mem;
		ExifLoader *l;
		ExifData *ed;
		unsigned char r;

		budget = strtol(argv[2], NULL, 0);
		mem = exif_mem_new(limited_alloc, limited_realloc, limited_free);
		l = exif_loader_new_mem(mem);
		memset(buf, 0, sizeof buf);
		n = jpeg_exif(buf, 2 + 6 + 14);
		r = exif_loader_write(l, buf, n);
		ed = exif_loader_get_data(l);
		printf("exif_loader_write: %u, exif_loader_get_data: %p\n", r, (void *) ed);
		if (ed)
			exif_data_unref(ed);
		exif_loader_unref(l);
		exif_mem_unref(mem);
		return ed ? 0 : 1;
	}
	if (!strcmp(argv[1], "missing")) {
		ExifData *ed = exif_data_new_from_file("/tmp/errtrail-libexif-missing/none.jpg");
		printf("exif_data_new_from_file: %p\n", (void *) ed);
		if (ed)
			exif_data_unref(ed);
		return ed ? 0 : 1;
	}
	fprintf(stderr, "unknown scenario %s\n", argv[1]);
	return 2;
}
