/* errtrail real-library corpus: libsoxr's native API with bad input.
 * argv[1] selects the scenario; results are printed, nothing is written to disk. */
#include <stdio.h>
#include <string.h>
#include <soxr.h>

static void say(const char *what, soxr_error_t e)
{
  printf("%s: %s\n", what, e ? e : "ok");
}

int main(int argc, char **argv)
{
  const char *s = argc > 1 ? argv[1] : "";
  soxr_error_t err = 0;
  soxr_t p;
  float in[8] = {0, .25f, .5f, .25f, 0, -.25f, -.5f, -.25f};
  float out[16];
  size_t idone = 0, odone = 0;

  if (!strcmp(s, "iotype")) {
    /* an output datatype past SOXR_INT16_S: not one soxr knows */
    soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_INT16_I);
    io.otype = (soxr_datatype_t)9;
    p = soxr_create(44100, 48000, 1, &err, &io, NULL, NULL);
    say("soxr_create", err);
  } else if (!strcmp(s, "zero-rate")) {
    /* input rate left at 0 */
    p = soxr_create(0, 48000, 2, &err, NULL, NULL, NULL);
    say("soxr_create", err);
  } else if (!strcmp(s, "precision")) {
    soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
    q.precision = 40;
    p = soxr_create(44100, 48000, 1, &err, NULL, &q, NULL);
    say("soxr_create", err);
  } else if (!strcmp(s, "phase")) {
    soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
    q.phase_response = 150;
    p = soxr_create(44100, 48000, 1, &err, NULL, &q, NULL);
    say("soxr_create", err);
  } else if (!strcmp(s, "passband")) {
    soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
    q.passband_end = .3;
    p = soxr_create(44100, 48000, 1, &err, NULL, &q, NULL);
    say("soxr_create", err);
  } else if (!strcmp(s, "nochan")) {
    /* channels deferred (0), then the ratio set before them */
    p = soxr_create(44100, 48000, 0, &err, NULL, NULL, NULL);
    say("soxr_create", err);
    say("soxr_set_io_ratio", soxr_set_io_ratio(p, 44100. / 48000, 0));
    soxr_delete(p);
  } else if (!strcmp(s, "negratio")) {
    p = soxr_create(44100, 48000, 1, &err, NULL, NULL, NULL);
    say("soxr_create", err);
    say("soxr_set_io_ratio", soxr_set_io_ratio(p, -1, 0));
    soxr_delete(p);
  } else if (!strcmp(s, "vary")) {
    /* HQ is a fixed-rate resampler: the ratio cannot change once set */
    p = soxr_create(44100, 48000, 1, &err, NULL, NULL, NULL);
    say("soxr_create", err);
    say("soxr_set_io_ratio", soxr_set_io_ratio(p, 1, 0));
    soxr_delete(p);
  } else if (!strcmp(s, "chans-changed")) {
    p = soxr_create(44100, 48000, 2, &err, NULL, NULL, NULL);
    say("soxr_create", err);
    say("soxr_set_num_channels", soxr_set_num_channels(p, 1));
    soxr_delete(p);
  } else if (!strcmp(s, "chans-precision")) {
    soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
    q.precision = 40;
    p = soxr_create(44100, 48000, 0, &err, NULL, &q, NULL);
    say("soxr_create", err);
    say("soxr_set_num_channels", soxr_set_num_channels(p, 2));
    soxr_delete(p);
  } else if (!strcmp(s, "process-nullout")) {
    p = soxr_create(44100, 48000, 1, &err, NULL, NULL, NULL);
    say("soxr_create", err);
    say("soxr_process", soxr_process(p, in, 8, &idone, NULL, 16, &odone));
    soxr_delete(p);
  } else if (!strcmp(s, "oneshot-rate")) {
    say("soxr_oneshot", soxr_oneshot(0, 48000, 1, in, 8, &idone, out, 16, &odone,
                                     NULL, NULL, NULL));
  } else if (!strcmp(s, "oneshot-nullout")) {
    say("soxr_oneshot", soxr_oneshot(44100, 48000, 1, in, 8, &idone, NULL, 16, &odone,
                                     NULL, NULL, NULL));
  } else {
    fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
    return 2;
  }
  return 0;
}
