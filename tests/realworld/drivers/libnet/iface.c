/* libnet's interface lookups for a device name that does not exist (no packet is
 * sent; libnet only asks the kernel about the name with ioctl()s).
 *   iface init DEVICE         libnet_init(LIBNET_LINK, DEVICE, errbuf)
 *   iface inittype DEVICE     libnet_init(0x42, DEVICE, errbuf): no such injection type
 *   iface check DEVICE        libnet_check_iface() of a LIBNET_NONE context for DEVICE
 *   iface select DEVICE       libnet_select_device() of a LIBNET_NONE context for DEVICE
 *   iface hwaddr DEVICE       libnet_get_hwaddr() of a LIBNET_NONE context for DEVICE
 */
#include <stdio.h>
#include <string.h>
#include <libnet.h>

int main(int argc, char **argv)
{
    char errbuf[LIBNET_ERRBUF_SIZE] = "";
    libnet_t *l;

    if (argc < 3) {
        fprintf(stderr, "usage: %s init|inittype|check|select|hwaddr DEVICE\n", argv[0]);
        return 2;
    }
    if (strcmp(argv[1], "init") == 0 || strcmp(argv[1], "inittype") == 0) {
        int type = strcmp(argv[1], "init") == 0 ? LIBNET_LINK : 0x42;
        l = libnet_init(type, argv[2], errbuf);
        printf("libnet_init(0x%x, %s) = %p: %s\n", type, argv[2], (void *)l, errbuf);
        if (l)
            libnet_destroy(l);
        return 0;
    }
    l = libnet_init(LIBNET_NONE, argv[2], errbuf);
    if (l == NULL) {
        fprintf(stderr, "libnet_init: %s\n", errbuf);
        return 1;
    }
    if (strcmp(argv[1], "check") == 0) {
        int r = libnet_check_iface(l);
        printf("libnet_check_iface(%s) = %d: %s\n", argv[2], r, libnet_geterror(l));
    } else if (strcmp(argv[1], "select") == 0) {
        int r = libnet_select_device(l);
        printf("libnet_select_device(%s) = %d: %s\n", argv[2], r, libnet_geterror(l));
    } else if (strcmp(argv[1], "hwaddr") == 0) {
        struct libnet_ether_addr *ea = libnet_get_hwaddr(l);
        printf("libnet_get_hwaddr(%s) = %p: %s\n", argv[2], (void *)ea, libnet_geterror(l));
    } else {
        fprintf(stderr, "unknown scenario %s\n", argv[1]);
        libnet_destroy(l);
        return 2;
    }
    libnet_destroy(l);
    return 0;
}
