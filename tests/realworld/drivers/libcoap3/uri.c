/* libcoap3 URI helpers (src/uri.c) with malformed URIs.
 *   uri split URI     coap_split_uri()
 *   uri new URI       coap_new_uri()
 *   uri path PROXYURI coap_get_uri_path() on a GET request carrying Proxy-Uri */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <coap3/coap.h>

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  coap_startup();
  const uint8_t *s = (const uint8_t *)argv[2];
  size_t len = strlen(argv[2]);
  if (!strcmp(argv[1], "split")) {
    coap_uri_t uri;
    int rc = coap_split_uri(s, len, &uri);
    printf("coap_split_uri: %d\n", rc);
    return rc < 0;
  }
  if (!strcmp(argv[1], "new")) {
    coap_uri_t *uri = coap_new_uri(s, (unsigned)len);
    printf("coap_new_uri: %s\n", uri ? "ok" : "NULL");
    coap_free(uri);
    return uri == NULL;
  }
  if (!strcmp(argv[1], "path")) {
    coap_pdu_t *pdu = coap_pdu_init(COAP_MESSAGE_CON, COAP_REQUEST_CODE_GET, 1, 256);
    if (!pdu || !coap_add_option(pdu, COAP_OPTION_PROXY_URI, len, s))
      return 3;
    coap_string_t *path = coap_get_uri_path(pdu);
    printf("coap_get_uri_path: %s\n", path ? "ok" : "NULL");
    coap_delete_string(path);
    coap_delete_pdu(pdu);
    return path == NULL;
  }
  return 2;
}
