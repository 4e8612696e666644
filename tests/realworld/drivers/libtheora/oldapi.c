/* libtheora driver for the pre-1.0 API (theora.h): argv[1] selects
     vorbis    theora_decode_header() handed a Vorbis identification header
     reserved  theora_decode_packetin() handed a keyframe whose three
               reserved header bits are set (after a full header decode) */
#include <ogg/ogg.h>
#include <theora/theora.h>
#include "theora_common.h"

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  theora_info ci;
  theora_comment cc;
  ogg_packet op;
  theora_info_init(&ci);
  theora_comment_init(&cc);
  if (!strcmp(mode, "vorbis")) {
    to_packet(&op, vorbis_id, sizeof(vorbis_id), 1, 0);
    printf("theora_decode_header(vorbis) = %d\n", theora_decode_header(&ci, &cc, &op));
  } else if (!strcmp(mode, "reserved")) {
    theora_state td;
    unsigned char frame[2] = {0x00, 0x70}; /* data, keyframe, qi 0, one qi, reserved=7 */
    int i;
    make_headers();
    for (i = 0; i < 3; i++) {
      to_packet(&op, hdr[i].data, hdr[i].bytes, i == 0, i);
      printf("theora_decode_header(%d) = %d\n", i, theora_decode_header(&ci, &cc, &op));
    }
    if (theora_decode_init(&td, &ci) != 0) { fprintf(stderr, "theora_decode_init failed\n"); return 2; }
    to_packet(&op, frame, sizeof(frame), 0, 3);
    printf("theora_decode_packetin(frame) = %d\n", theora_decode_packetin(&td, &op));
    theora_clear(&td);
  } else {
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
  }
  theora_comment_clear(&cc);
  theora_info_clear(&ci);
  return 0;
}
