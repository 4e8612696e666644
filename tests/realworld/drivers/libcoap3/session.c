/* libcoap3 sessions and addresses (src/coap_session.c, src/coap_debug.c), no traffic:
 *   session client dtls|tls   coap_new_client_session() to 127.0.0.1:5684 in a library
 *                             built without (D)TLS (fails before any socket is made)
 *   session endpoint dtls|tls coap_new_endpoint() on 127.0.0.1:5684, likewise
 *   session print LEN         coap_print_addr() of 127.0.0.1:5683 into a LEN-byte buffer */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <coap3/coap.h>

static void loopback(coap_address_t *addr, unsigned short port) {
  coap_address_init(addr);
  addr->addr.sin.sin_family = AF_INET;
  addr->addr.sin.sin_port = htons(port);
  addr->addr.sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr->size = sizeof(addr->addr.sin);
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  coap_startup();
  coap_address_t addr;
  if (!strcmp(argv[1], "print")) {
    unsigned char buf[64];
    size_t len = strtoul(argv[2], NULL, 10);
    if (len == 0 || len > sizeof(buf))
      return 2;
    loopback(&addr, 5683);
    size_t n = coap_print_addr(&addr, buf, len);
    printf("coap_print_addr: %zu\n", n);
    return n == 0;
  }
  coap_proto_t proto = !strcmp(argv[2], "tls") ? COAP_PROTO_TLS : COAP_PROTO_DTLS;
  coap_context_t *ctx = coap_new_context(NULL);
  if (!ctx)
    return 3;
  loopback(&addr, 5684);
  int failed = 2;
  if (!strcmp(argv[1], "client")) {
    coap_session_t *session = coap_new_client_session(ctx, NULL, &addr, proto);
    printf("coap_new_client_session: %s\n", session ? "ok" : "NULL");
    failed = session == NULL;
  } else if (!strcmp(argv[1], "endpoint")) {
    coap_endpoint_t *ep = coap_new_endpoint(ctx, &addr, proto);
    printf("coap_new_endpoint: %s\n", ep ? "ok" : "NULL");
    failed = ep == NULL;
  }
  coap_free_context(ctx);
  coap_cleanup();
  return failed;
}
