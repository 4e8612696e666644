/* libebur128 driver: a loudness meter set up and queried the wrong way.
 *
 * Modes are given as names joined by '+': M, S, I, LRA, PEAK, TRUEPEAK, HIST
 * (EBUR128_MODE_*), e.g. "I+HIST"; "0" is no mode at all. Every state that is
 * made gets 0.1 s of a 1 kHz sine (ebur128_add_frames_float) before the query.
 * "oom" caps the address space at 512 MiB (RLIMIT_AS) first, so that an
 * allocation of gigabytes fails whatever the machine's RAM or overcommit policy.
 *
 *   init CH RATE MODE [oom]        ebur128_init()
 *   global MODE                    ebur128_loudness_global() on a stereo 48 kHz state
 *   multiple MODE1 MODE2           ebur128_loudness_global_multiple() over { NULL, st1, st2 }
 *   range MODE                     ebur128_loudness_range()
 *   rangemulti MODE1 MODE2         ebur128_loudness_range_multiple() over { st1, st2 }
 *   shortterm MODE                 ebur128_loudness_shortterm()
 *   momentary RATE MODE            ebur128_loudness_momentary() on a mono state at RATE
 *   window MODE MS                 ebur128_loudness_window()
 *   maxwindow MODE MS [oom]        ebur128_set_max_window()
 *   chparams CH RATE NEWCH NEWRATE [oom]   ebur128_change_parameters()
 *   setchannel CH INDEX VALUE      ebur128_set_channel() (VALUE: a number or DUAL_MONO)
 *   truepeak CH INDEX              ebur128_true_peak() on a TRUEPEAK state
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "ebur128.h"

static int parse_mode(const char *s) {
  char buf[128];
  int mode = 0;
  char *tok, *save = NULL;

  snprintf(buf, sizeof buf, "%s", s);
  for (tok = strtok_r(buf, "+", &save); tok; tok = strtok_r(NULL, "+", &save)) {
    if (!strcmp(tok, "M")) mode |= EBUR128_MODE_M;
    else if (!strcmp(tok, "S")) mode |= EBUR128_MODE_S;
    else if (!strcmp(tok, "I")) mode |= EBUR128_MODE_I;
    else if (!strcmp(tok, "LRA")) mode |= EBUR128_MODE_LRA;
    else if (!strcmp(tok, "PEAK")) mode |= EBUR128_MODE_SAMPLE_PEAK;
    else if (!strcmp(tok, "TRUEPEAK")) mode |= EBUR128_MODE_TRUE_PEAK;
    else if (!strcmp(tok, "HIST")) mode |= EBUR128_MODE_HISTOGRAM;
    else mode |= (int) strtol(tok, NULL, 0);
  }
  return mode;
}

static void cap_memory(void) {
  struct rlimit rl = { 512UL << 20, 512UL << 20 };
  if (setrlimit(RLIMIT_AS, &rl) != 0) {
    perror("setrlimit");
    exit(2);
  }
}

static ebur128_state *make(unsigned int channels, unsigned long rate, int mode) {
  ebur128_state *st = ebur128_init(channels, rate, mode);
  size_t frames = (rate + 5) / 10, i, c;
  float *buf;

  if (!st) {
    fprintf(stderr, "ebur128_init(%u, %lu, %d) failed\n", channels, rate, mode);
    exit(2);
  }
  buf = malloc(frames * channels * sizeof(float));
  for (i = 0; i < frames; i++)
    for (c = 0; c < channels; c++)
      buf[i * channels + c] = (float) (0.5 * sin(2 * M_PI * 1000.0 * (double) i / (double) rate));
  ebur128_add_frames_float(st, buf, frames);
  free(buf);
  return st;
}

int main(int argc, char **argv) {
  double out = 0.0;
  int rc;

  if (argc < 2) {
    fprintf(stderr, "usage: %s SCENARIO ARGS...\n", argv[0]);
    return 2;
  }
  if (!strcmp(argv[argc - 1], "oom")) {
    cap_memory();
    argc--;
  }

  if (!strcmp(argv[1], "init") && argc == 5) {
    ebur128_state *st = ebur128_init((unsigned int) strtoul(argv[2], NULL, 0),
                                     strtoul(argv[3], NULL, 0), parse_mode(argv[4]));
    printf("ebur128_init: %p\n", (void *) st);
    if (st) ebur128_destroy(&st);
    return 0;
  }
  if (!strcmp(argv[1], "global") && argc == 3) {
    ebur128_state *st = make(2, 48000, parse_mode(argv[2]));
    rc = ebur128_loudness_global(st, &out);
    printf("ebur128_loudness_global: %d (%f)\n", rc, out);
    ebur128_destroy(&st);
    return 0;
  }
  if (!strcmp(argv[1], "multiple") && argc == 4) {
    ebur128_state *sts[3] = { NULL, make(2, 48000, parse_mode(argv[2])),
                              make(2, 48000, parse_mode(argv[3])) };
    rc = ebur128_loudness_global_multiple(sts, 3, &out);
    printf("ebur128_loudness_global_multiple: %d (%f)\n", rc, out);
    ebur128_destroy(&sts[1]);
    ebur128_destroy(&sts[2]);
    return 0;
  }
  if (!strcmp(argv[1], "range") && argc == 3) {
    ebur128_state *st = make(2, 48000, parse_mode(argv[2]));
    rc = ebur128_loudness_range(st, &out);
    printf("ebur128_loudness_range: %d (%f)\n", rc, out);
    ebur128_destroy(&st);
    return 0;
  }
  if (!strcmp(argv[1], "rangemulti") && argc == 4) {
    ebur128_state *sts[2] = { make(2, 48000, parse_mode(argv[2])),
                              make(2, 48000, parse_mode(argv[3])) };
    rc = ebur128_loudness_range_multiple(sts, 2, &out);
    printf("ebur128_loudness_range_multiple: %d (%f)\n", rc, out);
    ebur128_destroy(&sts[0]);
    ebur128_destroy(&sts[1]);
    return 0;
  }
  if (!strcmp(argv[1], "shortterm") && argc == 3) {
    ebur128_state *st = make(2, 48000, parse_mode(argv[2]));
    rc = ebur128_loudness_shortterm(st, &out);
    printf("ebur128_loudness_shortterm: %d (%f)\n", rc, out);
    ebur128_destroy(&st);
    return 0;
  }
  if (!strcmp(argv[1], "momentary") && argc == 4) {
    ebur128_state *st = make(1, strtoul(argv[2], NULL, 0), parse_mode(argv[3]));
    rc = ebur128_loudness_momentary(st, &out);
    printf("ebur128_loudness_momentary: %d (%f)\n", rc, out);
    ebur128_destroy(&st);
    return 0;
  }
  if (!strcmp(argv[1], "window") && argc == 4) {
    ebur128_state *st = make(2, 48000, parse_mode(argv[2]));
    rc = ebur128_loudness_window(st, strtoul(argv[3], NULL, 0), &out);
    printf("ebur128_loudness_window: %d (%f)\n", rc, out);
    ebur128_destroy(&st);
    return 0;
  }
  if (!strcmp(argv[1], "maxwindow") && argc == 4) {
    ebur128_state *st = make(2, 48000, parse_mode(argv[2]));
    rc = ebur128_set_max_window(st, strtoul(argv[3], NULL, 0));
    printf("ebur128_set_max_window: %d\n", rc);
    ebur128_destroy(&st);
    return 0;
  }
  if (!strcmp(argv[1], "chparams") && argc == 6) {
    ebur128_state *st = make((unsigned int) strtoul(argv[2], NULL, 0),
                             strtoul(argv[3], NULL, 0), EBUR128_MODE_S);
    rc = ebur128_change_parameters(st, (unsigned int) strtoul(argv[4], NULL, 0),
                                   strtoul(argv[5], NULL, 0));
    printf("ebur128_change_parameters: %d\n", rc);
    /* after a failed change the state is unusable (the header says so): not destroyed */
    return 0;
  }
  if (!strcmp(argv[1], "setchannel") && argc == 5) {
    ebur128_state *st = make((unsigned int) strtoul(argv[2], NULL, 0), 48000, EBUR128_MODE_I);
    int value = !strcmp(argv[4], "DUAL_MONO") ? EBUR128_DUAL_MONO
                                              : (int) strtol(argv[4], NULL, 0);
    rc = ebur128_set_channel(st, (unsigned int) strtoul(argv[3], NULL, 0), value);
    printf("ebur128_set_channel: %d\n", rc);
    ebur128_destroy(&st);
    return 0;
  }
  if (!strcmp(argv[1], "truepeak") && argc == 4) {
    ebur128_state *st = make((unsigned int) strtoul(argv[2], NULL, 0), 48000,
                             EBUR128_MODE_TRUE_PEAK);
    rc = ebur128_true_peak(st, (unsigned int) strtoul(argv[3], NULL, 0), &out);
    printf("ebur128_true_peak: %d (%f)\n", rc, out);
    ebur128_destroy(&st);
    return 0;
  }
  fprintf(stderr, "bad scenario\n");
  return 2;
}
