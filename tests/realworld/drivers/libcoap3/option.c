/* libcoap3 option encoding (src/coap_option.c).
 *   option parse HEX                coap_opt_parse() of the option bytes given in hex
 *   option encode MAXLEN DELTA LEN  coap_opt_encode() into a MAXLEN-byte buffer */
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
  if (!strcmp(argv[1], "parse")) {
    uint8_t data[64];
    coap_option_t opt;
    size_t len = unhex(argv[2], data, sizeof(data));
    size_t rc = coap_opt_parse(data, len, &opt);
    printf("coap_opt_parse: %zu\n", rc);
    return rc == 0;
  }
  if (!strcmp(argv[1], "encode") && argc > 4) {
    uint8_t buf[64], val[32];
    size_t maxlen = strtoul(argv[2], NULL, 10);
    uint16_t delta = (uint16_t)strtoul(argv[3], NULL, 10);
    size_t len = strtoul(argv[4], NULL, 10);
    if (maxlen > sizeof(buf) || len > sizeof(val))
      return 2;
    memset(val, 'v', len);
    size_t rc = coap_opt_encode(buf, maxlen, delta, val, len);
    printf("coap_opt_encode: %zu\n", rc);
    return rc == 0;
  }
  return 2;
}
