/* realworld corpus driver: libidn2 conversions of bad domain names and labels.
 * Strings are given with %XX escapes for bytes outside ASCII (decoded here), so that
 * they survive the command line; "-" stands for NULL.
 *   idn lookup STR FLAGS            idn2_lookup_u8(STR, &out, FLAGS)
 *   idn lookupul STR FLAGS          idn2_lookup_ul(STR, &out, FLAGS) in the C locale
 *   idn register ULABEL ALABEL FLAGS  idn2_register_u8(ULABEL, ALABEL, &out, FLAGS)
 *   idn unicode STR                 idn2_to_unicode_8z4z(STR, &out, 0)
 *   idn ascii4i STR FLAGS           idn2_to_ascii_4i(STR as UCS-4, len, buf, FLAGS)
 * Each prints the return code.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <idn2.h>
#include <unistr.h>

/* idn2_to_ascii_4i is deprecated, and called on purpose */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* %XX-decoded copy of s, or NULL for "-" */
static char *unescape(const char *s)
{
	char *out, *o;

	if (!strcmp(s, "-"))
		return NULL;
	out = o = malloc(strlen(s) + 1);
	if (out == NULL)
		exit(2);
	while (*s) {
		if (s[0] == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			*o++ = (char) (hexval(s[1]) * 16 + hexval(s[2]));
			s += 3;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

int main(int argc, char **argv)
{
	int rc;

	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "lookup") && argc > 3) {
		uint8_t *out = NULL;

		rc = idn2_lookup_u8((uint8_t *) unescape(argv[2]), &out, atoi(argv[3]));
		printf("%d %s\n", rc, out ? (char *) out : "(null)");
	} else if (!strcmp(argv[1], "lookupul") && argc > 3) {
		char *out = NULL;

		rc = idn2_lookup_ul(unescape(argv[2]), &out, atoi(argv[3]));
		printf("%d %s\n", rc, out ? out : "(null)");
	} else if (!strcmp(argv[1], "register") && argc > 4) {
		uint8_t *out = NULL;

		rc = idn2_register_u8((uint8_t *) unescape(argv[2]), (uint8_t *) unescape(argv[3]),
				      &out, atoi(argv[4]));
		printf("%d %s\n", rc, out ? (char *) out : "(null)");
	} else if (!strcmp(argv[1], "unicode")) {
		uint32_t *out = NULL;

		rc = idn2_to_unicode_8z4z(unescape(argv[2]), &out, 0);
		printf("%d\n", rc);
	} else if (!strcmp(argv[1], "ascii4i") && argc > 3) {
		char *s = unescape(argv[2]);
		char buf[128] = "";
		size_t len = 0;
		uint32_t *u32 = u8_to_u32((uint8_t *) s, strlen(s), NULL, &len);

		if (u32 == NULL)
			return 2;
		rc = idn2_to_ascii_4i(u32, len, buf, atoi(argv[3]));
		printf("%d %s\n", rc, buf);
	} else {
		return 2;
	}
	return 0;
}
