/* libspeex driver: decode one packet.
 *
 *   decode MODE HEX [ID RET]
 *
 * MODE is nb, wb or uwb (speex_lib_get_mode), HEX the packet's bytes in hex or "-"
 * for an empty packet. With ID and RET, an in-band handler for request ID is
 * registered with SPEEX_SET_HANDLER first; it returns RET (an application's handler
 * that rejects the request).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <speex/speex.h>
#include <speex/speex_callbacks.h>

static int handler(SpeexBits *bits, void *state, void *data)
{
    (void)bits;
    (void)state;
    return *(int *)data;
}

int main(int argc, char **argv)
{
    unsigned char buf[256];
    int len = 0, mode, rc, hret = 0;
    spx_int16_t out[2048];
    SpeexBits bits;
    void *dec;

    if (argc < 3)
        return 2;
    mode = strcmp(argv[1], "uwb") == 0 ? SPEEX_MODEID_UWB
         : strcmp(argv[1], "wb") == 0 ? SPEEX_MODEID_WB : SPEEX_MODEID_NB;
    if (strcmp(argv[2], "-") != 0) {
        const char *p = argv[2];
        while (p[0] && p[1] && len < (int)sizeof buf) {
            unsigned int b;
            sscanf(p, "%2x", &b);
            buf[len++] = (unsigned char)b;
            p += 2;
        }
    }
    dec = speex_decoder_init(speex_lib_get_mode(mode));
    if (!dec)
        return 2;
    if (argc >= 5) {
        SpeexCallback cb;
        memset(&cb, 0, sizeof cb);
        hret = atoi(argv[4]);
        cb.callback_id = atoi(argv[3]);
        cb.func = handler;
        cb.data = &hret;
        speex_decoder_ctl(dec, SPEEX_SET_HANDLER, &cb);
    }
    speex_bits_init(&bits);
    speex_bits_read_from(&bits, (const char *)buf, len);
    rc = speex_decode_int(dec, &bits, out);
    printf("speex_decode_int(%s, %d bytes) = %d\n", argv[1], len, rc);
    speex_bits_destroy(&bits);
    speex_decoder_destroy(dec);
    return rc ? 1 : 0;
}
