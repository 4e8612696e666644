/* realworld corpus driver: libpcap (1.10.3) calls with bad savefiles, filters and names.
 * Nothing captures from a device. Files are written under the current directory
 * (a fresh temporary directory when build.py runs the driver).
 *   pcaps open PATH          pcap_open_offline_with_tstamp_precision(PATH, micro, errbuf)
 *   pcaps opendir DIR        the same on DIR, a directory the driver makes (mkdir)
 *   pcaps file KIND          writes the savefile KIND to errtrail-KIND.pcap, opens it with
 *                            pcap_open_offline() and reads it with pcap_next_ex() to the end
 *                            or the first error. KIND:
 *       ngversion   a pcapng Section Header Block of version 2.0
 *       ngblock     a pcapng SHB 1.0, a 12-byte block of an unknown type (0xbad), and
 *                   the 8-byte header of a second such block whose total length is 13
 *       ngtsresol   a pcapng SHB 1.0 and an Interface Description Block (Ethernet,
 *                   snaplen 65535) with two if_tsresol options (6, then 9)
 *       discard     a pcap file (2.4, Ethernet, snaplen 100) whose one packet record says
 *                   caplen = len = 4296 and holds only 100 + 4096 + 50 bytes
 *   pcaps compile SNAPLEN WORD...  pcap_compile() of the words joined with blanks on
 *                            pcap_open_dead(DLT_EN10MB, SNAPLEN), optimised, netmask unknown
 *   pcaps lookupnet DEV      pcap_lookupnet(DEV, ...)
 *   pcaps setdatalink DLT    pcap_set_datalink() on pcap_open_dead(DLT_EN10MB, 65535)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pcap/pcap.h>

static FILE *out;

static void u32(uint32_t v) { fwrite(&v, 4, 1, out); }
static void u16(uint16_t v) { fwrite(&v, 2, 1, out); }
static void u64(uint64_t v) { fwrite(&v, 8, 1, out); }
static void fill(int n) { while (n-- > 0) fputc(0x5a, out); }

/* a Section Header Block without options: 28 bytes */
static void shb(uint16_t major, uint16_t minor)
{
	u32(0x0A0D0D0A);
	u32(28);
	u32(0x1A2B3C4D);
	u16(major);
	u16(minor);
	u64(UINT64_MAX);	/* section length unknown */
	u32(28);
}

static int write_file(const char *kind, const char *path)
{
	out = fopen(path, "wb");
	if (out == NULL)
		return -1;
	if (strcmp(kind, "ngversion") == 0) {
		shb(2, 0);
	} else if (strcmp(kind, "ngblock") == 0) {
		shb(1, 0);
		u32(0xbad);	/* block of an unknown type: skipped */
		u32(12);
		u32(12);
		u32(0xbad);	/* the next one: total length not a multiple of 4 */
		u32(13);
	} else if (strcmp(kind, "ngtsresol") == 0) {
		shb(1, 0);
		u32(1);		/* BT_IDB */
		u32(36);
		u16(1);		/* LINKTYPE_ETHERNET */
		u16(0);
		u32(65535);
		u16(9);		/* if_tsresol, length 1, value 6, 3 bytes padding */
		u16(1);
		u32(6);
		u16(9);		/* a second if_tsresol */
		u16(1);
		u32(9);
		u32(36);
	} else if (strcmp(kind, "discard") == 0) {
		u32(0xa1b2c3d4);
		u16(2);
		u16(4);
		u32(0);		/* thiszone */
		u32(0);		/* sigfigs */
		u32(100);	/* snaplen */
		u32(1);		/* LINKTYPE_ETHERNET */
		u32(0);		/* ts */
		u32(0);
		u32(4296);	/* caplen */
		u32(4296);	/* len */
		fill(100 + 4096 + 50);
	} else {
		fclose(out);
		return -1;
	}
	return fclose(out);
}

int main(int argc, char **argv)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	const char *mode = argc > 1 ? argv[1] : "";
	pcap_t *p;

	if (argc < 3) {
		fprintf(stderr, "usage: pcaps MODE ARG...\n");
		return 2;
	}
	if (strcmp(mode, "open") == 0 || strcmp(mode, "opendir") == 0) {
		if (strcmp(mode, "opendir") == 0)
			mkdir(argv[2], 0755);
		p = pcap_open_offline_with_tstamp_precision(argv[2],
		    PCAP_TSTAMP_PRECISION_MICRO, errbuf);
		printf("%s: %p (%s)\n", mode, (void *) p, p ? "ok" : errbuf);
	} else if (strcmp(mode, "file") == 0) {
		char path[256];
		struct pcap_pkthdr *h;
		const u_char *data;
		int rc, n = 0;

		snprintf(path, sizeof(path), "errtrail-%s.pcap", argv[2]);
		if (write_file(argv[2], path) != 0)
			return 2;
		p = pcap_open_offline(path, errbuf);
		if (p == NULL) {
			printf("%s: open: %s\n", argv[2], errbuf);
			return 0;
		}
		while ((rc = pcap_next_ex(p, &h, &data)) == 1)
			n++;
		printf("%s: %d packet(s), then %d (%s)\n", argv[2], n, rc,
		    rc == -1 ? pcap_geterr(p) : "end");
		pcap_close(p);
	} else if (strcmp(mode, "compile") == 0 && argc > 3) {
		struct bpf_program prog;
		char filter[1024] = "";
		int i, rc;

		for (i = 3; i < argc; i++) {
			if (i > 3)
				strncat(filter, " ", sizeof(filter) - strlen(filter) - 1);
			strncat(filter, argv[i], sizeof(filter) - strlen(filter) - 1);
		}
		p = pcap_open_dead(DLT_EN10MB, atoi(argv[2]));
		if (p == NULL)
			return 2;
		rc = pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN);
		printf("compile \"%s\": %d (%s)\n", filter, rc, rc ? pcap_geterr(p) : "ok");
		if (rc == 0)
			pcap_freecode(&prog);
		pcap_close(p);
	} else if (strcmp(mode, "lookupnet") == 0) {
		bpf_u_int32 net = 0, mask = 0;
		int rc = pcap_lookupnet(argv[2], &net, &mask, errbuf);

		printf("lookupnet %s: %d (%s)\n", argv[2], rc, rc ? errbuf : "ok");
	} else if (strcmp(mode, "setdatalink") == 0) {
		int rc;

		p = pcap_open_dead(DLT_EN10MB, 65535);
		if (p == NULL)
			return 2;
		rc = pcap_set_datalink(p, atoi(argv[2]));
		printf("setdatalink %s: %d (%s)\n", argv[2], rc, rc ? pcap_geterr(p) : "ok");
		pcap_close(p);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	return 0;
}
