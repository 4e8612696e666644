/* libtheora encoder driver: argv[1] selects the scenario:
     framesize  th_encode_alloc() with a 100x100 frame (not a multiple of 16)
     picwide    th_encode_alloc() with a 352-wide picture in a 320-wide frame
     huffdup    TH_ENCCTL_SET_HUFFMAN_CODES with two tokens sharing a code
     twopass    TH_ENCCTL_2PASS_IN fed a text file instead of pass-1 data */
#include <ogg/ogg.h>
#include "theora_common.h"

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  th_info ti;
  th_enc_ctx *enc;
  if (!strcmp(mode, "framesize")) {
    mkinfo(&ti, 100, 100);
    ti.frame_width = 100;
    ti.frame_height = 100;
    enc = th_encode_alloc(&ti);
    printf("th_encode_alloc(100x100 frame) = %p\n", (void *)enc);
  } else if (!strcmp(mode, "picwide")) {
    mkinfo(&ti, 320, 240);
    ti.pic_width = 352;
    enc = th_encode_alloc(&ti);
    printf("th_encode_alloc(352 wide picture in 320 frame) = %p\n", (void *)enc);
  } else if (!strcmp(mode, "huffdup")) {
    static th_huff_code codes[TH_NHUFFMAN_TABLES][TH_NDCT_TOKENS];
    int i, j;
    mkinfo(&ti, 16, 16);
    enc = th_encode_alloc(&ti);
    if (enc == NULL) { fprintf(stderr, "th_encode_alloc failed\n"); return 2; }
    for (i = 0; i < TH_NHUFFMAN_TABLES; i++)
      for (j = 0; j < TH_NDCT_TOKENS; j++) { codes[i][j].pattern = j; codes[i][j].nbits = 5; }
    codes[0][1].pattern = 0; /* token 1 gets token 0's code */
    printf("th_encode_ctl(SET_HUFFMAN_CODES) = %d\n",
           th_encode_ctl(enc, TH_ENCCTL_SET_HUFFMAN_CODES, codes, sizeof(codes)));
  } else if (!strcmp(mode, "twopass")) {
    char text[64];
    mkinfo(&ti, 16, 16);
    ti.target_bitrate = 100000;
    enc = th_encode_alloc(&ti);
    if (enc == NULL) { fprintf(stderr, "th_encode_alloc failed\n"); return 2; }
    memset(text, 0, sizeof(text));
    snprintf(text, sizeof(text), "# this is not a first-pass statistics file\n");
    printf("th_encode_ctl(2PASS_IN) = %d\n",
           th_encode_ctl(enc, TH_ENCCTL_2PASS_IN, text, sizeof(text)));
  } else {
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
  }
  th_encode_free(enc);
  th_info_clear(&ti);
  return 0;
}
