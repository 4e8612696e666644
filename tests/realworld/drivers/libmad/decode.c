/* libmad driver: decode small, hand-made MPEG audio buffers with bad input.
 * argv[1] selects the scenario; everything is built in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mad.h>

static unsigned char buf[2048];

/* MSB-first bit writer for side information */
static unsigned int bitpos;
static void put(unsigned int value, unsigned int bits)
{
  while (bits--) {
    if (value & (1u << bits))
      buf[bitpos / 8] |= 0x80 >> (bitpos % 8);
    ++bitpos;
  }
}

/* one MPEG-1 mono granule channel without window switching */
static void granule(unsigned int part23, unsigned int big_values,
                    unsigned int table0)
{
  put(part23, 12);      /* part2_3_length */
  put(big_values, 9);   /* big_values */
  put(210, 8);          /* global_gain */
  put(0, 4);            /* scalefac_compress */
  put(0, 1);            /* window_switching_flag */
  put(table0, 5);       /* table_select[0] */
  put(1, 5);            /* table_select[1] */
  put(1, 5);            /* table_select[2] */
  put(7, 4);            /* region0_count */
  put(7, 3);            /* region1_count */
  put(0, 3);            /* preflag, scalefac_scale, count1table_select */
}

/* an MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono frame (417 bytes) and
 * MAD_BUFFER_GUARD zero bytes after it; returns the buffer length */
static unsigned long layer3(int crc, unsigned int big_values, unsigned int table0)
{
  memset(buf, 0, sizeof buf);
  buf[0] = 0xff;
  buf[1] = crc ? 0xfa : 0xfb;
  buf[2] = 0x90;
  buf[3] = 0xc0;
  bitpos = crc ? 48 : 32;  /* a CRC word of 0x0000 follows the header */
  put(0, 9);   /* main_data_begin */
  put(0, 5);   /* private_bits */
  put(0, 4);   /* scfsi */
  granule(100, big_values, table0);
  granule(0, 0, 1);
  return 417 + MAD_BUFFER_GUARD;
}

static void report(char const *what, int rc, struct mad_stream *stream)
{
  printf("%s: %d (%s)\n", what, rc, mad_stream_errorstr(stream));
}

int main(int argc, char **argv)
{
  struct mad_stream stream;
  struct mad_header header;
  struct mad_frame frame;
  char const *what = argc > 1 ? argv[1] : "";
  unsigned long len = 0;
  int rc;

  mad_stream_init(&stream);
  mad_header_init(&header);
  mad_frame_init(&frame);
  memset(buf, 0, sizeof buf);

  if (strcmp(what, "nobuffer") == 0) {
    /* mad_header_decode() before any mad_stream_buffer() */
    rc = mad_header_decode(&header, &stream);
    report(what, rc, &stream);
  }
  else if (strcmp(what, "badlayer") == 0 || strcmp(what, "bitrate") == 0 ||
           strcmp(what, "freeformat") == 0 || strcmp(what, "truncated") == 0) {
    buf[0] = 0xff;
    buf[1] = 0xfb;              /* MPEG-1 Layer III, no CRC */
    buf[2] = 0x90;              /* 128 kbit/s, 44.1 kHz */
    buf[3] = 0xc0;              /* mono */
    len = 64;
    if (strcmp(what, "badlayer") == 0)
      buf[1] = 0xf9;            /* layer bits 00: reserved */
    else if (strcmp(what, "bitrate") == 0)
      buf[2] = 0xf0;            /* bitrate index 15: forbidden */
    else if (strcmp(what, "freeformat") == 0)
      buf[2] = 0x00;            /* free format, and no second frame */
    else
      len = 40;                 /* a 417-byte frame cut at 40 bytes */
    mad_stream_buffer(&stream, buf, len);
    rc = mad_header_decode(&header, &stream);
    report(what, rc, &stream);
  }
  else if (strcmp(what, "garbage") == 0) {
    memcpy(buf, "ID3garbage-not-an-mpeg-frame", 28);
    mad_stream_buffer(&stream, buf, 28);
    rc = mad_frame_decode(&frame, &stream);
    report(what, rc, &stream);
  }
  else if (strcmp(what, "sync") == 0) {
    /* no sync word anywhere in 64 bytes of text */
    memset(buf, 'x', 64);
    mad_stream_buffer(&stream, buf, 64);
    rc = mad_stream_sync(&stream);
    printf("%s: %d\n", what, rc);
  }
  else if (strcmp(what, "bigvalues") == 0 || strcmp(what, "hufftable") == 0 ||
           strcmp(what, "crc") == 0) {
    if (strcmp(what, "bigvalues") == 0)
      len = layer3(0, 300, 1);  /* big_values 300 > 288 */
    else if (strcmp(what, "hufftable") == 0)
      len = layer3(0, 10, 4);   /* table_select[0] 4: no such table */
    else
      len = layer3(1, 10, 1);   /* CRC word 0x0000 does not match */
    mad_stream_buffer(&stream, buf, len);
    rc = mad_frame_decode(&frame, &stream);
    report(what, rc, &stream);
  }
  else if (strcmp(what, "layer2mono") == 0) {
    buf[0] = 0xff;
    buf[1] = 0xfd;              /* MPEG-1 Layer II, no CRC */
    buf[2] = 0xc0;              /* 256 kbit/s, 44.1 kHz */
    buf[3] = 0xc0;              /* mono */
    len = 835 + MAD_BUFFER_GUARD;
    mad_stream_buffer(&stream, buf, len);
    rc = mad_frame_decode(&frame, &stream);
    report(what, rc, &stream);
  }
  else {
    fprintf(stderr, "usage: decode SCENARIO\n");
    return 2;
  }

  mad_frame_finish(&frame);
  mad_header_finish(&header);
  mad_stream_finish(&stream);
  return 0;
}
