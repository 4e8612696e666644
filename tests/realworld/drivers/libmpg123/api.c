/* realworld corpus driver: libmpg123's parameter, format and string helpers (no stream).
 *
 * api par_rva VAL           mpg123_par(mp, MPG123_RVA, VAL, 0) on fresh mpg123_new_pars()
 * api fmt2 RATE             mpg123_fmt2(mp, RATE, MPG123_STEREO, MPG123_ENC_SIGNED_16)
 * api fmt_support RATE      mpg123_fmt_support(mp, RATE, MPG123_ENC_SIGNED_16)
 * api grow SIZE             mpg123_grow_string() of a string holding "abc" to SIZE bytes
 * api set_null              mpg123_set_string(sb, NULL) on a string holding "abc"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mpg123.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int err = MPG123_OK;
	int r;

	mpg123_init();
	if (!strcmp(mode, "par_rva") || !strcmp(mode, "fmt2") || !strcmp(mode, "fmt_support")) {
		mpg123_pars *mp = mpg123_new_pars(&err);
		if (!mp || argc < 3) {
			fprintf(stderr, "mpg123_new_pars: %d\n", err);
			return 2;
		}
		if (!strcmp(mode, "par_rva"))
			r = mpg123_par(mp, MPG123_RVA, atol(argv[2]), 0);
		else if (!strcmp(mode, "fmt2"))
			r = mpg123_fmt2(mp, atol(argv[2]), MPG123_STEREO, MPG123_ENC_SIGNED_16);
		else
			r = mpg123_fmt_support(mp, atol(argv[2]), MPG123_ENC_SIGNED_16);
		printf("%s: %d (%s)\n", mode, r, mpg123_plain_strerror(r));
		mpg123_delete_pars(mp);
	} else if (!strcmp(mode, "grow") || !strcmp(mode, "set_null")) {
		mpg123_string *sb = mpg123_new_string("abc");
		if (!sb) {
			fprintf(stderr, "mpg123_new_string failed\n");
			return 2;
		}
		if (!strcmp(mode, "grow") && argc > 2)
			r = mpg123_grow_string(sb, (size_t)strtoull(argv[2], NULL, 0));
		else
			r = mpg123_set_string(sb, NULL);
		printf("%s: %d (size %zu fill %zu)\n", mode, r, sb->size, sb->fill);
		mpg123_delete_string(sb);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	return 0;
}
