/* realworld corpus driver: libtomcrypt's hash and HMAC helpers.
 *
 * NAME is one of sha1, sha256, sha512, which are registered first.
 * hash file NAME FILE OUTLEN [noreg]: hash_file(find_hash(NAME), DIR/FILE, out, &OUTLEN),
 *   DIR being /tmp/errtrail-libtomcrypt-hash, made afresh with data.txt ("hello\n") in it
 *   and no missing.txt; with noreg no hash is registered first, so find_hash() gives -1.
 * hash hmac NAME KEY DATA: hmac_memory(find_hash(NAME), KEY, DATA) with a 32-byte output;
 *   a KEY of "-" is the empty key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <tomcrypt.h>

#define DIR "/tmp/errtrail-libtomcrypt-hash"

static int setup(const char *name, int reg)
{
	if (reg) {
		register_hash(&sha1_desc);
		register_hash(&sha256_desc);
		register_hash(&sha512_desc);
	}
	return find_hash(name);
}

int main(int argc, char **argv)
{
	unsigned char out[MAXBLOCKSIZE];
	unsigned long outlen;
	char path[512];
	int rc;

	if (argc >= 5 && !strcmp(argv[1], "file")) {
		FILE *f;

		mkdir(DIR, 0755);
		unlink(DIR "/missing.txt");
		f = fopen(DIR "/data.txt", "w");
		if (!f)
			return 2;
		fputs("hello\n", f);
		fclose(f);
		snprintf(path, sizeof(path), "%s/%s", DIR, argv[3]);
		outlen = strtoul(argv[4], NULL, 0);
		rc = hash_file(setup(argv[2], !(argc > 5 && !strcmp(argv[5], "noreg"))), path, out, &outlen);
		printf("hash_file: %d (%s), outlen %lu\n", rc, error_to_string(rc), outlen);
		return 0;
	}
	if (argc >= 5 && !strcmp(argv[1], "hmac")) {
		const char *key = strcmp(argv[3], "-") ? argv[3] : "";

		outlen = 32;
		rc = hmac_memory(setup(argv[2], 1), (const unsigned char *)key, strlen(key),
				 (const unsigned char *)argv[4], strlen(argv[4]), out, &outlen);
		printf("hmac_memory: %d (%s)\n", rc, error_to_string(rc));
		return 0;
	}
	fprintf(stderr, "usage: hash file NAME FILE OUTLEN [noreg] | hmac NAME KEY DATA\n");
	return 2;
}
