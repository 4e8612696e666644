/* libtheora decoder driver: feeds th_decode_headerin()/th_decode_packetin()
   bad or damaged packets.  argv[1] selects the scenario:
     vorbis            a Vorbis identification header as the first packet
     version           an info header claiming bitstream version 4.2.1
     fps               an info header whose frame-rate numerator is 0
     comment_trunc     the comment header with its last 5 bytes cut off
     setup_trunc N     the setup header cut to N bytes
     quant_range       a setup header whose quantizer ranges add up to 64
     noinfo            th_decode_alloc() with a th_info never filled by headers
     packetin_header   the info header handed to th_decode_packetin()
     query             th_comment_query() for a tag the comments lack */
#include <ogg/ogg.h>
#include "theora_common.h"

static th_info info;
static th_comment tc;
static th_setup_info *setup;

static int headerin(unsigned char *data, long bytes, int bos, long packetno) {
  ogg_packet op;
  int ret;
  to_packet(&op, data, bytes, bos, packetno);
  ret = th_decode_headerin(&info, &tc, &setup, &op);
  printf("th_decode_headerin(packet %ld, %ld bytes) = %d\n", packetno, bytes, ret);
  return ret;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  th_info_init(&info);
  th_comment_init(&tc);
  setup = NULL;
  if (!strcmp(mode, "query")) {
    char *v;
    th_comment_add_tag(&tc, "TITLE", "errtrail");
    th_comment_add_tag(&tc, "ENCODER", "driver");
    v = th_comment_query(&tc, "ARTIST", 0);
    printf("th_comment_query(ARTIST) = %s\n", v ? v : "(null)");
    return 0;
  }
  if (!strcmp(mode, "vorbis")) {
    headerin(vorbis_id, sizeof(vorbis_id), 1, 0);
    return 0;
  }
  make_headers();
  if (!strcmp(mode, "version")) {
    hdr[0].data[7] = 4; /* VMAJ */
    headerin(hdr[0].data, hdr[0].bytes, 1, 0);
  } else if (!strcmp(mode, "fps")) {
    memset(hdr[0].data + 22, 0, 4); /* FRN */
    headerin(hdr[0].data, hdr[0].bytes, 1, 0);
  } else if (!strcmp(mode, "comment_trunc")) {
    headerin(hdr[0].data, hdr[0].bytes, 1, 0);
    headerin(hdr[1].data, hdr[1].bytes - 5, 0, 1);
  } else if (!strcmp(mode, "setup_trunc")) {
    long n = argc > 2 ? atol(argv[2]) : hdr[2].bytes / 2;
    headerin(hdr[0].data, hdr[0].bytes, 1, 0);
    headerin(hdr[1].data, hdr[1].bytes, 0, 1);
    printf("setup header: %ld bytes\n", hdr[2].bytes);
    headerin(hdr[2].data, n, 0, 2);
  } else if (!strcmp(mode, "quant_range")) {
    oggpack_buffer opb;
    int i;
    oggpackB_writeinit(&opb);
    oggpackB_write(&opb, 0x82, 8);
    for (i = 0; i < 6; i++) oggpackB_write(&opb, "theora"[i], 8);
    oggpackB_write(&opb, 1, 3);                              /* loop filter limits: 1 bit each */
    for (i = 0; i < 64; i++) oggpackB_write(&opb, 0, 1);
    oggpackB_write(&opb, 0, 4);                              /* AC scales: 1 bit each */
    for (i = 0; i < 64; i++) oggpackB_write(&opb, 1, 1);
    oggpackB_write(&opb, 0, 4);                              /* DC scales: 1 bit each */
    for (i = 0; i < 64; i++) oggpackB_write(&opb, 1, 1);
    oggpackB_write(&opb, 0, 9);                              /* one base matrix */
    for (i = 0; i < 64; i++) oggpackB_write(&opb, 16, 8);
    oggpackB_write(&opb, 63, 6);                             /* first range: 64 quantizers */
    oggpackB_write(&opb, 0, 8);
    headerin(hdr[0].data, hdr[0].bytes, 1, 0);
    headerin(hdr[1].data, hdr[1].bytes, 0, 1);
    headerin(oggpackB_get_buffer(&opb), oggpackB_bytes(&opb), 0, 2);
    oggpackB_writeclear(&opb);
  } else if (!strcmp(mode, "noinfo") || !strcmp(mode, "packetin_header")) {
    th_dec_ctx *dec;
    int i;
    for (i = 0; i < 3; i++) headerin(hdr[i].data, hdr[i].bytes, i == 0, i);
    if (!strcmp(mode, "noinfo")) {
      th_info fresh;
      th_info_init(&fresh);
      dec = th_decode_alloc(&fresh, setup);
      printf("th_decode_alloc(fresh info) = %p\n", (void *)dec);
    } else {
      ogg_packet op;
      ogg_int64_t gp = -1;
      dec = th_decode_alloc(&info, setup);
      if (dec == NULL) { fprintf(stderr, "th_decode_alloc failed\n"); return 2; }
      to_packet(&op, hdr[0].data, hdr[0].bytes, 1, 0);
      printf("th_decode_packetin(info header) = %d\n", th_decode_packetin(dec, &op, &gp));
    }
    th_decode_free(dec);
  } else {
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
  }
  th_setup_free(setup);
  th_comment_clear(&tc);
  th_info_clear(&info);
  return 0;
}
