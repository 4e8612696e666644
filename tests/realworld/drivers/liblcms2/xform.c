/* realworld corpus driver: lcms2 transforms between built-in sRGB profiles.
 *
 * xform format              cmsCreateTransform(sRGB -> sRGB) with an input format of 3
 *                           channels of 3 bytes each (no such formatter), TYPE_RGB_8 output,
 *                           relative colorimetric without black point compensation (so no
 *                           nested transforms for black point detection)
 * xform nprofiles           cmsCreateMultiprofileTransform() of 256 profiles (max 255)
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
	cmsHPROFILE srgb;
	cmsHTRANSFORM x;

	cmsSetLogErrorHandler(log_error);
	srgb = cmsCreate_sRGBProfile();
	if (!strcmp(what, "format")) {
		x = cmsCreateTransform(srgb, CHANNELS_SH(3) | BYTES_SH(3), srgb, TYPE_RGB_8,
				       INTENT_RELATIVE_COLORIMETRIC, 0);
	} else if (!strcmp(what, "nprofiles")) {
		static cmsHPROFILE chain[256];
		for (int i = 0; i < 256; i++)
			chain[i] = srgb;
		x = cmsCreateMultiprofileTransform(chain, 256, TYPE_RGB_8, TYPE_RGB_8,
						   INTENT_PERCEPTUAL, 0);
	} else {
		fprintf(stderr, "usage: xform format|nprofiles\n");
		return 2;
	}
	printf("transform = %p\n", x);
	if (x) cmsDeleteTransform(x);
	cmsCloseProfile(srgb);
	return x == NULL;
}
