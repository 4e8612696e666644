/* realworld corpus driver: libssh's key import (pki) on malformed keys.
 *
 * pki pub TYPE B64          ssh_pki_import_pubkey_base64(B64, type named TYPE)
 * pki pem                   ssh_pki_import_privkey_base64() of a PEM block whose body is
 *                           not base64
 * pki openssh WHAT          ssh_pki_import_privkey_base64() of an "openssh-key-v1" container
 *                           the driver builds (passphrase "secret"): WHAT is nkeys (two
 *                           keys), cipher (cipher "blowfish-ctr", KDF "bcrypt") or checkint
 *                           (cipher "none", the two check integers differ)
 * pki pubfile big           ssh_pki_import_pubkey_file() of a 1 MiB + 1 byte file
 * pki pubfile TYPE B64      ssh_pki_import_pubkey_file() of the one-line file "TYPE B64 c"
 *
 * Files are written afresh under /tmp/errtrail-libssh-pki-*.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libssh/libssh.h>

/* the container, built big-endian as OpenSSH lays it out */
static unsigned char blob[4096];
static size_t blen;

static void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static void add_raw(const void *d, size_t n)
{
	memcpy(blob + blen, d, n);
	blen += n;
}

static void add_u32(uint32_t v)
{
	put_u32(blob + blen, v);
	blen += 4;
}

static void add_str(const void *d, size_t n)
{
	add_u32((uint32_t)n);
	add_raw(d, n);
}

static char *base64(const unsigned char *d, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc(n * 2 + 8), *o = out;

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)d[i] << 16;
		if (i + 1 < n) v |= (uint32_t)d[i + 1] << 8;
		if (i + 2 < n) v |= d[i + 2];
		*o++ = a[(v >> 18) & 63];
		*o++ = a[(v >> 12) & 63];
		*o++ = i + 1 < n ? a[(v >> 6) & 63] : '=';
		*o++ = i + 2 < n ? a[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

static char *openssh_key(const char *what)
{
	/* kept small: libssh's import loop steps through every base64 character */
	unsigned char priv[8];
	const char *cipher = "none", *kdfname = "none";
	uint32_t nkeys = 1, check2 = 0x11223344;
	char *b64, *text;

	if (strcmp(what, "nkeys") == 0) {
		nkeys = 2;
	} else if (strcmp(what, "cipher") == 0) {
		cipher = "blowfish-ctr";
		kdfname = "bcrypt";
	} else if (strcmp(what, "checkint") == 0) {
		check2 = 0x11223345;
	} else {
		fprintf(stderr, "unknown openssh mode %s\n", what);
		exit(2);
	}
	/* private section: checkint1 and checkint2 only (nothing after them is reached) */
	put_u32(priv, 0x11223344);
	put_u32(priv + 4, check2);

	blen = 0;
	add_raw("openssh-key-v1", 15);                   /* with its NUL */
	add_str(cipher, strlen(cipher));
	add_str(kdfname, strlen(kdfname));
	add_str("", 0);                                  /* no KDF options */
	add_u32(nkeys);
	add_str("", 0);                                  /* an empty public key blob */
	add_str(priv, sizeof(priv));

	b64 = base64(blob, blen);
	text = malloc(strlen(b64) + 128);
	sprintf(text, "-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n-----END OPENSSH PRIVATE KEY-----\n", b64);
	free(b64);
	return text;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "w");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "pub";
	ssh_key key = NULL;
	int rc;

	ssh_init();
	if (strcmp(mode, "pub") == 0 && argc > 3) {
		rc = ssh_pki_import_pubkey_base64(argv[3], ssh_key_type_from_name(argv[2]), &key);
	} else if (strcmp(mode, "pem") == 0) {
		rc = ssh_pki_import_privkey_base64(
			"-----BEGIN PRIVATE KEY-----\n"
			"this*is*not*base64*at*all\n"
			"-----END PRIVATE KEY-----\n", NULL, NULL, NULL, &key);
	} else if (strcmp(mode, "openssh") == 0 && argc > 2) {
		char *text = openssh_key(argv[2]);
		rc = ssh_pki_import_privkey_base64(text, "secret", NULL, NULL, &key);
		free(text);
	} else if (strcmp(mode, "pubfile") == 0 && argc > 2) {
		char path[256];

		snprintf(path, sizeof(path), "/tmp/errtrail-libssh-pki-%s.pub", argv[2]);
		if (strcmp(argv[2], "big") == 0) {
			size_t n = 0x100000 + 1;
			char *data = malloc(n);
			memset(data, 'A', n);
			memcpy(data, "ssh-ed25519 ", 12);
			write_file(path, data, n);
			free(data);
		} else if (argc > 3) {
			char line[4096];
			snprintf(line, sizeof(line), "%s %s errtrail@example\n", argv[2], argv[3]);
			write_file(path, line, strlen(line));
		} else {
			fprintf(stderr, "pubfile TYPE needs B64\n");
			return 2;
		}
		rc = ssh_pki_import_pubkey_file(path, &key);
	} else {
		fprintf(stderr, "usage: pki pub TYPE B64 | pem | openssh WHAT | pubfile big|TYPE B64\n");
		return 2;
	}
	printf("%s: %d\n", mode, rc);
	ssh_key_free(key);
	ssh_finalize();
	return 0;
}
