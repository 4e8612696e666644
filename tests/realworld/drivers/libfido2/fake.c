/* realworld corpus driver: a CTAPHID device made of the driver's own I/O functions.
 *
 * fake MODE [HEX]: hands fido_dev_set_io_functions() an open/close/read/write set that plays
 * a FIDO device in memory (64-byte HID reports, no report IDs on input), then:
 *   nonce      the CTAPHID_INIT reply echoes the nonce with its first byte flipped:
 *              fido_dev_open() fails
 *   info HEX   the INIT reply is right (channel 0x01020304, capability flags 0, so the open
 *              sends no GetInfo), then fido_dev_get_cbor_info() gets HEX (status byte and
 *              CBOR, at most 57 bytes) as the CTAPHID_CBOR reply
 * No hardware is used.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fido.h>

#define REPORT 64

static unsigned char pending[REPORT];
static int have_pending;
static const char *mode;
static unsigned char reply[64];
static size_t reply_len;
static const unsigned char cid[4] = { 0x01, 0x02, 0x03, 0x04 };

static void *fake_open(const char *path)
{
	static int handle;

	(void)path;
	return &handle;
}

static void fake_close(void *h)
{
	(void)h;
}

/* buf[0] is the report ID, buf[1..4] the channel, buf[5] the command, buf[6..7] the length */
static int fake_write(void *h, const unsigned char *buf, size_t len)
{
	(void)h;
	memset(pending, 0, sizeof(pending));
	if (len != REPORT + 1)
		return -1;
	if (buf[5] == 0x86) {			/* CTAPHID_INIT */
		memset(pending, 0xff, 4);
		pending[4] = 0x86;
		pending[5] = 0;
		pending[6] = 17;
		memcpy(pending + 7, buf + 8, 8);	/* the nonce */
		if (strcmp(mode, "nonce") == 0)
			pending[7] ^= 0xff;
		memcpy(pending + 15, cid, 4);
		pending[19] = 2;			/* CTAPHID protocol */
		pending[20] = 1;			/* major, minor, build */
		pending[23] = 0;			/* capabilities: no CBOR */
	} else if (buf[5] == 0x90) {		/* CTAPHID_CBOR */
		memcpy(pending, cid, 4);
		pending[4] = 0x90;
		pending[5] = (unsigned char)(reply_len >> 8);
		pending[6] = (unsigned char)reply_len;
		memcpy(pending + 7, reply, reply_len);
	} else {
		return -1;
	}
	have_pending = 1;
	return (int)len;
}

static int fake_read(void *h, unsigned char *buf, size_t len, int ms)
{
	(void)h;
	(void)ms;
	if (!have_pending || len != REPORT)
		return -1;
	memcpy(buf, pending, REPORT);
	have_pending = 0;
	return REPORT;
}

static int unhex(const char *s, unsigned char *out, size_t max)
{
	size_t n = strlen(s) / 2;

	if (strlen(s) % 2 || n > max)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned int b;
		if (sscanf(s + 2 * i, "%2x", &b) != 1)
			return -1;
		out[i] = (unsigned char)b;
	}
	return (int)n;
}

int main(int argc, char **argv)
{
	const fido_dev_io_t io = { fake_open, fake_close, fake_read, fake_write };
	fido_dev_t *dev;
	fido_cbor_info_t *ci;
	int r, n;

	mode = argc > 1 ? argv[1] : "nonce";
	if (strcmp(mode, "info") == 0) {
		if (argc < 3 || (n = unhex(argv[2], reply, REPORT - 7)) < 0) {
			fprintf(stderr, "info needs HEX of at most 57 bytes\n");
			return 2;
		}
		reply_len = (size_t)n;
	} else if (strcmp(mode, "nonce") != 0) {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}

	fido_init(0);
	if ((dev = fido_dev_new()) == NULL || fido_dev_set_io_functions(dev, &io) != FIDO_OK) {
		fprintf(stderr, "fido_dev_new/set_io_functions failed\n");
		return 2;
	}
	r = fido_dev_open(dev, "fake");
	printf("fido_dev_open = %d (%s)\n", r, fido_strerr(r));
	if (r == FIDO_OK && strcmp(mode, "info") == 0) {
		if ((ci = fido_cbor_info_new()) == NULL)
			return 2;
		r = fido_dev_get_cbor_info(dev, ci);
		printf("fido_dev_get_cbor_info = %d (%s)\n", r, fido_strerr(r));
		fido_cbor_info_free(&ci);
		fido_dev_close(dev);
	}
	fido_dev_free(&dev);
	return 0;
}
