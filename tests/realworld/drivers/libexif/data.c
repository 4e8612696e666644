/* libexif driver: ExifData loaded from Exif blobs the driver puts together
 * (the Exif header, a little-endian TIFF header and IFDs), as an application
 * gets them out of a JPEG's APP1 segment.
 *
 *   data empty          IFD 0: Orientation (SHORT, 1), then Make (ASCII) with 0
 *                       components
 *   data offset         IFD 0: Orientation (SHORT, 1), then Make (ASCII, 16 bytes)
 *                       whose data offset 0x1000 is past the 38-byte TIFF data
 *   data fuji IDX LEN   IFD 0 points to an Exif IFD holding a 30-byte Fujifilm
 *                       MakerNote ("FUJIFILM", one Quality entry "NORM"); asks
 *                       exif_mnote_data_get_value() for entry IDX into a buffer of
 *                       LEN bytes
 *   data newmem N       exif_data_new_mem() with an ExifMem that allows only N
 *                       allocations in all (an application's memory budget)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libexif/exif-data.h>
#include <libexif/exif-mem.h>
#include <libexif/exif-mnote-data.h>

static unsigned char blob[256];
static size_t blob_len;

static void put16(size_t off, unsigned v)
{
	blob[6 + off] = v & 0xff;
	blob[6 + off + 1] = (v >> 8) & 0xff;
}

static void put32(size_t off, unsigned long v)
{
	put16(off, v & 0xffff);
	put16(off + 2, (v >> 16) & 0xffff);
}

/* one 12-byte IFD entry at TIFF offset off */
static void entry(size_t off, unsigned tag, unsigned fmt, unsigned long n, unsigned long value)
{
	put16(off, tag);
	put16(off + 2, fmt);
	put32(off + 4, n);
	put32(off + 8, value);
}

/* "Exif\0\0" and the TIFF header "II*\0", IFD 0 at offset 8 */
static void header(size_t tiff_len)
{
	memset(blob, 0, sizeof blob);
	memcpy(blob, "Exif\0\0", 6);
	memcpy(blob + 6, "II\x2a\0", 4);
	put32(4, 8);
	blob_len = 6 + tiff_len;
}

static long budget = -1;

static void *budget_alloc(ExifLong s)
{
	if (budget == 0)
		return NULL;
	if (budget > 0)
		budget--;
	return calloc(s, 1);
}

static void *budget_realloc(void *p, ExifLong s)
{
	return realloc(p, s);
}

static void budget_free(void *p)
{
	free(p);
}

int main(int argc, char **argv)
{
	ExifData *ed;

	if (argc < 2) {
		fprintf(stderr, "usage: data empty|offset|fuji IDX LEN|newmem N\n");
		return 2;
	}
	if (!strcmp(argv[1], "empty") || !strcmp(argv[1], "offset")) {
		int empty = !strcmp(argv[1], "empty");
		ExifEntry *e;

		header(8 + 2 + 2 * 12 + 4);
		put16(8, 2);                                    /* IFD 0: 2 entries */
		entry(10, 0x0112, EXIF_FORMAT_SHORT, 1, 1);     /* Orientation = 1 */
		if (empty)
			entry(22, 0x010f, EXIF_FORMAT_ASCII, 0, 0); /* Make, no components */
		else
			entry(22, 0x010f, EXIF_FORMAT_ASCII, 16, 0x1000);
		put32(34, 0);                                   /* no IFD 1 */
		ed = exif_data_new_from_data(blob, blob_len);
		e = exif_data_get_entry(ed, EXIF_TAG_MAKE);
		printf("Make entry: %p, Orientation entry: %p\n", (void *) e,
		       (void *) exif_data_get_entry(ed, EXIF_TAG_ORIENTATION));
		exif_data_unref(ed);
		return e ? 0 : 1;
	}
	if (!strcmp(argv[1], "fuji") && argc > 3) {
		unsigned int idx = strtoul(argv[2], NULL, 0);
		unsigned int len = strtoul(argv[3], NULL, 0);
		char val[64];
		const char *r;
		ExifMnoteData *md;
		size_t mn = 44;                                 /* MakerNote at TIFF offset 44 */

		header(mn + 30);
		put16(8, 1);                                    /* IFD 0: 1 entry */
		entry(10, 0x8769, EXIF_FORMAT_LONG, 1, 26);     /* ExifIfdPointer -> 26 */
		put32(22, 0);
		put16(26, 1);                                   /* Exif IFD: 1 entry */
		entry(28, 0x927c, EXIF_FORMAT_UNDEFINED, 30, mn); /* MakerNote, 30 bytes */
		put32(40, 0);
		memcpy(blob + 6 + mn, "FUJIFILM", 8);
		put32(mn + 8, 12);                              /* its IFD at +12 */
		put16(mn + 12, 1);                              /* 1 entry */
		put16(mn + 14, 0x1000);                         /* Quality */
		put16(mn + 16, EXIF_FORMAT_ASCII);
		put32(mn + 18, 4);
		memcpy(blob + 6 + mn + 22, "NORM", 4);
		put32(mn + 26, 0);
		ed = exif_data_new_from_data(blob, blob_len);
		md = exif_data_get_mnote_data(ed);
		if (len > sizeof val)
			len = sizeof val;
		r = exif_mnote_data_get_value(md, idx, val, len);
		printf("MakerNote: %p, %u entries, value %u: %s\n", (void *) md,
		       exif_mnote_data_count(md), idx, r ? r : "(null)");
		exif_data_unref(ed);
		return r ? 0 : 1;
	}
	if (!strcmp(argv[1], "newmem") && argc > 2) {
		ExifMem *mem;

		budget = strtol(argv[2], NULL, 0);
		mem = exif_mem_new(budget_alloc, budget_realloc, budget_free);
		ed = exif_data_new_mem(mem);
		printf("exif_data_new_mem: %p\n", (void *) ed);
		if (ed)
			exif_data_unref(ed);
		exif_mem_unref(mem);
		return ed ? 0 : 1;
	}
	fprintf(stderr, "unknown scenario %s\n", argv[1]);
	return 2;
}
