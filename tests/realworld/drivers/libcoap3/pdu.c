/* libcoap3 PDU handling (src/pdu.c).
 *   pdu parse HEX          coap_pdu_parse(COAP_PROTO_UDP) of the bytes given in hex
 *   pdu option SIZE LEN    coap_add_option(Uri-Path, LEN bytes) to a PDU of max size SIZE
 *   pdu data               coap_add_data() twice on the same PDU */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <coap3/coap.h>

/* Decode a hex string from argv. */
static size_t unhex(const char *s, uint8_t *out, size_t max) {
  size_t n = 0;
  while (s[0] && s[1] && n < max) {
    unsigned v;
    char b[3] = { s[0], s[1], 0 };
    v = (unsigned)strtoul(b, NULL, 16);
    out[n++] = (uint8_t)v;
    s += 2;
  }
  return n;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  coap_startup();
  if (!strcmp(argv[1], "parse") && argc > 2) {
    uint8_t data[256];
    size_t len = unhex(argv[2], data, sizeof(data));
    coap_pdu_t *pdu = coap_pdu_init(COAP_MESSAGE_CON, 0, 0, 1024);
    if (!pdu)
      return 3;
    int rc = coap_pdu_parse(COAP_PROTO_UDP, data, len, pdu);
    printf("coap_pdu_parse: %d\n", rc);
    coap_delete_pdu(pdu);
    return !rc;
  }
  if (!strcmp(argv[1], "option") && argc > 3) {
    size_t size = strtoul(argv[2], NULL, 10), len = strtoul(argv[3], NULL, 10);
    uint8_t val[512];
    if (len > sizeof(val))
      return 2;
    memset(val, 'a', len);
    coap_pdu_t *pdu = coap_pdu_init(COAP_MESSAGE_CON, COAP_REQUEST_CODE_GET, 1, size);
    if (!pdu)
      return 3;
    size_t rc = coap_add_option(pdu, COAP_OPTION_URI_PATH, len, val);
    printf("coap_add_option: %zu\n", rc);
    coap_delete_pdu(pdu);
    return rc == 0;
  }
  if (!strcmp(argv[1], "data")) {
    coap_pdu_t *pdu = coap_pdu_init(COAP_MESSAGE_ACK, COAP_RESPONSE_CODE(205), 1, 64);
    if (!pdu)
      return 3;
    int first = coap_add_data(pdu, 3, (const uint8_t *)"abc");
    int second = coap_add_data(pdu, 3, (const uint8_t *)"def");
    printf("coap_add_data: %d then %d\n", first, second);
    coap_delete_pdu(pdu);
    return !second;
  }
  return 2;
}
