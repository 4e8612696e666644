/* libdvbpsi descriptor decoders on one descriptor given as tag and hex bytes.
 *
 *   descr DECODER TAG HEX    e.g. descr service 48 0100
 *   descr DECODER -          a NULL descriptor (a lookup that found nothing)
 *
 * DECODER: service (0x48), iso639 (0x0a), carousel (0x13), assoc (0x14),
 * country (0x49), databcast (0x66). HEX may be "" for an empty body.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dvbpsi.h"
#include "descriptor.h"
#include "dr_0a.h"
#include "dr_13.h"
#include "dr_14.h"
#include "dr_48.h"
#include "dr_49.h"
#include "dr_66.h"

static int unhex(const char *s, uint8_t *out, size_t max)
{
    size_t n = strlen(s);
    if (n % 2 || n / 2 > max)
        return -1;
    for (size_t i = 0; i < n / 2; i++) {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1)
            return -1;
        out[i] = (uint8_t)v;
    }
    return (int)(n / 2);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s DECODER TAG HEX | DECODER -\n", argv[0]);
        return 2;
    }
    const char *which = argv[1];
    dvbpsi_descriptor_t *d = NULL;
    if (strcmp(argv[2], "-") != 0) {
        uint8_t buf[255];
        int len = unhex(argc > 3 ? argv[3] : "", buf, sizeof buf);
        if (len < 0) {
            fprintf(stderr, "bad hex\n");
            return 2;
        }
        unsigned tag = (unsigned)strtoul(argv[2], NULL, 16);
        d = dvbpsi_NewDescriptor((uint8_t)tag, (uint8_t)len, buf);
        if (!d) {
            fprintf(stderr, "dvbpsi_NewDescriptor failed\n");
            return 2;
        }
    }

    void *r;
    if (!strcmp(which, "service"))
        r = dvbpsi_DecodeServiceDr(d);
    else if (!strcmp(which, "iso639"))
        r = dvbpsi_DecodeISO639Dr(d);
    else if (!strcmp(which, "carousel"))
        r = dvbpsi_DecodeCarouselIdDr(d);
    else if (!strcmp(which, "assoc"))
        r = dvbpsi_DecodeAssociationTagDr(d);
    else if (!strcmp(which, "country"))
        r = dvbpsi_DecodeCountryAvailability(d);
    else if (!strcmp(which, "databcast"))
        r = dvbpsi_DecodeDataBroadcastIdDr(d);
    else {
        fprintf(stderr, "unknown decoder %s\n", which);
        return 2;
    }
    printf("%s: %s\n", which, r ? "decoded" : "NULL");
    dvbpsi_DeleteDescriptors(d); /* frees p_decoded too */
    return r ? 0 : 1;
}
