/* libmad driver: fixed-point, timer, error-string and decoder API calls with
 * bad arguments. argv[1] selects the scenario. */
#include <stdio.h>
#include <string.h>
#include <mad.h>

static enum mad_flow input(void *data, struct mad_stream *stream)
{
  (void) data; (void) stream;
  return MAD_FLOW_STOP;
}

static enum mad_flow output(void *data, struct mad_header const *header,
                            struct mad_pcm *pcm)
{
  (void) data; (void) header; (void) pcm;
  return MAD_FLOW_CONTINUE;
}

int main(int argc, char **argv)
{
  char const *what = argc > 1 ? argv[1] : "";

  if (strcmp(what, "fdiv") == 0) {
    /* 7.5 / 0.5 = 15: beyond the 4 integer bits of mad_fixed_t */
    mad_fixed_t q = mad_f_div(mad_f_tofixed(7.5), mad_f_tofixed(0.5));
    printf("fdiv: 0x%08lx\n", (unsigned long) q);
  }
  else if (strcmp(what, "timer") == 0) {
    mad_timer_t t;
    mad_timer_set(&t, 90, 1, 2);
    printf("seconds: %ld\n", mad_timer_count(t, MAD_UNITS_SECONDS));
    /* 7 is no enum mad_units value */
    printf("units 7: %ld\n", mad_timer_count(t, (enum mad_units) 7));
  }
  else if (strcmp(what, "errorstr") == 0) {
    struct mad_stream stream;
    char const *s;
    mad_stream_init(&stream);
    stream.error = (enum mad_error) 0x0240;  /* no such error code */
    s = mad_stream_errorstr(&stream);
    printf("errorstr: %s\n", s ? s : "(null)");
    mad_stream_finish(&stream);
  }
  else if (strcmp(what, "message") == 0) {
    /* a control message to a decoder that runs no async decoding process */
    struct mad_decoder decoder;
    char msg[16] = "stop";
    unsigned int len = sizeof msg;
    int rc;
    mad_decoder_init(&decoder, 0, input, 0, 0, output, 0, 0);
    rc = mad_decoder_run(&decoder, MAD_DECODER_MODE_SYNC);
    printf("run: %d\n", rc);
    rc = mad_decoder_message(&decoder, msg, &len);
    printf("message: %d\n", rc);
    mad_decoder_finish(&decoder);
  }
  else {
    fprintf(stderr, "usage: misc SCENARIO\n");
    return 2;
  }
  return 0;
}
