/* realworld corpus driver: libcryptsetup on LUKS1 headers written into plain files.
 *
 * luks1 MODE OP [ARG]: writes /tmp/errtrail-libcryptsetup-luks1-MODE.img, a 2 MiB
 * sparse file whose first 592 bytes are a LUKS1 header as MODE says, makes a context
 * for that file (crypt_init) and calls OP. Files only: nothing is activated, no
 * device-mapper or loop device is used.
 *
 * MODE: good (aes xts-plain64, sha256, 32-byte key, keyslots at 8 + 256 * i sectors,
 * 4000 stripes, all disabled, payload at 4096 sectors), garbage (2 MiB of a byte
 * pattern, no header), hash (hashSpec "nohash"), stripes (keyslot 2 has 3999
 * stripes), small (a good header in a 512 KiB file), badactive (keyslot 2's active
 * word is 0x12345678, neither LUKS_KEY_ENABLED nor LUKS_KEY_DISABLED).
 *
 * OP: load (crypt_load(cd, NULL, NULL)), load1 (crypt_load(cd, CRYPT_LUKS1, NULL)),
 * loadtype TYPE (crypt_load(cd, TYPE, NULL)), status N (crypt_load then
 * crypt_keyslot_status(cd, N)), restore (crypt_header_restore(cd, CRYPT_LUKS1, file)
 * onto a fresh 2 MiB zero image /tmp/errtrail-libcryptsetup-luks1-target.img, the
 * MODE file being the backup), restoremissing (the same with a backup file that does
 * not exist).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libcryptsetup.h>

#define PREFIX "/tmp/errtrail-libcryptsetup-luks1-"

static unsigned char hdr[592];

static void be16(size_t off, uint16_t v) { hdr[off] = v >> 8; hdr[off + 1] = v; }
static void be32(size_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		hdr[off + i] = v >> (24 - 8 * i);
}

/* offsets in struct luks_phdr */
#define O_VERSION 6
#define O_CIPHER 8
#define O_MODE 40
#define O_HASH 72
#define O_PAYLOAD 104
#define O_KEYBYTES 108
#define O_DIGEST 112
#define O_DSALT 132
#define O_DITER 164
#define O_UUID 168
#define O_KEYBLOCK(i) (208 + 48 * (i))

static void good_header(void)
{
	memset(hdr, 0, sizeof(hdr));
	memcpy(hdr, "LUKS\xba\xbe", 6);
	be16(O_VERSION, 1);
	strcpy((char *)hdr + O_CIPHER, "aes");
	strcpy((char *)hdr + O_MODE, "xts-plain64");
	strcpy((char *)hdr + O_HASH, "sha256");
	be32(O_PAYLOAD, 4096);
	be32(O_KEYBYTES, 32);
	for (int i = 0; i < 20; i++)
		hdr[O_DIGEST + i] = 0x11 * i;
	for (int i = 0; i < 32; i++)
		hdr[O_DSALT + i] = 0x5a ^ i;
	be32(O_DITER, 1000);
	strcpy((char *)hdr + O_UUID, "6d3c2b1a-0f1e-4d2c-9b8a-7f6e5d4c3b2a");
	for (int i = 0; i < 8; i++) {
		be32(O_KEYBLOCK(i), 0x0000DEAD);          /* LUKS_KEY_DISABLED */
		be32(O_KEYBLOCK(i) + 4, 0);
		be32(O_KEYBLOCK(i) + 40, 8 + 256 * i);    /* keyMaterialOffset */
		be32(O_KEYBLOCK(i) + 44, 4000);           /* stripes */
	}
}

static void write_image(const char *path, const void *data, size_t len, off_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || (len && write(fd, data, len) != (ssize_t)len) || ftruncate(fd, size) ||
	    close(fd)) {
		perror(path);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "good";
	const char *op = argc > 2 ? argv[2] : "load";
	const char *arg = argc > 3 ? argv[3] : NULL;
	char path[256];
	off_t size = 2 << 20;
	struct crypt_device *cd = NULL;
	int r;

	snprintf(path, sizeof(path), PREFIX "%s.img", mode);
	good_header();
	if (strcmp(mode, "good") == 0) {
		;
	} else if (strcmp(mode, "garbage") == 0) {
		for (size_t i = 0; i < sizeof(hdr); i++)
			hdr[i] = (unsigned char)(i * 37 + 11);
	} else if (strcmp(mode, "hash") == 0) {
		memset(hdr + O_HASH, 0, 32);
		strcpy((char *)hdr + O_HASH, "nohash");
	} else if (strcmp(mode, "stripes") == 0) {
		be32(O_KEYBLOCK(2) + 44, 3999);
	} else if (strcmp(mode, "small") == 0) {
		size = 512 << 10;
	} else if (strcmp(mode, "badactive") == 0) {
		be32(O_KEYBLOCK(2), 0x12345678);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	write_image(path, hdr, sizeof(hdr), size);

	if (strcmp(op, "restore") == 0 || strcmp(op, "restoremissing") == 0) {
		const char *target = PREFIX "target.img";
		const char *backup = strcmp(op, "restore") == 0 ? path : PREFIX "none/backup.img";

		write_image(target, NULL, 0, 2 << 20);
		r = crypt_init(&cd, target);
		if (r < 0) {
			fprintf(stderr, "crypt_init: %d\n", r);
			return 2;
		}
		r = crypt_header_restore(cd, CRYPT_LUKS1, backup);
		printf("%s %s: crypt_header_restore %d (%s)\n", mode, op, r,
		       r < 0 ? strerror(-r) : "ok");
		crypt_free(cd);
		return 0;
	}

	r = crypt_init(&cd, path);
	if (r < 0) {
		fprintf(stderr, "crypt_init: %d\n", r);
		return 2;
	}
	if (strcmp(op, "load") == 0) {
		r = crypt_load(cd, NULL, NULL);
	} else if (strcmp(op, "load1") == 0) {
		r = crypt_load(cd, CRYPT_LUKS1, NULL);
	} else if (strcmp(op, "loadtype") == 0) {
		r = crypt_load(cd, arg ? arg : "BOGUS", NULL);
	} else if (strcmp(op, "status") == 0) {
		r = crypt_load(cd, NULL, NULL);
		if (r == 0) {
			r = crypt_keyslot_status(cd, arg ? atoi(arg) : 0);
			printf("%s status: keyslot info %d\n", mode, r);
			crypt_free(cd);
			return 0;
		}
	} else {
		fprintf(stderr, "unknown op %s\n", op);
		return 2;
	}
	printf("%s %s: %d (%s)\n", mode, op, r, r < 0 ? strerror(-r) : "ok");
	crypt_free(cd);
	return 0;
}
