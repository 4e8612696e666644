/* realworld corpus driver: libtomcrypt's base64 and DER UTF8String codecs.
 *
 * codec b64 relaxed|strict TEXT OUTLEN: base64_decode() / base64_strict_decode() of TEXT
 *   into a buffer of OUTLEN bytes.
 * codec utf8 HEX OUTLEN: der_decode_utf8_string() of the DER bytes HEX into OUTLEN wchar_t.
 * codec utf8len CP...: der_length_utf8_string() of the code points CP (hex), which checks
 *   each with der_utf8_valid_char().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <tomcrypt.h>

static unsigned long unhex(const char *s, unsigned char *buf, unsigned long max)
{
	unsigned long n = 0;
	unsigned int b;

	while (s[0] && s[1] && n < max && sscanf(s, "%2x", &b) == 1) {
		buf[n++] = (unsigned char)b;
		s += 2;
	}
	return n;
}

int main(int argc, char **argv)
{
	unsigned char buf[1024];
	unsigned long outlen, n;
	int rc, i;

	if (argc == 5 && !strcmp(argv[1], "b64")) {
		outlen = strtoul(argv[4], NULL, 0);
		if (outlen > sizeof(buf))
			return 2;
		if (!strcmp(argv[2], "strict"))
			rc = base64_strict_decode((const unsigned char *)argv[3], strlen(argv[3]), buf, &outlen);
		else
			rc = base64_decode((const unsigned char *)argv[3], strlen(argv[3]), buf, &outlen);
		printf("base64 %s: %d (%s)\n", argv[2], rc, error_to_string(rc));
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "utf8")) {
		wchar_t w[64];

		n = unhex(argv[2], buf, sizeof(buf));
		outlen = strtoul(argv[3], NULL, 0);
		if (outlen > 64)
			return 2;
		rc = der_decode_utf8_string(buf, n, w, &outlen);
		printf("der_decode_utf8_string: %d (%s)\n", rc, error_to_string(rc));
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "utf8len")) {
		wchar_t w[64];

		for (i = 2; i < argc && i - 2 < 64; i++)
			w[i - 2] = (wchar_t)strtol(argv[i], NULL, 16);
		rc = der_length_utf8_string(w, (unsigned long)(i - 2), &outlen);
		printf("der_length_utf8_string: %d (%s)\n", rc, error_to_string(rc));
		return 0;
	}
	fprintf(stderr, "usage: codec b64 relaxed|strict TEXT OUTLEN | utf8 HEX OUTLEN | utf8len CP...\n");
	return 2;
}
