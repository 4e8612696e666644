/* libspeexdsp jitter buffer, echo canceller and preprocessor driver.
 *
 *   jitterctl REQ        jitter_buffer_ctl(jb, REQ, &value) on a fresh jitter buffer (step 20)
 *   jitterget SPAN       jitter_buffer_get() of SPAN on a fresh, empty jitter buffer
 *   jitteranother        jitter_buffer_get_another() on a fresh, empty jitter buffer
 *   echoctl REQ          speex_echo_ctl(st, REQ, &value), frame 160, filter 1024
 *   preprocessctl REQ    speex_preprocess_ctl(st, REQ, &value), frame 160, 8000 Hz
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <speex/speex_jitter.h>
#include <speex/speex_echo.h>
#include <speex/speex_preprocess.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s SCENARIO ARGS...\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    spx_int32_t value = 0;
    if (!strcmp(mode, "jitterctl") && argc == 3) {
        JitterBuffer *jb = jitter_buffer_init(20);
        int rc = jitter_buffer_ctl(jb, atoi(argv[2]), &value);
        printf("jitter_buffer_ctl: %d\n", rc);
        jitter_buffer_destroy(jb);
        return rc ? 1 : 0;
    }
    if (!strcmp(mode, "jitterget") && argc == 3) {
        JitterBuffer *jb = jitter_buffer_init(20);
        char data[64];
        JitterBufferPacket pkt;
        memset(&pkt, 0, sizeof pkt);
        pkt.data = data;
        pkt.len = sizeof data;
        spx_int32_t offset = -1;
        int rc = jitter_buffer_get(jb, &pkt, atoi(argv[2]), &offset);
        printf("jitter_buffer_get: %d timestamp %u span %u\n", rc, pkt.timestamp, pkt.span);
        jitter_buffer_destroy(jb);
        return rc ? 1 : 0;
    }
    if (!strcmp(mode, "jitteranother") && argc == 2) {
        JitterBuffer *jb = jitter_buffer_init(20);
        char data[64];
        JitterBufferPacket pkt;
        memset(&pkt, 0, sizeof pkt);
        pkt.data = data;
        pkt.len = sizeof data;
        int rc = jitter_buffer_get_another(jb, &pkt);
        printf("jitter_buffer_get_another: %d\n", rc);
        jitter_buffer_destroy(jb);
        return rc ? 1 : 0;
    }
    if (!strcmp(mode, "echoctl") && argc == 3) {
        SpeexEchoState *st = speex_echo_state_init(160, 1024);
        int rc = speex_echo_ctl(st, atoi(argv[2]), &value);
        printf("speex_echo_ctl: %d\n", rc);
        speex_echo_state_destroy(st);
        return rc ? 1 : 0;
    }
    if (!strcmp(mode, "preprocessctl") && argc == 3) {
        SpeexPreprocessState *st = speex_preprocess_state_init(160, 8000);
        int rc = speex_preprocess_ctl(st, atoi(argv[2]), &value);
        printf("speex_preprocess_ctl: %d\n", rc);
        speex_preprocess_state_destroy(st);
        return rc ? 1 : 0;
    }
    fprintf(stderr, "bad scenario or arguments\n");
    return 2;
}
