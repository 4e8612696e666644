/* libsrtp2 driver: sessions, streams and packets with bad policies or bad input.
 *
 *   session ACTION [key=value ...]
 *
 * ACTION: create (srtp_create with the policy), protect, replay (unprotect the same
 * packet twice), tamper (unprotect with a changed auth tag), mki (unprotect_mki with an
 * MKI the receiver does not know), roc (srtp_set_stream_roc), trailer
 * (srtp_get_protect_trailer_length of a session without streams), profile
 * (master key length and crypto policy of a profile), debug (srtp_set_debug_module).
 *
 * Options (the policy starts as AES-CM-128 + HMAC-SHA1-80 for SSRC 0x1234 with a 30-byte
 * master key): noinit=1 (no srtp_init), cipher=ID ckeylen=N (RTP cipher), auth=ID taglen=N
 * (RTP auth), ssrctype=N, window=N, repeat=N, nokey=1 (key NULL, no master keys),
 * len=N (packet length for protect), ssrc=HEX (packet's SSRC), profile=N, name=STR.
 * No network: packets are made in memory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <srtp.h>

static const char *opt(int argc, char **argv, const char *key, const char *def)
{
    size_t n = strlen(key);
    for (int i = 2; i < argc; i++)
        if (strncmp(argv[i], key, n) == 0 && argv[i][n] == '=')
            return argv[i] + n + 1;
    return def;
}

static long num(int argc, char **argv, const char *key, long def)
{
    const char *v = opt(argc, argv, key, NULL);
    return v ? strtol(v, NULL, 0) : def;
}

static unsigned char master_key[64] = {
    0xe1, 0xf9, 0x7a, 0x0d, 0x3e, 0x01, 0x8b, 0xe0, 0xd6, 0x4f, 0xa3, 0x2c,
    0x06, 0xde, 0x41, 0x39, 0x0e, 0xc6, 0x75, 0xad, 0x49, 0x8a, 0xfe, 0xeb,
    0xb6, 0x96, 0x0b, 0x3a, 0xab, 0xe6,
};

static void policy_from_args(srtp_policy_t *p, int argc, char **argv)
{
    memset(p, 0, sizeof(*p));
    srtp_crypto_policy_set_rtp_default(&p->rtp);
    srtp_crypto_policy_set_rtcp_default(&p->rtcp);
    p->ssrc.type = (srtp_ssrc_type_t)num(argc, argv, "ssrctype", ssrc_specific);
    p->ssrc.value = 0x1234;
    p->key = master_key;
    p->rtp.cipher_type = (srtp_cipher_type_id_t)num(argc, argv, "cipher", p->rtp.cipher_type);
    p->rtp.cipher_key_len = (int)num(argc, argv, "ckeylen", p->rtp.cipher_key_len);
    p->rtp.auth_type = (srtp_auth_type_id_t)num(argc, argv, "auth", p->rtp.auth_type);
    p->rtp.auth_tag_len = (int)num(argc, argv, "taglen", p->rtp.auth_tag_len);
    p->window_size = (unsigned long)num(argc, argv, "window", 128);
    p->allow_repeat_tx = (int)num(argc, argv, "repeat", 0);
    if (num(argc, argv, "nokey", 0)) {
        p->key = NULL;
        p->num_master_keys = 0;
    }
    p->next = NULL;
}

/* a 12-byte RTP header (V=2, PT 96, seq 1) for SSRC ssrc, then a payload of 0xab */
static int make_rtp(uint8_t *buf, int len, uint32_t ssrc)
{
    memset(buf, 0xab, (size_t)len);
    if (len >= 12) {
        buf[0] = 0x80;
        buf[1] = 0x60;
        buf[2] = 0x00;
        buf[3] = 0x01;
        buf[4] = 0x00;
        buf[5] = 0x00;
        buf[6] = 0x10;
        buf[7] = 0x00;
        buf[8] = (uint8_t)(ssrc >> 24);
        buf[9] = (uint8_t)(ssrc >> 16);
        buf[10] = (uint8_t)(ssrc >> 8);
        buf[11] = (uint8_t)ssrc;
    } else if (len >= 1) {
        buf[0] = 0x80;
    }
    return len;
}

