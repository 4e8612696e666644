/* libid3tag tag parser: id3_tag_parse() on small malformed tags built in memory.
 * argv[1]: none | version | framesize | lowercase | zlib | crc */
#include <stdio.h>
#include <string.h>
#include <id3tag.h>

static unsigned char buf[256];

/* a 10-byte ID3v2 header for major version MAJOR, FLAGS, and BODYLEN bytes of BODY after it */
static size_t tag(int major, int flags, const unsigned char *body, size_t bodylen)
{
  buf[0] = 'I'; buf[1] = 'D'; buf[2] = '3';
  buf[3] = major; buf[4] = 0; buf[5] = flags;
  buf[6] = (bodylen >> 21) & 0x7f; buf[7] = (bodylen >> 14) & 0x7f;
  buf[8] = (bodylen >> 7) & 0x7f;  buf[9] = bodylen & 0x7f;
  memcpy(buf + 10, body, bodylen);
  return 10 + bodylen;
}

int main(int argc, char **argv)
{
  const char *what = argc > 1 ? argv[1] : "none";
  size_t len = 0;

  if (strcmp(what, "none") == 0) {
    /* a RIFF/WAVE header: no tag at all */
    memcpy(buf, "RIFF\x24\0\0\0WAVEfmt ", 16);
    len = 16;
  }
  else if (strcmp(what, "version") == 0) {
    /* ID3v2.5: a major version libid3tag does not know */
    static const unsigned char body[10] = { 'T', 'I', 'T', '2', 0, 0, 0, 2, 0, 0 };
    len = tag(5, 0, body, sizeof body);
  }
  else if (strcmp(what, "framesize") == 0) {
    /* ID3v2.4 TIT2 frame claiming 100 bytes with 5 present */
    static const unsigned char body[15] =
      { 'T', 'I', 'T', '2', 0, 0, 0, 100, 0, 0, 0, 'a', 'b', 'c', 'd' };
    len = tag(4, 0, body, sizeof body);
  }
  else if (strcmp(what, "lowercase") == 0) {
    /* ID3v2.4 frame with the invalid frame ID "tit2" */
    static const unsigned char body[15] =
      { 't', 'i', 't', '2', 0, 0, 0, 5, 0, 0, 0, 'a', 'b', 'c', 'd' };
    len = tag(4, 0, body, sizeof body);
  }
  else if (strcmp(what, "zlib") == 0) {
    /* ID3v2.4 TIT2 frame flagged compressed (+ data length 10) whose data is not zlib */
    static const unsigned char body[22] =
      { 'T', 'I', 'T', '2', 0, 0, 0, 12, 0, 0x09, 0, 0, 0, 10,
        'n', 'o', 't', ' ', 'z', 'l', 'i', 'b' };
    len = tag(4, 0, body, sizeof body);
  }
  else if (strcmp(what, "crc") == 0) {
    /* ID3v2.3 with an extended header whose CRC-32 does not match the frames */
    static const unsigned char body[14 + 15] =
      { 0, 0, 0, 10, 0x80, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78,
        'T', 'I', 'T', '2', 0, 0, 0, 5, 0, 0, 0, 'a', 'b', 'c', 'd' };
    len = tag(3, ID3_TAG_FLAG_EXTENDEDHEADER, body, sizeof body);
  }
  else {
    fprintf(stderr, "unknown scenario %s\n", what);
    return 2;
  }

  struct id3_tag *t = id3_tag_parse(buf, len);
  printf("id3_tag_parse(%s, %zu bytes): %p\n", what, len, (void *) t);
  if (t)
    id3_tag_delete(t);
  return t == 0;
}
