/* libnet address helpers fed malformed text, on a LIBNET_NONE context (no socket
 * is opened by libnet_init; nothing is sent).
 *   resolve hex TEXT          libnet_hex_aton(TEXT)
 *   resolve name4 TEXT        libnet_name2addr4(l, TEXT, LIBNET_DONT_RESOLVE)
 *   resolve ipaddr4 DEVICE    libnet_get_ipaddr4() of a context made for DEVICE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libnet.h>

int main(int argc, char **argv)
{
    char errbuf[LIBNET_ERRBUF_SIZE];
    libnet_t *l;

    if (argc < 3) {
        fprintf(stderr, "usage: %s hex|name4|ipaddr4 ARG\n", argv[0]);
        return 2;
    }
    l = libnet_init(LIBNET_NONE, strcmp(argv[1], "ipaddr4") == 0 ? argv[2] : NULL, errbuf);
    if (l == NULL) {
        fprintf(stderr, "libnet_init: %s\n", errbuf);
        return 1;
    }
    if (strcmp(argv[1], "hex") == 0) {
        int len = -1;
        uint8_t *buf = libnet_hex_aton(argv[2], &len);
        printf("libnet_hex_aton(%s) = %p, len %d\n", argv[2], (void *)buf, len);
        free(buf);
    } else if (strcmp(argv[1], "name4") == 0) {
        uint32_t a = libnet_name2addr4(l, argv[2], LIBNET_DONT_RESOLVE);
        printf("libnet_name2addr4(%s) = 0x%08x: %s\n", argv[2], a, libnet_geterror(l));
    } else if (strcmp(argv[1], "ipaddr4") == 0) {
        uint32_t a = libnet_get_ipaddr4(l);
        printf("libnet_get_ipaddr4(%s) = 0x%08x: %s\n", argv[2], a, libnet_geterror(l));
    } else {
        fprintf(stderr, "unknown scenario %s\n", argv[1]);
        libnet_destroy(l);
        return 2;
    }
    libnet_destroy(l);
    return 0;
}
