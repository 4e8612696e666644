/* libdvbpsi PSI decoding from TS packets the driver builds itself.
 *
 *   ts sync          a PAT decoder fed a packet whose first byte is 0x46, not 0x47
 *   ts dup           a PAT decoder fed the same packet (continuity counter 0) twice
 *   ts mid           a PAT decoder whose first packet continues a section (no
 *                    payload_unit_start_indicator): joining a stream mid-section
 *   ts tdt LEN       a demux with a TDT decoder fed a TDT (table 0x70) whose
 *                    section_length is LEN (a TDT's is 5)
 *   ts sdttwice      a demux with an SDT decoder attached twice for 0x42/1
 *   ts newsection N  dvbpsi_NewPSISection(N)
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dvbpsi.h"
#include "psi.h"
#include "descriptor.h"
#include "demux.h"
#include "pat.h"
#include "sdt.h"
#include "tot.h"

static void message(dvbpsi_t *h, const dvbpsi_msg_level_t level, const char *msg)
{
    (void)h;
    fprintf(stderr, "[%d] %s\n", (int)level, msg);
}

/* MPEG-2 CRC-32 (poly 0x04c11db7, no reflection, init 0xffffffff, no final xor) */
static uint32_t crc32_mpeg(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xffffffff;
    while (n--) {
        crc ^= (uint32_t)*p++ << 24;
        for (int i = 0; i < 8; i++)
            crc = (crc & 0x80000000) ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    }
    return crc;
}

/* A TS packet on PID 0 carrying a PAT with one program (1 -> PID 0x100). */
static void pat_packet(uint8_t pkt[188], bool pusi, uint8_t cc)
{
    memset(pkt, 0xff, 188);
    pkt[0] = 0x47;
    pkt[1] = pusi ? 0x40 : 0x00;
    pkt[2] = 0x00;
    pkt[3] = 0x10 | (cc & 0xf);          /* payload only */
    uint8_t *s = pkt + 5;
    pkt[4] = 0x00;                       /* pointer_field */
    static const uint8_t sec[] = {0x00, 0xb0, 0x0d, 0x00, 0x01, 0xc1, 0x00, 0x00,
                                  0x00, 0x01, 0xe1, 0x00};
    memcpy(s, sec, sizeof sec);
    uint32_t crc = crc32_mpeg(sec, sizeof sec);
    s[12] = crc >> 24; s[13] = crc >> 16; s[14] = crc >> 8; s[15] = crc;
}

static void on_pat(void *data, dvbpsi_pat_t *pat)
{
    (void)data;
    printf("PAT ts_id %u version %u\n", pat->i_ts_id, pat->i_version);
    dvbpsi_pat_delete(pat);
}

static void on_tot(void *data, dvbpsi_tot_t *tot)
{
    (void)data;
    printf("TDT/TOT utc %llx\n", (unsigned long long)tot->i_utc_time);
    dvbpsi_tot_delete(tot);
}

static void on_sdt(void *data, dvbpsi_sdt_t *sdt)
{
    (void)data;
    dvbpsi_sdt_delete(sdt);
}

static void on_new(dvbpsi_t *h, uint8_t table_id, uint16_t ext, void *data)
{
    (void)h; (void)data;
    printf("new subtable 0x%02x/%u\n", table_id, ext);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s sync|dup|mid|tdt LEN|sdttwice|newsection N\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    uint8_t pkt[188];

    if (!strcmp(mode, "newsection")) {
        int n = argc > 2 ? atoi(argv[2]) : 1024;
        dvbpsi_psi_section_t *s = dvbpsi_NewPSISection(n);
        printf("section: %s\n", s ? "allocated" : "NULL");
        dvbpsi_DeletePSISections(s);
        return s ? 0 : 1;
    }

    dvbpsi_t *h = dvbpsi_new(&message, DVBPSI_MSG_DEBUG);
    if (!h)
        return 2;
    int rc = 0;

    if (!strcmp(mode, "sync") || !strcmp(mode, "dup") || !strcmp(mode, "mid")) {
        if (!dvbpsi_pat_attach(h, on_pat, NULL))
            return 2;
        if (!strcmp(mode, "sync")) {
            pat_packet(pkt, true, 0);
            pkt[0] = 0x46;
            rc = dvbpsi_packet_push(h, pkt) ? 0 : 1;
        } else if (!strcmp(mode, "dup")) {
            pat_packet(pkt, true, 0);
            bool first = dvbpsi_packet_push(h, pkt);
            bool second = dvbpsi_packet_push(h, pkt);
            printf("first %d second %d\n", first, second);
            rc = second ? 0 : 1;
        } else {
            pat_packet(pkt, false, 3);
            rc = dvbpsi_packet_push(h, pkt) ? 0 : 1;
        }
        dvbpsi_pat_detach(h);
    } else if (!strcmp(mode, "tdt")) {
        int len = argc > 2 ? atoi(argv[2]) : 5;
        if (!dvbpsi_AttachDemux(h, on_new, NULL))
            return 2;
        if (!dvbpsi_tot_attach(h, 0x70, 0, on_tot, NULL))
            return 2;
        memset(pkt, 0xff, sizeof pkt);
        pkt[0] = 0x47; pkt[1] = 0x40; pkt[2] = 0x14; pkt[3] = 0x10;
        pkt[4] = 0x00;                             /* pointer_field */
        pkt[5] = 0x70;                             /* table_id: TDT */
        pkt[6] = 0x70 | ((len >> 8) & 0x0f);       /* syntax 0, reserved */
        pkt[7] = len & 0xff;
        static const uint8_t utc[] = {0xe5, 0x6b, 0x12, 0x34, 0x56};
        for (int i = 0; i < len && i < 170; i++)
            pkt[8 + i] = i < 5 ? utc[i] : 0x00;
        rc = dvbpsi_packet_push(h, pkt) ? 0 : 1;
        dvbpsi_DetachDemux(h);
    } else if (!strcmp(mode, "sdttwice")) {
        if (!dvbpsi_AttachDemux(h, on_new, NULL))
            return 2;
        bool a = dvbpsi_sdt_attach(h, 0x42, 1, on_sdt, NULL);
        bool b = dvbpsi_sdt_attach(h, 0x42, 1, on_sdt, NULL);
        printf("first %d second %d\n", a, b);
        rc = b ? 0 : 1;
        dvbpsi_DetachDemux(h);
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    dvbpsi_delete(h);
    return rc;
}
