/* libnet packet builders misused on a LIBNET_NONE context (packets are only
 * constructed, never written).
 *   build tcp_payload N       libnet_build_tcp() with payload NULL and payload_s N
 *   build tcp_ptag_udp        libnet_build_udp() (ptag 1), then libnet_build_tcp() with that ptag
 *   build tcp_ptag PTAG       libnet_build_tcp() updating ptag PTAG of an empty context
 *   build tcp_options N       libnet_build_tcp_options() with N bytes of NOP options
 *   build plist LIST          libnet_plist_chain_new() of the port list LIST
 *   build cull                libnet_build_udp(), then libnet_adv_cull_packet()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libnet.h>

int main(int argc, char **argv)
{
    char errbuf[LIBNET_ERRBUF_SIZE];
    libnet_t *l;
    libnet_ptag_t t;

    if (argc < 2) {
        fprintf(stderr, "usage: %s SCENARIO [ARG]\n", argv[0]);
        return 2;
    }
    l = libnet_init(LIBNET_NONE, NULL, errbuf);
    if (l == NULL) {
        fprintf(stderr, "libnet_init: %s\n", errbuf);
        return 1;
    }
    if (strcmp(argv[1], "tcp_payload") == 0 && argc > 2) {
        t = libnet_build_tcp(1234, 80, 1, 0, TH_SYN, 512, 0, 0, LIBNET_TCP_H + atoi(argv[2]),
                             NULL, (uint32_t)atoi(argv[2]), l, 0);
        printf("libnet_build_tcp = %d: %s\n", t, libnet_geterror(l));
    } else if (strcmp(argv[1], "tcp_ptag_udp") == 0) {
        libnet_ptag_t u = libnet_build_udp(1234, 53, LIBNET_UDP_H, 0, NULL, 0, l, 0);
        printf("libnet_build_udp = %d\n", u);
        t = libnet_build_tcp(1234, 80, 1, 0, TH_SYN, 512, 0, 0, LIBNET_TCP_H, NULL, 0, l, u);
        printf("libnet_build_tcp(ptag %d) = %d: %s\n", u, t, libnet_geterror(l));
    } else if (strcmp(argv[1], "tcp_ptag") == 0 && argc > 2) {
        libnet_ptag_t want = atoi(argv[2]);
        t = libnet_build_tcp(1234, 80, 1, 0, TH_SYN, 512, 0, 0, LIBNET_TCP_H, NULL, 0, l, want);
        printf("libnet_build_tcp(ptag %d) = %d: %s\n", want, t, libnet_geterror(l));
    } else if (strcmp(argv[1], "tcp_options") == 0 && argc > 2) {
        uint32_t n = (uint32_t)atoi(argv[2]);
        uint8_t opts[64];
        if (n > sizeof(opts))
            n = sizeof(opts);
        memset(opts, 1, sizeof(opts)); /* TCP option 1: NOP */
        t = libnet_build_tcp_options(opts, n, l, 0);
        printf("libnet_build_tcp_options(%u bytes) = %d: %s\n", n, t, libnet_geterror(l));
    } else if (strcmp(argv[1], "plist") == 0 && argc > 2) {
        libnet_plist_t *pl = NULL;
        char list[64];
        int r;
        snprintf(list, sizeof(list), "%s", argv[2]);
        r = libnet_plist_chain_new(l, &pl, list);
        printf("libnet_plist_chain_new(%s) = %d: %s\n", argv[2], r, libnet_geterror(l));
        if (r == 1)
            libnet_plist_chain_free(pl);
    } else if (strcmp(argv[1], "cull") == 0) {
        uint8_t *pkt = NULL;
        uint32_t n = 0;
        int r;
        libnet_build_udp(1234, 53, LIBNET_UDP_H, 0, NULL, 0, l, 0);
        r = libnet_adv_cull_packet(l, &pkt, &n);
        printf("libnet_adv_cull_packet = %d (%u bytes): %s\n", r, n, libnet_geterror(l));
        if (r == 1)
            libnet_adv_free_packet(l, pkt);
    } else {
        fprintf(stderr, "unknown scenario %s\n", argv[1]);
        libnet_destroy(l);
        return 2;
    }
    libnet_destroy(l);
    return 0;
}
