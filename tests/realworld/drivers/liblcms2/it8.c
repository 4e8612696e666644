/* realworld corpus driver: lcms2's CGATS/IT8 container.
 *
 * it8 settable              cmsIT8SetTable(h, 3) on a new container, which has one table
 * it8 fields                cmsIT8LoadFromMem() of a sheet whose DATA_FORMAT names 3 fields
 *                           after NUMBER_OF_FIELDS 2
 */
#include <stdio.h>
#include <string.h>
#include <lcms2.h>

static void log_error(cmsContext ctx, cmsUInt32Number code, const char *text)
{
	(void)ctx;
	fprintf(stderr, "lcms error %u: %s\n", code, text);
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	cmsHANDLE h;

	cmsSetLogErrorHandler(log_error);
	if (!strcmp(what, "settable")) {
		int r;
		h = cmsIT8Alloc(NULL);
		r = cmsIT8SetTable(h, 3);
		printf("cmsIT8SetTable = %d\n", r);
		cmsIT8Free(h);
		return r < 0;
	}
	if (!strcmp(what, "fields")) {
		static const char sheet[] =
			"IT8.7/2\n"
			"NUMBER_OF_FIELDS 2\n"
			"BEGIN_DATA_FORMAT\n"
			"SAMPLE_ID RGB_R RGB_G\n"
			"END_DATA_FORMAT\n";
		h = cmsIT8LoadFromMem(NULL, sheet, sizeof sheet - 1);
		printf("cmsIT8LoadFromMem = %p\n", h);
		if (h) cmsIT8Free(h);
		return h == NULL;
	}
	fprintf(stderr, "usage: it8 settable|fields\n");
	return 2;
}
