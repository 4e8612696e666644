/* realworld corpus driver: libfido2's public-key conversions given keys it cannot use.
 *
 * keys MODE:
 *   es256-offcurve   es256_pk_from_ptr() of 64 bytes x = y = 1 (x||y), a point not on P-256
 *   es256-p384       es256_pk_from_EVP_PKEY() of an EC key on P-384 (its generator as the
 *                    public point): es256_pk_from_EC_KEY() checks it against P-256
 *   rs256-1024       rs256_pk_from_EVP_PKEY() of a 1024-bit RSA key (n = 2^1023 + 1, e = 65537)
 * The keys are fixed, no randomness.
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <stdio.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/rsa.h>
#include <fido.h>
#include <fido/es256.h>
#include <fido/rs256.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "es256-offcurve";
	int r;

	if (strcmp(mode, "es256-offcurve") == 0) {
		unsigned char xy[64] = { 0 };
		es256_pk_t *pk = es256_pk_new();

		xy[31] = 1;
		xy[63] = 1;
		r = es256_pk_from_ptr(pk, xy, sizeof(xy));
		es256_pk_free(&pk);
	} else if (strcmp(mode, "es256-p384") == 0) {
		EC_KEY *ec = EC_KEY_new_by_curve_name(NID_secp384r1);
		EVP_PKEY *pkey = EVP_PKEY_new();
		es256_pk_t *pk = es256_pk_new();

		if (ec == NULL || pkey == NULL || pk == NULL ||
		    EC_KEY_set_public_key(ec, EC_GROUP_get0_generator(EC_KEY_get0_group(ec))) != 1 ||
		    EVP_PKEY_assign_EC_KEY(pkey, ec) != 1) {
			fprintf(stderr, "P-384 key setup failed\n");
			return 2;
		}
		r = es256_pk_from_EVP_PKEY(pk, pkey);
		es256_pk_free(&pk);
		EVP_PKEY_free(pkey);
	} else if (strcmp(mode, "rs256-1024") == 0) {
		unsigned char nb[128] = { 0 };
		RSA *rsa = RSA_new();
		EVP_PKEY *pkey = EVP_PKEY_new();
		BIGNUM *n, *e = BN_new();
		rs256_pk_t *pk = rs256_pk_new();

		nb[0] = 0x80;
		nb[127] = 0x01;
		n = BN_bin2bn(nb, sizeof(nb), NULL);
		if (rsa == NULL || pkey == NULL || n == NULL || e == NULL || pk == NULL ||
		    BN_set_word(e, 65537) != 1 || RSA_set0_key(rsa, n, e, NULL) != 1 ||
		    EVP_PKEY_assign_RSA(pkey, rsa) != 1) {
			fprintf(stderr, "RSA key setup failed\n");
			return 2;
		}
		r = rs256_pk_from_EVP_PKEY(pk, pkey);
		rs256_pk_free(&pk);
		EVP_PKEY_free(pkey);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, r, fido_strerr(r));
	return 0;
}
