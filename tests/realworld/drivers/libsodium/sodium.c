/* libsodium driver: calls the public API with bad input (tampered ciphertexts, bad
 * signatures, malformed hex/base64, garbage password hashes, wrong keys, bad lengths).
 * Usage: sodium CMD [ARG]; prints what the call returned. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

static int report(const char *what, int rc)
{
    printf("%s: %d (errno %d)\n", what, rc, errno);
    return 0;
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "";
    const char *arg = argc > 2 ? argv[2] : "";

    if (sodium_init() < 0) {
        fprintf(stderr, "sodium_init failed\n");
        return 2;
    }
    errno = 0;
    if (!strcmp(cmd, "secretbox-short")) {
        /* a "ciphertext" shorter than the 16-byte MAC */
        unsigned char k[crypto_secretbox_KEYBYTES] = {1}, n[crypto_secretbox_NONCEBYTES] = {2};
        unsigned char c[10] = {0}, m[10];
        return report("crypto_secretbox_open_easy", crypto_secretbox_open_easy(m, c, sizeof c, n, k));
    }
    if (!strcmp(cmd, "secretbox-tampered")) {
        /* seal "hello world", flip one bit of the ciphertext, open detached */
        unsigned char k[crypto_secretbox_KEYBYTES], n[crypto_secretbox_NONCEBYTES];
        unsigned char c[11], mac[crypto_secretbox_MACBYTES], m[11];
        crypto_secretbox_keygen(k);
        randombytes_buf(n, sizeof n);
        crypto_secretbox_detached(c, mac, (const unsigned char *) "hello world", 11, n, k);
        c[3] ^= 1;
        return report("crypto_secretbox_open_detached",
                      crypto_secretbox_open_detached(m, c, mac, sizeof c, n, k));
    }
    if (!strcmp(cmd, "box-tampered")) {
        /* box "hello world" from A to B, flip one bit of the MAC, open as B */
        unsigned char apk[crypto_box_PUBLICKEYBYTES], ask[crypto_box_SECRETKEYBYTES];
        unsigned char bpk[crypto_box_PUBLICKEYBYTES], bsk[crypto_box_SECRETKEYBYTES];
        unsigned char n[crypto_box_NONCEBYTES], c[crypto_box_MACBYTES + 11], m[11];
        crypto_box_keypair(apk, ask);
        crypto_box_keypair(bpk, bsk);
        randombytes_buf(n, sizeof n);
        if (crypto_box_easy(c, (const unsigned char *) "hello world", 11, n, bpk, ask) != 0)
            return 2;
        c[0] ^= 0x80;
        return report("crypto_box_open_easy", crypto_box_open_easy(m, c, sizeof c, n, apk, bsk));
    }
    if (!strcmp(cmd, "sign-noncanonical")) {
        /* a signature of a real key whose S half is all 0xff (not reduced mod L) */
        unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
        unsigned char sig[crypto_sign_BYTES];
        crypto_sign_keypair(pk, sk);
        crypto_sign_detached(sig, NULL, (const unsigned char *) "msg", 3, sk);
        memset(sig + 32, 0xff, 32);
        return report("crypto_sign_verify_detached",
                      crypto_sign_verify_detached(sig, (const unsigned char *) "msg", 3, pk));
    }
    if (!strcmp(cmd, "sign-open-short")) {
        /* a "signed message" of 10 bytes: shorter than a signature */
        unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
        unsigned char sm[10] = {0}, m[10];
        unsigned long long mlen = 99;
        crypto_sign_keypair(pk, sk);
        return report("crypto_sign_open", crypto_sign_open(m, &mlen, sm, sizeof sm, pk));
    }
    if (!strcmp(cmd, "hex2bin")) {
        /* hex2bin ARG [MAXLEN [end]]: decode ARG into at most MAXLEN (default 16) bytes,
         * no ignore set; with "end", ask for hex_end (then trailing input is allowed) */
        unsigned char bin[64];
        size_t max = argc > 3 ? (size_t) atoi(argv[3]) : 16, len = 0;
        const char *end = NULL;
        int want_end = argc > 4 && !strcmp(argv[4], "end");
        return report("sodium_hex2bin",
                      sodium_hex2bin(bin, max, arg, strlen(arg), NULL, &len,
                                     want_end ? &end : NULL));
    }
    if (!strcmp(cmd, "base642bin")) {
        /* base642bin ARG: decode ARG as padded standard base64, no hex_end */
        unsigned char bin[64];
        size_t len = 0;
        return report("sodium_base642bin",
                      sodium_base642bin(bin, sizeof bin, arg, strlen(arg), NULL, &len, NULL,
                                        sodium_base64_VARIANT_ORIGINAL));
    }
    if (!strcmp(cmd, "pwhash-verify")) {
        /* pwhash-verify STR: verify the password "secret" against the hash string STR */
        char str[crypto_pwhash_STRBYTES] = {0};
        strncpy(str, arg, sizeof str - 1);
        return report("crypto_pwhash_str_verify", crypto_pwhash_str_verify(str, "secret", 6));
    }
    if (!strcmp(cmd, "aead-wrongkey")) {
        /* encrypt with one key, decrypt with another */
        unsigned char k1[crypto_aead_chacha20poly1305_ietf_KEYBYTES];
        unsigned char k2[crypto_aead_chacha20poly1305_ietf_KEYBYTES];
        unsigned char n[crypto_aead_chacha20poly1305_ietf_NPUBBYTES];
        unsigned char c[11 + crypto_aead_chacha20poly1305_ietf_ABYTES], m[11];
        unsigned long long clen, mlen = 99;
        crypto_aead_chacha20poly1305_ietf_keygen(k1);
        crypto_aead_chacha20poly1305_ietf_keygen(k2);
        randombytes_buf(n, sizeof n);
        crypto_aead_chacha20poly1305_ietf_encrypt(c, &clen, (const unsigned char *) "hello world",
                                                  11, NULL, 0, NULL, n, k1);
        return report("crypto_aead_chacha20poly1305_ietf_decrypt",
                      crypto_aead_chacha20poly1305_ietf_decrypt(m, &mlen, NULL, c, clen, NULL, 0,
                                                                n, k2));
    }
    if (!strcmp(cmd, "kdf")) {
        /* kdf LEN: derive a subkey of LEN bytes (valid: 16..64) */
        unsigned char key[crypto_kdf_KEYBYTES], sub[128];
        crypto_kdf_keygen(key);
        return report("crypto_kdf_derive_from_key",
                      crypto_kdf_derive_from_key(sub, (size_t) atoi(arg), 1, "errtrail", key));
    }
    fprintf(stderr, "unknown command %s\n", cmd);
    return 2;
}
