/* realworld corpus driver: libmpg123 handles reading MPEG files.
 *
 * The driver writes the file a scenario reads afresh to /tmp/errtrail-libmpg123-<mode>.mp3:
 * NFRAMES frames of MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, stereo, no CRC (header
 * ff fb 90 00, 417 bytes with the header, body all zeros: silence), after an optional
 * ID3v2 tag and before optional junk.
 *
 * stream missing               mpg123_open() of a file that is not there
 * stream fixed_missing         mpg123_open_fixed(..., MPG123_STEREO, MPG123_ENC_SIGNED_16) of it
 * stream empty_getformat       mpg123_getformat2() on an empty file
 * stream empty_length          mpg123_length() on an empty file
 * stream id3_badlength         ID3v2.4 tag whose size bytes are not synchsafe (00 00 80 00), 3 frames
 * stream id3_exthead           ID3v2.4 tag of 32 bytes with the extended-header flag and an
 *                              extended header size of 128 (synchsafe 00 00 01 00), 3 frames
 * stream resync LIMIT          2 frames then 64 zero bytes, MPG123_RESYNC_LIMIT LIMIT,
 *                              mpg123_decode() until it stops
 * stream outformat RATE        only RATE Hz mono signed 16 bit allowed, no MPG123_AUTO_RESAMPLE,
 *                              3 frames, mpg123_getformat()
 * stream seek_end_pipe         3 frames through a pipe (mpg123_open_fd), mpg123_seek(0, SEEK_END)
 * stream eq_bands A B          mpg123_eq_bands(mh, MPG123_LEFT, A, B, 1.5)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mpg123.h>

#define FRAMESIZE 417

static unsigned char filebuf[65536];
static size_t filelen;

static void put(const void *p, size_t n)
{
	memcpy(filebuf + filelen, p, n);
	filelen += n;
}

static void frames(int n)
{
	static const unsigned char head[4] = {0xff, 0xfb, 0x90, 0x00};
	for (int i = 0; i < n; i++) {
		put(head, 4);
		memset(filebuf + filelen, 0, FRAMESIZE - 4);
		filelen += FRAMESIZE - 4;
	}
}

static const char *writefile(const char *mode)
{
	static char path[256];
	snprintf(path, sizeof(path), "/tmp/errtrail-libmpg123-%s.mp3", mode);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(filebuf, 1, filelen, f) != filelen || fclose(f)) {
		perror(path);
		exit(2);
	}
	return path;
}

int main(int argc, char **argv)
{
	mpg123_handle *mh;
	int err = MPG123_OK;
	const char *mode = argc > 1 ? argv[1] : "";
	long rate;
	int channels, encoding;

	mpg123_init();
	mh = mpg123_new(NULL, &err);
	if (!mh) {
		fprintf(stderr, "mpg123_new: %s\n", mpg123_plain_strerror(err));
		return 2;
	}

	if (!strcmp(mode, "missing") || !strcmp(mode, "fixed_missing")) {
		const char *path = "/tmp/errtrail-libmpg123-missing.mp3";
		unlink(path);
		if (!strcmp(mode, "missing"))
			err = mpg123_open(mh, path);
		else
			err = mpg123_open_fixed(mh, path, MPG123_STEREO, MPG123_ENC_SIGNED_16);
		printf("open: %d (%s)\n", err, mpg123_strerror(mh));
	} else if (!strcmp(mode, "empty_getformat") || !strcmp(mode, "empty_length")) {
		err = mpg123_open(mh, writefile(mode));
		printf("open: %d\n", err);
		if (!strcmp(mode, "empty_getformat")) {
			err = mpg123_getformat2(mh, &rate, &channels, &encoding, 1);
			printf("getformat2: %d (%s)\n", err, mpg123_plain_strerror(err));
		} else {
			off_t len = mpg123_length(mh);
			printf("length: %ld (%s)\n", (long)len, mpg123_plain_strerror((int)len));
		}
	} else if (!strcmp(mode, "id3_badlength") || !strcmp(mode, "id3_exthead")) {
		if (!strcmp(mode, "id3_badlength")) {
			static const unsigned char tag[10] = {'I', 'D', '3', 4, 0, 0x00, 0x00, 0x00, 0x80, 0x00};
			put(tag, sizeof(tag));
		} else {
			static const unsigned char tag[10] = {'I', 'D', '3', 4, 0, 0x40, 0x00, 0x00, 0x00, 0x20};
			unsigned char body[32] = {0x00, 0x00, 0x01, 0x00, 0x01, 0x00};
			put(tag, sizeof(tag));
			put(body, sizeof(body));
		}
		frames(3);
		err = mpg123_open(mh, writefile(mode));
		printf("open: %d\n", err);
		err = mpg123_getformat(mh, &rate, &channels, &encoding);
		printf("getformat: %d rate %ld channels %d\n", err, rate, channels);
	} else if (!strcmp(mode, "resync") && argc > 2) {
		static unsigned char out[1152 * 2 * 2];
		static const unsigned char junk[64];
		size_t done;
		err = mpg123_param(mh, MPG123_RESYNC_LIMIT, atol(argv[2]), 0);
		printf("param: %d\n", err);
		frames(2);
		put(junk, sizeof(junk));
		err = mpg123_open(mh, writefile(mode));
		printf("open: %d\n", err);
		do {
			err = mpg123_decode(mh, NULL, 0, out, sizeof(out), &done);
			printf("decode: %d, %zu bytes\n", err, done);
		} while (err == MPG123_OK || err == MPG123_NEW_FORMAT);
		printf("error: %s\n", mpg123_strerror(mh));
	} else if (!strcmp(mode, "outformat") && argc > 2) {
		err = mpg123_param(mh, MPG123_REMOVE_FLAGS, MPG123_AUTO_RESAMPLE, 0);
		printf("param: %d\n", err);
		err = mpg123_format_none(mh);
		printf("format_none: %d\n", err);
		err = mpg123_format(mh, atol(argv[2]), MPG123_MONO, MPG123_ENC_SIGNED_16);
		printf("format: %d\n", err);
		frames(3);
		err = mpg123_open(mh, writefile(mode));
		printf("open: %d\n", err);
		err = mpg123_getformat(mh, &rate, &channels, &encoding);
		printf("getformat: %d (%s)\n", err, mpg123_strerror(mh));
	} else if (!strcmp(mode, "seek_end_pipe")) {
		int fds[2];
		off_t pos;
		frames(3);
		if (pipe(fds) || write(fds[1], filebuf, filelen) != (ssize_t)filelen) {
			perror("pipe");
			return 2;
		}
		close(fds[1]);
		err = mpg123_open_fd(mh, fds[0]);
		printf("open_fd: %d\n", err);
		pos = mpg123_seek(mh, 0, SEEK_END);
		printf("seek: %ld (%s)\n", (long)pos, mpg123_strerror(mh));
		close(fds[0]);
	} else if (!strcmp(mode, "eq_bands") && argc > 3) {
		err = mpg123_eq_bands(mh, MPG123_LEFT, atoi(argv[2]), atoi(argv[3]), 1.5);
		printf("eq_bands: %d (%s)\n", err, mpg123_strerror(mh));
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	mpg123_delete(mh);
	return 0;
}
