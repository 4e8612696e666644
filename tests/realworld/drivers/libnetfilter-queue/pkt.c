/* errtrail real-library corpus driver: libnetfilter_queue's packet helpers
 * (pktb_*, nfq_ip_*, nfq_ip6_*, nfq_tcp_*, nfq_udp_*), called on packets given
 * in hex, as a queue callback would call them on a packet the kernel handed it.
 *
 * usage: pkt MODE FAMILY HEX [EXTRA [ARG...]]
 *   FAMILY: inet, inet6 or bridge (pktb_alloc's family); EXTRA: tail room, or
 *   "huge" for (size_t)-1 / 2.  No network: everything happens in memory. */
#include <errno.h>
#include <stdbool.h> /* 1.0.5's pktbuff.h uses bool without it */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <libnetfilter_queue/pktbuff.h>
#include <libnetfilter_queue/libnetfilter_queue_ipv4.h>
#include <libnetfilter_queue/libnetfilter_queue_ipv6.h>
#include <libnetfilter_queue/libnetfilter_queue_tcp.h>
#include <libnetfilter_queue/libnetfilter_queue_udp.h>

static size_t unhex(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0;
	while (s[0] && s[1] && n < max) {
		unsigned int b;
		if (sscanf(s, "%2x", &b) != 1)
			break;
		out[n++] = (uint8_t)b;
		s += 2;
	}
	return n;
}

int main(int argc, char **argv)
{
	uint8_t data[2048];
	size_t len, extra = 0;
	int family;
	struct pkt_buff *pktb;
	const char *mode;

	if (argc < 4) {
		fprintf(stderr, "usage: %s MODE FAMILY HEX [EXTRA [ARG...]]\n", argv[0]);
		return 2;
	}
	mode = argv[1];
	family = !strcmp(argv[2], "inet6") ? AF_INET6 :
		 !strcmp(argv[2], "bridge") ? AF_BRIDGE : AF_INET;
	len = unhex(argv[3], data, sizeof(data));
	if (argc > 4)
		extra = !strcmp(argv[4], "huge") ? (size_t)-1 / 2 : strtoul(argv[4], NULL, 0);

	pktb = pktb_alloc(family, data, len, extra);
	printf("pktb_alloc(%d, %zu bytes, extra %zu) = %p (errno %d)\n", family, len, extra,
	       (void *)pktb, pktb ? 0 : errno);
	if (!pktb || !strcmp(mode, "alloc"))
		return pktb ? 0 : 1;

	if (!strcmp(mode, "iphdr")) {
		struct iphdr *iph = nfq_ip_get_hdr(pktb);
		printf("nfq_ip_get_hdr = %p\n", (void *)iph);
	} else if (!strcmp(mode, "iptransport")) {
		struct iphdr *iph = nfq_ip_get_hdr(pktb);
		printf("nfq_ip_get_hdr = %p\n", (void *)iph);
		if (iph)
			printf("nfq_ip_set_transport_header = %d\n",
			       nfq_ip_set_transport_header(pktb, iph));
	} else if (!strcmp(mode, "ip6hdr")) {
		printf("nfq_ip6_get_hdr = %p\n", (void *)nfq_ip6_get_hdr(pktb));
	} else if (!strcmp(mode, "ip6transport")) {
		struct ip6_hdr *ip6h = nfq_ip6_get_hdr(pktb);
		int target = argc > 5 ? atoi(argv[5]) : IPPROTO_TCP;
		printf("nfq_ip6_get_hdr = %p\n", (void *)ip6h);
		if (ip6h)
			printf("nfq_ip6_set_transport_header(%d) = %d\n", target,
			       nfq_ip6_set_transport_header(pktb, ip6h, target));
	} else if (!strcmp(mode, "tcphdr") || !strcmp(mode, "tcppayload")
		   || !strcmp(mode, "udppayload")) {
		/* argv[5] "noset": the caller forgot nfq_ip_set_transport_header() */
		struct iphdr *iph = nfq_ip_get_hdr(pktb);
		printf("nfq_ip_get_hdr = %p\n", (void *)iph);
		if (iph && !(argc > 5 && !strcmp(argv[5], "noset")))
			printf("nfq_ip_set_transport_header = %d\n",
			       nfq_ip_set_transport_header(pktb, iph));
		if (mode[0] == 't') {
			struct tcphdr *tcph = nfq_tcp_get_hdr(pktb);
			printf("nfq_tcp_get_hdr = %p\n", (void *)tcph);
			if (tcph && !strcmp(mode, "tcppayload"))
				printf("nfq_tcp_get_payload = %p\n",
				       nfq_tcp_get_payload(tcph, pktb));
		} else {
			struct udphdr *udph = nfq_udp_get_hdr(pktb);
			printf("nfq_udp_get_hdr = %p\n", (void *)udph);
			if (udph)
				printf("nfq_udp_get_payload = %p\n",
				       nfq_udp_get_payload(udph, pktb));
		}
	} else if (strstr(mode, "mangle")) {
		/* ARGS: MATCH_OFFSET MATCH_LEN REPLACEMENT (and DATAOFF for ipmangle/pktbmangle) */
		unsigned int off = argc > 5 ? strtoul(argv[5], NULL, 0) : 0;
		unsigned int mlen = argc > 6 ? strtoul(argv[6], NULL, 0) : 0;
		const char *rep = argc > 7 ? argv[7] : "";
		unsigned int dataoff = argc > 8 ? strtoul(argv[8], NULL, 0) : 0;
		int ret = -2;

		if (!strcmp(mode, "pktbmangle")) {
			ret = pktb_mangle(pktb, dataoff, off, mlen, rep, strlen(rep));
		} else if (!strcmp(mode, "ipmangle")) {
			ret = nfq_ip_mangle(pktb, dataoff, off, mlen, rep, strlen(rep));
		} else if (!strcmp(mode, "tcpmangle4")) {
			ret = nfq_tcp_mangle_ipv4(pktb, off, mlen, rep, strlen(rep));
		} else if (!strcmp(mode, "udpmangle4")) {
			ret = nfq_udp_mangle_ipv4(pktb, off, mlen, rep, strlen(rep));
		} else if (!strcmp(mode, "tcpmangle6") || !strcmp(mode, "udpmangle6")) {
			struct ip6_hdr *ip6h = nfq_ip6_get_hdr(pktb);
			int proto = mode[0] == 't' ? IPPROTO_TCP : IPPROTO_UDP;
			if (ip6h)
				printf("nfq_ip6_set_transport_header = %d\n",
				       nfq_ip6_set_transport_header(pktb, ip6h, proto));
			ret = mode[0] == 't'
				? nfq_tcp_mangle_ipv6(pktb, off, mlen, rep, strlen(rep))
				: nfq_udp_mangle_ipv6(pktb, off, mlen, rep, strlen(rep));
		}
		printf("%s = %d (len %u, mangled %d)\n", mode, ret, pktb_len(pktb),
		       pktb_mangled(pktb));
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		pktb_free(pktb);
		return 2;
	}
	pktb_free(pktb);
	return 0;
}
