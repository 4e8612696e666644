/* realworld corpus driver: fido_cred_verify() and fido_assert_verify() on data the driver makes.
 *
 * verify MODE:
 *   cred-fmtnone   a credential for rp "example.org" whose authenticator data (flags UP|AT, an
 *                  ES256 COSE key, no extensions) matches it, with an x5c and a signature of
 *                  junk bytes, and the attestation format "none", which fido_cred_set_fmt()
 *                  accepts and fido_cred_verify() has no hash for
 *   assert-rpid    one assertion statement whose authenticator data (flags UP) carries the
 *                  SHA-256 of "example.org", verified for rp "example.net"
 * Everything is in memory; no device is used.
 */
#include <stdio.h>
#include <string.h>
#include <openssl/sha.h>
#include <fido.h>
#include <fido/es256.h>

static unsigned char cdh[32];
static unsigned char junk[72];

/* rpIdHash(32) | flags | signCount(4) */
static size_t put_head(unsigned char *p, const char *rp, unsigned char flags)
{
	SHA256((const unsigned char *)rp, strlen(rp), p);
	p[32] = flags;
	memset(p + 33, 0, 4);
	p[36] = 1;
	return 37;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "cred-fmtnone";
	unsigned char ad[256];
	size_t n;
	int r;

	memset(cdh, 0xcd, sizeof(cdh));
	memset(junk, 0x5a, sizeof(junk));
	fido_init(0);

	if (strcmp(mode, "cred-fmtnone") == 0) {
		static const unsigned char cose_head[] = {
			0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20 };
		fido_cred_t *cred = fido_cred_new();

		n = put_head(ad, "example.org", 0x41);	/* UP | AT */
		memset(ad + n, 0, 16);			/* aaguid */
		n += 16;
		ad[n++] = 0;				/* credential ID length 16 */
		ad[n++] = 16;
		memset(ad + n, 0x11, 16);
		n += 16;
		memcpy(ad + n, cose_head, sizeof(cose_head));
		n += sizeof(cose_head);
		memset(ad + n, 0x22, 32);		/* x */
		n += 32;
		ad[n++] = 0x22;				/* -3: y */
		ad[n++] = 0x58;
		ad[n++] = 0x20;
		memset(ad + n, 0x33, 32);
		n += 32;

		if (cred == NULL || fido_cred_set_type(cred, COSE_ES256) != FIDO_OK ||
		    fido_cred_set_clientdata_hash(cred, cdh, sizeof(cdh)) != FIDO_OK ||
		    fido_cred_set_rp(cred, "example.org", NULL) != FIDO_OK ||
		    fido_cred_set_authdata_raw(cred, ad, n) != FIDO_OK ||
		    fido_cred_set_x509(cred, junk, sizeof(junk)) != FIDO_OK ||
		    fido_cred_set_sig(cred, junk, sizeof(junk)) != FIDO_OK ||
		    fido_cred_set_fmt(cred, "none") != FIDO_OK) {
			fprintf(stderr, "credential setup failed\n");
			return 2;
		}
		r = fido_cred_verify(cred);
		fido_cred_free(&cred);
	} else if (strcmp(mode, "assert-rpid") == 0) {
		fido_assert_t *assert = fido_assert_new();
		es256_pk_t *pk = es256_pk_new();

		n = put_head(ad, "example.org", 0x01);	/* UP */
		if (assert == NULL || pk == NULL || fido_assert_set_count(assert, 1) != FIDO_OK ||
		    fido_assert_set_clientdata_hash(assert, cdh, sizeof(cdh)) != FIDO_OK ||
		    fido_assert_set_rp(assert, "example.net") != FIDO_OK ||
		    fido_assert_set_authdata_raw(assert, 0, ad, n) != FIDO_OK ||
		    fido_assert_set_sig(assert, 0, junk, sizeof(junk)) != FIDO_OK) {
			fprintf(stderr, "assertion setup failed\n");
			return 2;
		}
		r = fido_assert_verify(assert, 0, COSE_ES256, pk);
		es256_pk_free(&pk);
		fido_assert_free(&assert);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, r, fido_strerr(r));
	return 0;
}
