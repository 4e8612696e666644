/* realworld corpus driver: lcms2 tone curves.
 *
 * gamma entries             cmsBuildTabulatedToneCurve16(NULL, 70000, NULL): more than the
 *                           65530 entries a tabulated curve may have
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
	cmsToneCurve *c;

	cmsSetLogErrorHandler(log_error);
	if (strcmp(what, "entries")) {
		fprintf(stderr, "usage: gamma entries\n");
		return 2;
	}
	c = cmsBuildTabulatedToneCurve16(NULL, 70000, NULL);
	printf("cmsBuildTabulatedToneCurve16 = %p\n", c);
	if (c) cmsFreeToneCurve(c);
	return c == NULL;
}
