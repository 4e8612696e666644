/* errtrail real-library corpus: libsoxr's libsamplerate-compatible API (soxr-lsr)
 * with bad input. argv[1] selects the scenario. */
#include <stdio.h>
#include <string.h>
#include <soxr-lsr.h>

int main(int argc, char **argv)
{
  const char *s = argc > 1 ? argv[1] : "";
  float in[8] = {0, .25f, .5f, .25f, 0, -.25f, -.5f, -.25f};
  float out[16];
  SRC_DATA d;
  int err = 0;

  memset(&d, 0, sizeof d);
  d.data_in = in, d.input_frames = 8;
  d.data_out = out, d.output_frames = 16;
  d.src_ratio = 48000. / 44100;

  if (!strcmp(s, "simple-channels")) {
    printf("src_simple: %d\n", src_simple(&d, SRC_SINC_FASTEST, 0));
  } else if (!strcmp(s, "simple-ratio")) {
    d.src_ratio = 0; /* ratio left unset */
    printf("src_simple: %d\n", src_simple(&d, SRC_SINC_FASTEST, 1));
  } else if (!strcmp(s, "set-ratio")) {
    SRC_STATE *st = src_new(SRC_SINC_FASTEST, 1, &err);
    printf("src_new: %p %d\n", (void *)st, err);
    printf("src_set_ratio: %d\n", src_set_ratio(st, -2.0));
    src_delete(st);
  } else {
    fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
    return 2;
  }
  return 0;
}
