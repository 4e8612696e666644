/* libsbc A2DP configuration driver: argv[1] selects the call, argv[2] the
 * A2DP SBC configuration bytes in hex (its length is the conf_len passed).
 *
 *   init HEX            sbc_init_a2dp(&sbc, 0, conf, len)
 *   reinit HEX          sbc_init() with defaults, then sbc_reinit_a2dp()
 *   reinit-uninit HEX   sbc_reinit_a2dp() on a zeroed sbc_t never initialised
 *   reinit-msbc-finished  sbc_init_msbc(), sbc_finish(), then sbc_reinit_msbc()
 *
 * Configuration bytes (little-endian bitfields of struct a2dp_sbc):
 * byte 0 = frequency << 4 | channel_mode, byte 1 = block_length << 4 |
 * subbands << 2 | allocation_method, byte 2 = min_bitpool, byte 3 = max_bitpool.
 * 21 15 02 35 selects 44.1 kHz, joint stereo, 16 blocks, 8 subbands, loudness.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sbc/sbc.h>

static size_t unhex(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;
	while (s[0] && s[1] && n < max) {
		unsigned v;
		if (sscanf(s, "%2x", &v) != 1)
			break;
		out[n++] = (unsigned char) v;
		s += 2;
	}
	return n;
}

int main(int argc, char **argv)
{
	sbc_t sbc;
	unsigned char conf[32];
	size_t len = 0;
	int r;

	if (argc < 2) {
		fprintf(stderr, "usage: %s init|reinit|reinit-uninit|reinit-msbc-finished [HEX]\n", argv[0]);
		return 2;
	}
	if (argc > 2)
		len = unhex(argv[2], conf, sizeof(conf));

	if (!strcmp(argv[1], "init")) {
		r = sbc_init_a2dp(&sbc, 0, conf, len);
		printf("sbc_init_a2dp(len %zu) = %d\n", len, r);
		if (r == 0)
			sbc_finish(&sbc);
	} else if (!strcmp(argv[1], "reinit")) {
		r = sbc_init(&sbc, 0);
		printf("sbc_init = %d\n", r);
		r = sbc_reinit_a2dp(&sbc, 0, conf, len);
		printf("sbc_reinit_a2dp(len %zu) = %d\n", len, r);
		sbc_finish(&sbc);
	} else if (!strcmp(argv[1], "reinit-uninit")) {
		memset(&sbc, 0, sizeof(sbc));
		r = sbc_reinit_a2dp(&sbc, 0, conf, len);
		printf("sbc_reinit_a2dp(uninitialised, len %zu) = %d\n", len, r);
	} else if (!strcmp(argv[1], "reinit-msbc-finished")) {
		r = sbc_init_msbc(&sbc, 0);
		printf("sbc_init_msbc = %d\n", r);
		sbc_finish(&sbc);
		r = sbc_reinit_msbc(&sbc, 0);
		printf("sbc_reinit_msbc(after sbc_finish) = %d\n", r);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	return 0;
}
