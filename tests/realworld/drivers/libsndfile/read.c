/* realworld corpus driver: libsndfile opening malformed sound files for reading.
 *
 * read NAME HEX [LEN]: writes the bytes HEX gives (':' separators ignored), padded
 *   with zero bytes to LEN bytes if LEN is given, to /tmp/errtrail-libsndfile-NAME
 *   (afresh), then sf_open()s it with SFM_READ and a zeroed SF_INFO.
 * longname N: sf_open() (SFM_READ) of a path of N characters under /tmp that is
 *   never created ("/tmp/errtrail-libsndfile-" then 'a's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sndfile.h>

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

static size_t unhex(const char *hex, unsigned char *out, size_t max)
{
	size_t n = 0;

	while (*hex) {
		int hi, lo;

		if (*hex == ':' || *hex == '.') {
			hex++;
			continue;
		}
		hi = hexval(hex[0]);
		lo = hex[1] ? hexval(hex[1]) : -1;
		if (hi < 0 || lo < 0 || n >= max) {
			fprintf(stderr, "bad hex at '%s'\n", hex);
			exit(2);
		}
		out[n++] = (unsigned char)(hi << 4 | lo);
		hex += 2;
	}
	return n;
}

static void report(const char *what, SNDFILE *sf)
{
	int err = sf_error(NULL);

	printf("%s: %s, sf_error %d (%s)\n", what, sf ? "opened" : "NULL", err,
	       sf_error_number(err));
	if (!sf) {
		char log[4096];

		/* the parse log of the failed open */
		sf_command(NULL, SFC_GET_LOG_INFO, log, sizeof(log));
		fputs(log, stdout);
	} else
		sf_close(sf);
}

int main(int argc, char **argv)
{
	static unsigned char buf[8192];
	const char *mode = argc > 1 ? argv[1] : "";
	SF_INFO info;
	SNDFILE *sf;

	memset(&info, 0, sizeof(info));
	if (strcmp(mode, "read") == 0 && argc >= 4) {
		char path[256];
		size_t len = unhex(argv[3], buf, sizeof(buf));
		FILE *f;

		if (argc > 4) {
			size_t pad = strtoul(argv[4], NULL, 0);

			if (pad > sizeof(buf)) {
				fprintf(stderr, "pad too big\n");
				return 2;
			}
			if (pad > len) {
				memset(buf + len, 0, pad - len);
				len = pad;
			}
		}
		snprintf(path, sizeof(path), "/tmp/errtrail-libsndfile-%s", argv[2]);
		unlink(path);
		f = fopen(path, "wb");
		if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
			perror(path);
			return 2;
		}
		sf = sf_open(path, SFM_READ, &info);
		report(path, sf);
	} else if (strcmp(mode, "longname") == 0 && argc >= 3) {
		size_t n = strtoul(argv[2], NULL, 0);
		char *path = malloc(n + 1);
		const char *prefix = "/tmp/errtrail-libsndfile-";

		if (!path || n < strlen(prefix)) {
			fprintf(stderr, "bad length\n");
			return 2;
		}
		memset(path, 'a', n);
		memcpy(path, prefix, strlen(prefix));
		path[n] = 0;
		sf = sf_open(path, SFM_READ, &info);
		report("longname", sf);
		free(path);
	} else {
		fprintf(stderr, "usage: read NAME HEX [LEN] | longname N\n");
		return 2;
	}
	return 0;
}
