/* realworld corpus driver: libsndfile files opened for writing with bad parameters.
 *
 * write NAME FORMAT CHANNELS RATE: sf_open() of /tmp/errtrail-libsndfile-NAME (removed
 *   first) with SFM_WRITE and an SF_INFO of that format (SF_FORMAT_* bits, hex or
 *   decimal), channel count and sample rate.
 * string NAME FORMAT TYPE TEXT: the same open with 1 channel at 8000 Hz, which must
 *   succeed, then sf_set_string(sf, TYPE, TEXT) once (TYPE: SF_STR_* number).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sndfile.h>

static SNDFILE *open_write(const char *name, const char *format, int channels, int rate)
{
	char path[256];
	SF_INFO info;
	SNDFILE *sf;
	int err;

	memset(&info, 0, sizeof(info));
	info.format = (int)strtol(format, NULL, 0);
	info.channels = channels;
	info.samplerate = rate;
	snprintf(path, sizeof(path), "/tmp/errtrail-libsndfile-%s", name);
	unlink(path);
	sf = sf_open(path, SFM_WRITE, &info);
	err = sf_error(NULL);
	printf("%s format 0x%x: %s, sf_error %d (%s)\n", path, (unsigned)info.format,
	       sf ? "opened" : "NULL", err, sf_error_number(err));
	return sf;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	SNDFILE *sf;

	if (strcmp(mode, "write") == 0 && argc >= 6) {
		sf = open_write(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]));
		if (sf)
			sf_close(sf);
	} else if (strcmp(mode, "string") == 0 && argc >= 6) {
		int rc;

		sf = open_write(argv[2], argv[3], 1, 8000);
		if (!sf)
			return 1;
		rc = sf_set_string(sf, (int)strtol(argv[4], NULL, 0), argv[5]);
		printf("sf_set_string(%s, %s): %d (%s)\n", argv[4], argv[5], rc, sf_error_number(rc));
		sf_close(sf);
	} else {
		fprintf(stderr, "usage: write NAME FORMAT CHANNELS RATE | string NAME FORMAT TYPE TEXT\n");
		return 2;
	}
	return 0;
}