static void report(const char *what, srtp_err_status_t st)
{
    printf("%s: %d\n", what, (int)st);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s ACTION [key=value ...]\n", argv[0]);
        return 2;
    }
    const char *action = argv[1];
    srtp_policy_t policy;
    srtp_t session = NULL, receiver = NULL;
    srtp_err_status_t st;
    uint32_t buf32[128];
    uint8_t *pkt = (uint8_t *)buf32;
    int len;

    if (!num(argc, argv, "noinit", 0)) {
        st = srtp_init();
        report("srtp_init", st);
        if (st)
            return 1;
    }
    policy_from_args(&policy, argc, argv);

    if (strcmp(action, "create") == 0) {
        st = srtp_create(&session, &policy);
        report("srtp_create", st);
    } else if (strcmp(action, "protect") == 0) {
        st = srtp_create(&session, &policy);
        report("srtp_create", st);
        if (st)
            return 1;
        len = make_rtp(pkt, (int)num(argc, argv, "len", 32),
                       (uint32_t)num(argc, argv, "ssrc", 0x1234));
        st = srtp_protect(session, pkt, &len);
        report("srtp_protect", st);
    } else if (strcmp(action, "replay") == 0 || strcmp(action, "tamper") == 0) {
        st = srtp_create(&session, &policy);
        report("srtp_create sender", st);
        if (st)
            return 1;
        st = srtp_create(&receiver, &policy);
        report("srtp_create receiver", st);
        if (st)
            return 1;
        len = make_rtp(pkt, 32, 0x1234);
        st = srtp_protect(session, pkt, &len);
        report("srtp_protect", st);
        if (st)
            return 1;
        uint32_t copy32[128];
        int copylen = len;
        memcpy(copy32, buf32, sizeof(copy32));
        if (strcmp(action, "tamper") == 0) {
            pkt[len - 1] ^= 0x01; /* last byte of the HMAC tag */
        } else {
            st = srtp_unprotect(receiver, pkt, &len);
            report("srtp_unprotect first", st);
            memcpy(buf32, copy32, sizeof(buf32));
            len = copylen;
        }
        st = srtp_unprotect(receiver, pkt, &len);
        report("srtp_unprotect", st);
    } else if (strcmp(action, "mki") == 0) {
        unsigned char mki[4] = { 0x01, 0x02, 0x03, 0x04 };
        srtp_master_key_t mk = { master_key, mki, sizeof(mki) };
        srtp_master_key_t *keys[1] = { &mk };
        policy.key = NULL;
        policy.keys = keys;
        policy.num_master_keys = 1;
        st = srtp_create(&receiver, &policy);
        report("srtp_create", st);
        if (st)
            return 1;
        /* header, 16 bytes payload, MKI de ad be ef, 10-byte tag */
        len = make_rtp(pkt, 12 + 16 + 4 + 10, 0x1234);
        pkt[28] = 0xde;
        pkt[29] = 0xad;
        pkt[30] = 0xbe;
        pkt[31] = 0xef;
        st = srtp_unprotect_mki(receiver, pkt, &len, 1);
        report("srtp_unprotect_mki", st);
    } else if (strcmp(action, "roc") == 0) {
        st = srtp_create(&session, &policy);
        report("srtp_create", st);
        if (st)
            return 1;
        st = srtp_set_stream_roc(session, (uint32_t)num(argc, argv, "ssrc", 0x1234), 7);
        report("srtp_set_stream_roc", st);
    } else if (strcmp(action, "trailer") == 0) {
        uint32_t tlen = 0;
        st = srtp_create(&session, NULL);
        report("srtp_create", st);
        if (st)
            return 1;
        st = srtp_get_protect_trailer_length(session, 0, 0, &tlen);
        report("srtp_get_protect_trailer_length", st);
    } else if (strcmp(action, "profile") == 0) {
        srtp_profile_t prof = (srtp_profile_t)num(argc, argv, "profile", 1);
        printf("master key length: %u\n", srtp_profile_get_master_key_length(prof));
        st = srtp_crypto_policy_set_from_profile_for_rtp(&policy.rtp, prof);
        report("srtp_crypto_policy_set_from_profile_for_rtp", st);
    } else if (strcmp(action, "debug") == 0) {
        st = srtp_set_debug_module(opt(argc, argv, "name", "srtp"), 1);
        report("srtp_set_debug_module", st);
    } else {
        fprintf(stderr, "unknown action %s\n", action);
        return 2;
    }
    return 0;
}
