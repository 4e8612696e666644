/* errtrail realworld driver for libcbor: decode bytes given in hex with cbor_load().
 *
 *   load HEX      decode the bytes HEX names (e.g. "8201": an array of 2 with 1 item)
 *   load empty    decode 0 bytes
 *
 * Prints the cbor_load_result (error code, position, bytes read) and the item's type. */
#include <cbor.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t unhex(const char *hex, unsigned char *out, size_t max) {
  size_t n = 0;
  while (hex[0] && hex[1] && n < max) {
    unsigned v;
    if (sscanf(hex, "%2x", &v) != 1) break;
    out[n++] = (unsigned char)v;
    hex += 2;
  }
  return n;
}

int main(int argc, char **argv) {
  static unsigned char buf[4096];
  size_t len = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: %s HEX|empty\n", argv[0]);
    return 2;
  }
  if (strcmp(argv[1], "empty") != 0) len = unhex(argv[1], buf, sizeof buf);
  struct cbor_load_result res;
  memset(&res, 0, sizeof res);
  cbor_item_t *item = cbor_load(buf, len, &res);
  printf("cbor_load(%zu bytes) = %p: error.code %d, error.position %zu, read %zu\n", len,
         (void *)item, (int)res.error.code, res.error.position, res.read);
  if (item != NULL) {
    printf("type %d\n", (int)cbor_typeof(item));
    cbor_decref(&item);
    return 0;
  }
  return 1;
}
