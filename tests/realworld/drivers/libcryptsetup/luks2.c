/* realworld corpus driver: libcryptsetup on LUKS2 binary headers written into plain files.
 *
 * luks2 MODE: writes /tmp/errtrail-libcryptsetup-luks2-MODE.img, a 64 KiB sparse file
 * whose first 4096 bytes are a LUKS2 binary header (magic, version 2, hdr_offset 0,
 * checksum "sha256", JSON area "{}") as MODE says, makes a context for it
 * (crypt_init) and calls crypt_load(cd, CRYPT_LUKS2, NULL). MODE: hdrsize (hdr_size
 * 4096, under the 16 KiB minimum), csum (hdr_size 16384 but an all-zero checksum).
 * No secondary header is written, so every secondary candidate lacks its magic.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libcryptsetup.h>

static unsigned char hdr[4096 + 16];

static void be64(size_t off, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		hdr[off + i] = v >> (56 - 8 * i);
}

/* offsets in struct luks2_hdr_disk */
#define O_VERSION 6
#define O_HDR_SIZE 8
#define O_SEQID 16
#define O_CSUM_ALG 72
#define O_UUID 168
#define O_HDR_OFFSET 256

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "csum";
	struct crypt_device *cd = NULL;
	char path[256];
	uint64_t hdr_size;
	int fd, r;

	if (strcmp(mode, "hdrsize") == 0) {
		hdr_size = 4096;
	} else if (strcmp(mode, "csum") == 0) {
		hdr_size = 16384;
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	memcpy(hdr, "LUKS\xba\xbe", 6);
	hdr[O_VERSION] = 0;
	hdr[O_VERSION + 1] = 2;
	be64(O_HDR_SIZE, hdr_size);
	be64(O_SEQID, 1);
	strcpy((char *)hdr + O_CSUM_ALG, "sha256");
	strcpy((char *)hdr + O_UUID, "6d3c2b1a-0f1e-4d2c-9b8a-7f6e5d4c3b2a");
	be64(O_HDR_OFFSET, 0);
	memcpy(hdr + 4096, "{}", 2);

	snprintf(path, sizeof(path), "/tmp/errtrail-libcryptsetup-luks2-%s.img", mode);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, hdr, sizeof(hdr)) != (ssize_t)sizeof(hdr) ||
	    ftruncate(fd, 64 << 10) || close(fd)) {
		perror(path);
		return 2;
	}

	r = crypt_init(&cd, path);
	if (r < 0) {
		fprintf(stderr, "crypt_init: %d\n", r);
		return 2;
	}
	r = crypt_load(cd, CRYPT_LUKS2, NULL);
	printf("%s: crypt_load %d\n", mode, r);
	crypt_free(cd);
	return 0;
}
