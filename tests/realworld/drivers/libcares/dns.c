/* Feed c-ares' reply parsers small malformed DNS answers built here.
 *
 *   dns a-short      12-byte header cut to 5 bytes: ares_parse_a_reply
 *   dns a-rrlen      A answer whose RDLENGTH (4) runs past the buffer: ares_parse_a_reply
 *   dns a-qname      question name is a compression pointer to itself: ares_parse_a_reply
 *   dns name-loop    ares_expand_name on that self-pointer
 *   dns name-bits    ares_expand_name on a label byte 0x40 (reserved top bits 01)
 *   dns txt-qname    TXT reply whose question name starts with 0x80: ares_parse_txt_reply
 *   dns soa-qname    SOA reply whose question name points past the buffer: ares_parse_soa_reply
 *   dns soa-nosoa    SOA reply whose only answer is an A record: ares_parse_soa_reply
 */
#include <stdio.h>
#include <string.h>
#include <ares.h>

static unsigned char buf[512];
static int len;

static void put(const void *p, int n) { memcpy(buf + len, p, n); len += n; }
static void put16(unsigned v) { buf[len++] = v >> 8; buf[len++] = v & 0xff; }

static void header(unsigned qd, unsigned an)
{
  len = 0;
  put16(0x1234);      /* id */
  put16(0x8180);      /* response, rd, ra */
  put16(qd);
  put16(an);
  put16(0);
  put16(0);
}

static void question(unsigned type)
{
  put("\x07" "example" "\x03" "com", 12);
  buf[len++] = 0;
  put16(type);
  put16(1);           /* IN */
}

static void rr(unsigned type, unsigned rdlen)
{
  put16(0xc00c);      /* name: pointer to the question's */
  put16(type);
  put16(1);
  put16(0);
  put16(300);         /* ttl */
  put16(rdlen);
}

int main(int argc, char **argv)
{
  const char *what = argc > 1 ? argv[1] : "";
  struct hostent *host = NULL;
  int rc = -1;

  ares_library_init(ARES_LIB_INIT_ALL);
  if (!strcmp(what, "a-short")) {
    header(1, 1);
    rc = ares_parse_a_reply(buf, 5, &host, NULL, NULL);
  } else if (!strcmp(what, "a-rrlen")) {
    header(1, 1);
    question(1);
    rr(1, 4);
    put("\x7f\x00", 2);  /* two of the four address bytes */
    rc = ares_parse_a_reply(buf, len, &host, NULL, NULL);
  } else if (!strcmp(what, "a-qname")) {
    header(1, 0);
    put16(0xc00c);       /* offset 12: points at itself */
    put16(1);
    put16(1);
    rc = ares_parse_a_reply(buf, len, &host, NULL, NULL);
  } else if (!strcmp(what, "name-loop") || !strcmp(what, "name-bits")) {
    char *name = NULL;
    long enclen = 0;
    header(1, 0);
    if (!strcmp(what, "name-loop"))
      put16(0xc00c);
    else
      put("\x40" "abc", 4);
    buf[len++] = 0;
    put16(1);
    put16(1);
    rc = ares_expand_name(buf + 12, buf, len, &name, &enclen);
    if (rc == ARES_SUCCESS)
      printf("name %s (%ld bytes)\n", name, enclen);
    ares_free_string(name);
  } else if (!strcmp(what, "txt-qname")) {
    struct ares_txt_reply *txt = NULL;
    header(1, 1);
    put("\x80" "example", 8);
    buf[len++] = 0;
    put16(16);
    put16(1);
    rc = ares_parse_txt_reply(buf, len, &txt);
    if (txt)
      ares_free_data(txt);
  } else if (!strcmp(what, "soa-qname") || !strcmp(what, "soa-nosoa")) {
    struct ares_soa_reply *soa = NULL;
    header(1, 1);
    if (!strcmp(what, "soa-qname")) {
      put16(0xc0ff);     /* offset 255: past the end */
      put16(6);
      put16(1);
      rr(1, 4);
      put("\x7f\x00\x00\x01", 4);
    } else {
      question(6);
      rr(1, 4);
      put("\x7f\x00\x00\x01", 4);
    }
    rc = ares_parse_soa_reply(buf, len, &soa);
    if (soa)
      ares_free_data(soa);
  } else {
    fprintf(stderr, "usage: dns a-short|a-rrlen|a-qname|name-loop|name-bits|txt-qname|soa-qname|soa-nosoa\n");
    return 2;
  }
  if (host)
    ares_free_hostent(host);
  printf("%s: %d (%s)\n", what, rc, ares_strerror(rc));
  ares_library_cleanup();
  return rc == ARES_SUCCESS ? 0 : 1;
}
