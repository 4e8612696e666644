/* Shared by the libtheora drivers: make real Theora header packets with the
   library's own encoder (16x16 frame, 25 fps, one comment TITLE=errtrail). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <theora/theoraenc.h>
#include <theora/theoradec.h>

typedef struct {
  unsigned char *data;
  long bytes;
  int bos;
} pkt_copy;

static pkt_copy hdr[3];

static void mkinfo(th_info *ti, int w, int h) {
  th_info_init(ti);
  ti->frame_width = (w + 15) & ~15;
  ti->frame_height = (h + 15) & ~15;
  ti->pic_width = w;
  ti->pic_height = h;
  ti->pic_x = 0;
  ti->pic_y = 0;
  ti->fps_numerator = 25;
  ti->fps_denominator = 1;
  ti->aspect_numerator = 1;
  ti->aspect_denominator = 1;
  ti->colorspace = TH_CS_UNSPECIFIED;
  ti->pixel_fmt = TH_PF_420;
  ti->quality = 32;
}

/* Fills hdr[0..2] with the info, comment and setup headers. */
static void make_headers(void) {
  th_info ti;
  th_comment tc;
  th_enc_ctx *enc;
  ogg_packet op;
  int i;
  mkinfo(&ti, 16, 16);
  enc = th_encode_alloc(&ti);
  if (enc == NULL) { fprintf(stderr, "th_encode_alloc failed\n"); exit(2); }
  th_comment_init(&tc);
  th_comment_add_tag(&tc, "TITLE", "errtrail");
  for (i = 0; i < 3; i++) {
    if (th_encode_flushheader(enc, &tc, &op) <= 0) { fprintf(stderr, "flushheader\n"); exit(2); }
    hdr[i].data = malloc(op.bytes);
    memcpy(hdr[i].data, op.packet, op.bytes);
    hdr[i].bytes = op.bytes;
    hdr[i].bos = op.b_o_s;
  }
  th_comment_clear(&tc);
  th_encode_free(enc);
  th_info_clear(&ti);
}

static void to_packet(ogg_packet *op, unsigned char *data, long bytes, int bos, long packetno) {
  memset(op, 0, sizeof(*op));
  op->packet = data;
  op->bytes = bytes;
  op->b_o_s = bos;
  op->packetno = packetno;
}

/* A Vorbis identification header (stereo, 44100 Hz), the first packet of an
   Ogg Vorbis stream that a demuxer might hand to the Theora decoder. */
static unsigned char vorbis_id[30] = {
  0x01, 'v', 'o', 'r', 'b', 'i', 's', 0, 0, 0, 0, 2, 0x44, 0xac, 0, 0,
  0, 0, 0, 0, 0x00, 0xee, 0x02, 0x00, 0, 0, 0, 0, 0xb8, 0x01};
