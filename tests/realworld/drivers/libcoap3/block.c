/* libcoap3 block-wise transfer helpers (src/block.c).
 *   block get HEX                  coap_get_block() of a response whose Block2 option is HEX
 *   block write SIZE NUM SZX LEN   coap_write_block_opt() of block NUM/SZX of LEN bytes
 *                                  into a PDU of max size SIZE */
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
  if (argc < 3)
    return 2;
  coap_startup();
  if (!strcmp(argv[1], "get")) {
    uint8_t val[8];
    coap_block_t block;
    size_t len = unhex(argv[2], val, sizeof(val));
    coap_pdu_t *pdu = coap_pdu_init(COAP_MESSAGE_ACK, COAP_RESPONSE_CODE(205), 1, 256);
    if (!pdu || !coap_add_option(pdu, COAP_OPTION_BLOCK2, len, val))
      return 3;
    int rc = coap_get_block(pdu, COAP_OPTION_BLOCK2, &block);
    printf("coap_get_block: %d\n", rc);
    coap_delete_pdu(pdu);
    return !rc;
  }
  if (!strcmp(argv[1], "write") && argc > 5) {
    coap_block_t block = { 0 };
    size_t size = strtoul(argv[2], NULL, 10);
    block.num = (unsigned)strtoul(argv[3], NULL, 10);
    block.szx = (unsigned)strtoul(argv[4], NULL, 10);
    size_t len = strtoul(argv[5], NULL, 10);
    coap_pdu_t *pdu = coap_pdu_init(COAP_MESSAGE_ACK, COAP_RESPONSE_CODE(205), 1, size);
    if (!pdu)
      return 3;
    int rc = coap_write_block_opt(&block, COAP_OPTION_BLOCK2, pdu, len);
    printf("coap_write_block_opt: %d\n", rc);
    coap_delete_pdu(pdu);
    return rc < 0;
  }
  return 2;
}
