/* libspeex driver: Speex stream headers, mode lookup and library ctl.
 *
 *   header short LEN     a valid narrowband header packet passed as LEN bytes
 *   header magic MAGIC   a header packet whose first bytes are MAGIC (e.g. OggS)
 *   header mode MODE     a header packet whose mode field is MODE
 *   getmode MODE         speex_lib_get_mode(MODE), the function, not speex.h's macro
 *   libctl REQUEST       speex_lib_ctl(REQUEST, &out)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <speex/speex.h>
#include <speex/speex_header.h>

#undef speex_lib_get_mode
const SpeexMode *speex_lib_get_mode(int mode);

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    if (strcmp(argv[1], "header") == 0 && argc >= 4) {
        SpeexHeader h;
        int size = 0;
        char *pkt;
        SpeexHeader *out;
        speex_init_header(&h, 8000, 1, &speex_nb_mode);
        if (strcmp(argv[2], "mode") == 0)
            h.mode = atoi(argv[3]);
        pkt = speex_header_to_packet(&h, &size);
        if (strcmp(argv[2], "short") == 0)
            size = atoi(argv[3]);
        else if (strcmp(argv[2], "magic") == 0)
            memcpy(pkt, argv[3], strlen(argv[3]) < 8 ? strlen(argv[3]) : 8);
        out = speex_packet_to_header(pkt, size);
        printf("speex_packet_to_header(%d bytes) = %p\n", size, (void *)out);
        if (out)
            speex_header_free(out);
        speex_header_free(pkt);
        return out ? 0 : 1;
    }
    if (strcmp(argv[1], "getmode") == 0) {
        const SpeexMode *m = speex_lib_get_mode(atoi(argv[2]));
        printf("speex_lib_get_mode(%s) = %p\n", argv[2], (const void *)m);
        return m ? 0 : 1;
    }
    if (strcmp(argv[1], "libctl") == 0) {
        int out = 0;
        int rc = speex_lib_ctl(atoi(argv[2]), &out);
        printf("speex_lib_ctl(%s) = %d\n", argv[2], rc);
        return rc ? 1 : 0;
    }
    return 2;
}
