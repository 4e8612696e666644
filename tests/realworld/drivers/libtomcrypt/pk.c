/* realworld corpus driver: libtomcrypt's RSA and ECC key functions (libtommath as math).
 *
 * pk rsaimport HEX: rsa_import() of the DER bytes HEX.
 * pk rsaverify SIGHEX: rsa_verify_hash_ex() (PKCS #1 v1.5, SHA-256) of SHA-256("hello"),
 *   with the signature SIGHEX left-padded with zero bytes to the modulus size (128), against
 *   the 1024-bit RSAPublicKey below (made once with openssl genrsa).
 * pk eccmake SIZE ready|unready|none: ecc_make_key() of a SIZE-byte key with fortuna;
 *   unready: fortuna started and fed entropy but fortuna_ready() never called; none: fortuna
 *   not registered, so find_prng("fortuna") gives -1.
 * pk eccmakeex SIZE ready|unready|none: ecc_make_key_ex() with the first curve of
 *   ltc_ecc_sets[] of at least SIZE bytes, the PRNG as above.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define LTM_DESC
#include <tomcrypt.h>

static const char rsa_pub[] =
	"30818902818100ca25b02ca3cb6415b570752ab1caa2d7c4018e45d72b2b903ef044fffa911d44f549"
	"199b427ad31d33c1db2e67050b8eb0723220de923e2613b60396ff945f9daf9a635bafe0bf759eb655"
	"046ba2c1ed13ad0264625b887b95d8e4fce2028b9a49a78caa704a8ada55c0c7f794515e6eb1a8253f"
	"e7b1fd212fe45ad114f74feb0203010001";

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

static int prng_setup(const char *mode, prng_state *prng)
{
	static const unsigned char seed[32] = "errtrail corpus fixed seed 0123";
	int idx;

	if (!strcmp(mode, "none"))
		return find_prng("fortuna");
	register_prng(&fortuna_desc);
	idx = find_prng("fortuna");
	fortuna_start(prng);
	fortuna_add_entropy(seed, sizeof(seed), prng);
	if (!strcmp(mode, "ready"))
		fortuna_ready(prng);
	return idx;
}

int main(int argc, char **argv)
{
	unsigned char buf[512], sig[128], digest[32];
	unsigned long n, dlen;
	prng_state prng;
	rsa_key rkey;
	ecc_key ekey;
	int rc, stat, i, size;

	ltc_mp = ltm_desc;
	if (argc == 3 && !strcmp(argv[1], "rsaimport")) {
		n = unhex(argv[2], buf, sizeof(buf));
		rc = rsa_import(buf, n, &rkey);
		printf("rsa_import: %d (%s)\n", rc, error_to_string(rc));
		if (rc == CRYPT_OK)
			rsa_free(&rkey);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "rsaverify")) {
		register_hash(&sha256_desc);
		n = unhex(rsa_pub, buf, sizeof(buf));
		if (rsa_import(buf, n, &rkey) != CRYPT_OK)
			return 2;
		n = unhex(argv[2], buf, sizeof(sig));
		memset(sig, 0, sizeof(sig));
		memcpy(sig + sizeof(sig) - n, buf, n);
		dlen = sizeof(digest);
		hash_memory(find_hash("sha256"), (const unsigned char *)"hello", 5, digest, &dlen);
		rc = rsa_verify_hash_ex(sig, sizeof(sig), digest, dlen, LTC_PKCS_1_V1_5,
					find_hash("sha256"), 0, &stat, &rkey);
		printf("rsa_verify_hash_ex: %d (%s), stat %d\n", rc, error_to_string(rc), stat);
		rsa_free(&rkey);
		return 0;
	}
	if (argc == 4 && (!strcmp(argv[1], "eccmake") || !strcmp(argv[1], "eccmakeex"))) {
		size = atoi(argv[2]);
		i = prng_setup(argv[3], &prng);
		if (!strcmp(argv[1], "eccmake")) {
			rc = ecc_make_key(&prng, i, size, &ekey);
		} else {
			int x;

			for (x = 0; ltc_ecc_sets[x].size != 0 && ltc_ecc_sets[x].size < size; x++)
				;
			if (ltc_ecc_sets[x].size == 0)
				return 2;
			rc = ecc_make_key_ex(&prng, i, &ekey, &ltc_ecc_sets[x]);
		}
		printf("%s: %d (%s)\n", argv[1], rc, error_to_string(rc));
		if (rc == CRYPT_OK)
			ecc_free(&ekey);
		return 0;
	}
	fprintf(stderr, "usage: pk rsaimport HEX | rsaverify SIGHEX | eccmake[ex] SIZE ready|unready|none\n");
	return 2;
}
