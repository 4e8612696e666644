/* realworld corpus driver: lcms2 opening ICC profiles and reading their tags.
 *
 * profile missing           cmsOpenProfileFromFile() of a file that does not exist
 *                           (/tmp/errtrail-liblcms2-profile/missing.icc, removed first)
 * profile mode              cmsOpenProfileFromFile(..., "rw"): two access modes
 * profile magic             cmsOpenProfileFromMem() of 200 bytes starting with a PNG
 *                           signature (no "acsp" at offset 36)
 * profile version           cmsOpenProfileFromMem() of a header claiming version 6.0
 * profile dup               cmsOpenProfileFromMem() of a profile with two "wtpt" tags
 * profile truncated         cmsOpenProfileFromMem() of a 128-byte header with no tag count
 * profile tagsmall          cmsReadTag(rTRC) of a profile whose rTRC tag is 4 bytes long
 * profile curvecount        cmsReadTag(rTRC) of a "curv" tag with 0x8000 entries
 * profile curvetable        cmsReadTag(rTRC) of a "curv" tag with 4 entries whose table is
 *                           cut off at the end of the profile
 * profile paratype          cmsReadTag(rTRC) of a "para" tag of function type 7
 *
 * The in-memory profiles are built here: a 128-byte header (display class, RGB, XYZ PCS,
 * version 4.3 unless said otherwise), the tag count, the tag table, then the tag data.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <lcms2.h>

static unsigned char buf[1024];
static size_t len;

static void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static void put_u16(unsigned char *p, uint16_t v)
{
	p[0] = v >> 8; p[1] = v;
}

static void header(uint32_t version)
{
	memset(buf, 0, sizeof buf);
	put_u32(buf + 8, version);
	memcpy(buf + 12, "mntr", 4);
	memcpy(buf + 16, "RGB ", 4);
	memcpy(buf + 20, "XYZ ", 4);
	memcpy(buf + 36, "acsp", 4);
	len = 128;
}

/* a tag table of n entries, followed by the data; returns where the data starts */
static size_t tags(uint32_t n)
{
	put_u32(buf + 128, n);
	len = 132 + 12 * n;
	return len;
}

static void entry(int i, const char *sig, uint32_t off, uint32_t size)
{
	unsigned char *e = buf + 132 + 12 * i;
	memcpy(e, sig, 4);
	put_u32(e + 4, off);
	put_u32(e + 8, size);
}

static void finish(void)
{
	put_u32(buf, (uint32_t)len);
}

static int read_trc(void)
{
	cmsHPROFILE h;
	void *t;

	finish();
	h = cmsOpenProfileFromMem(buf, (cmsUInt32Number)len);
	if (h == NULL) {
		printf("open failed\n");
		return 1;
	}
	t = cmsReadTag(h, cmsSigRedTRCTag);
	printf("cmsReadTag(rTRC) = %p\n", t);
	cmsCloseProfile(h);
	return t == NULL;
}

static void log_error(cmsContext ctx, cmsUInt32Number code, const char *text)
{
	(void)ctx;
	fprintf(stderr, "lcms error %u: %s\n", code, text);
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	cmsHPROFILE h;
	size_t d;

	cmsSetLogErrorHandler(log_error);

	if (!strcmp(what, "missing") || !strcmp(what, "mode")) {
		const char *dir = "/tmp/errtrail-liblcms2-profile";
		const char *path = "/tmp/errtrail-liblcms2-profile/missing.icc";
		mkdir(dir, 0755);
		unlink(path);
		h = cmsOpenProfileFromFile(path, !strcmp(what, "mode") ? "rw" : "r");
		printf("cmsOpenProfileFromFile = %p\n", h);
		if (h) cmsCloseProfile(h);
		return h == NULL;
	}
	if (!strcmp(what, "magic")) {
		static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
		memset(buf, 0, 200);
		memcpy(buf, png, 8);
		h = cmsOpenProfileFromMem(buf, 200);
		printf("cmsOpenProfileFromMem = %p\n", h);
		return h == NULL;
	}
	if (!strcmp(what, "version") || !strcmp(what, "dup") || !strcmp(what, "truncated")) {
		header(!strcmp(what, "version") ? 0x06000000 : 0x04300000);
		if (!strcmp(what, "version")) {
			tags(0);
		} else if (!strcmp(what, "dup")) {
			d = tags(2);
			entry(0, "wtpt", (uint32_t)d, 20);
			entry(1, "wtpt", (uint32_t)d + 20, 20);
			memcpy(buf + d, "XYZ ", 4);
			memcpy(buf + d + 20, "XYZ ", 4);
			len = d + 40;
		}
		finish();
		h = cmsOpenProfileFromMem(buf, (cmsUInt32Number)len);
		printf("cmsOpenProfileFromMem = %p\n", h);
		if (h) cmsCloseProfile(h);
		return h == NULL;
	}
	if (!strcmp(what, "tagsmall")) {
		header(0x04300000);
		d = tags(1);
		entry(0, "rTRC", (uint32_t)d, 4);
		memcpy(buf + d, "curv", 4);
		len = d + 4;
		return read_trc();
	}
	if (!strcmp(what, "curvecount") || !strcmp(what, "curvetable")) {
		header(0x04300000);
		d = tags(1);
		entry(0, "rTRC", (uint32_t)d, 12);
		memcpy(buf + d, "curv", 4);
		put_u32(buf + d + 8, !strcmp(what, "curvecount") ? 0x8000 : 4);
		len = d + 12;  /* the 4-entry table would need 8 more bytes */
		return read_trc();
	}
	if (!strcmp(what, "paratype")) {
		header(0x04300000);
		d = tags(1);
		entry(0, "rTRC", (uint32_t)d, 16);
		memcpy(buf + d, "para", 4);
		put_u16(buf + d + 8, 7);
		len = d + 16;
		return read_trc();
	}
	fprintf(stderr, "usage: profile missing|mode|magic|version|dup|truncated|tagsmall|curvecount|curvetable|paratype\n");
	return 2;
}
