/* libsbc codec driver: encodes and decodes frames made in memory (no files).
 *
 *   parse SRC DEC [OP...]  encode one frame with an SRC encoder ("sbc": mono,
 *                          44.1 kHz, 4 subbands, 4 blocks, loudness, bitpool 8;
 *                          "msbc": sbc_init_msbc() defaults), apply the OPs,
 *                          then sbc_parse() it with a DEC decoder ("sbc":
 *                          sbc_init(), "msbc": sbc_init_msbc())
 *        OPs: byte=I:HH  set byte I of the frame to 0xHH
 *             len=N      hand sbc_parse() only the first N bytes
 *             h2         prefix the frame with an HFP H2 header (01 08), as
 *                        the SCO packet carries it
 *   encode-short N         sbc_init() defaults, sbc_encode() with N bytes of PCM
 *   encode-nospc N         sbc_init() defaults, sbc_encode() into an N-byte buffer
 *   encode-bitpool BP      mono, 4 subbands, bitpool BP, one sbc_encode()
 *   implinfo-finished      sbc_init(), sbc_finish(), sbc_get_implementation_info()
 *   duration FREQ          sbc_init(), sbc.frequency = FREQ, sbc_get_frame_duration()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sbc/sbc.h>

static unsigned char pcm[4096];
static unsigned char out[4096];

static void fill_pcm(void)
{
	/* a deterministic saw-tooth, little-endian 16-bit */
	for (size_t i = 0; i < sizeof(pcm) / 2; i++) {
		int s = (int) ((i * 1237) % 20000) - 10000;
		pcm[2 * i] = s & 0xff;
		pcm[2 * i + 1] = (s >> 8) & 0xff;
	}
}

static void setup_small(sbc_t *sbc)
{
	sbc_init(sbc, 0);
	sbc->frequency = SBC_FREQ_44100;
	sbc->mode = SBC_MODE_MONO;
	sbc->subbands = SBC_SB_4;
	sbc->blocks = SBC_BLK_4;
	sbc->allocation = SBC_AM_LOUDNESS;
	sbc->bitpool = 8;
}

static int do_parse(int argc, char **argv)
{
	sbc_t enc, dec;
	unsigned char frame[512];
	ssize_t written = 0, r;
	size_t len, off = 0;

	if (argc < 4)
		return 2;
	if (!strcmp(argv[2], "msbc"))
		sbc_init_msbc(&enc, 0);
	else
		setup_small(&enc);
	r = sbc_encode(&enc, pcm, sbc_get_codesize(&enc), out, sizeof(out), &written);
	printf("encoded %zd bytes of PCM into a %zd-byte frame\n", r, written);
	sbc_finish(&enc);
	if (written <= 0)
		return 1;

	for (int i = 4; i < argc; i++)
		if (!strcmp(argv[i], "h2"))
			off = 2;
	memset(frame, 0, sizeof(frame));
	frame[0] = 0x01;
	frame[1] = 0x08;
	memcpy(frame + off, out, written);
	len = off + written;

	for (int i = 4; i < argc; i++) {
		unsigned idx, val;
		if (sscanf(argv[i], "byte=%u:%x", &idx, &val) == 2 && idx < sizeof(frame))
			frame[idx] = val;
		else if (sscanf(argv[i], "len=%u", &idx) == 1)
			len = idx;
	}
	printf("frame:");
	for (size_t i = 0; i < len; i++)
		printf(" %02x", frame[i]);
	printf("\n");

	if (!strcmp(argv[3], "msbc"))
		sbc_init_msbc(&dec, 0);
	else
		sbc_init(&dec, 0);
	r = sbc_parse(&dec, frame, len);
	printf("sbc_parse(%zu bytes) = %zd\n", len, r);
	sbc_finish(&dec);
	return 0;
}

int main(int argc, char **argv)
{
	sbc_t sbc;
	ssize_t written = 0, r;

	if (argc < 2) {
		fprintf(stderr, "usage: %s parse|encode-short|encode-nospc|encode-bitpool|implinfo-finished|duration ...\n", argv[0]);
		return 2;
	}
	fill_pcm();

	if (!strcmp(argv[1], "parse"))
		return do_parse(argc, argv);

	if (!strcmp(argv[1], "encode-short") && argc > 2) {
		size_t n = strtoul(argv[2], NULL, 0);
		sbc_init(&sbc, 0);
		r = sbc_encode(&sbc, pcm, n, out, sizeof(out), &written);
		printf("codesize %zu; sbc_encode(%zu bytes) = %zd, written %zd\n",
		       sbc_get_codesize(&sbc), n, r, written);
	} else if (!strcmp(argv[1], "encode-nospc") && argc > 2) {
		size_t n = strtoul(argv[2], NULL, 0);
		sbc_init(&sbc, 0);
		r = sbc_encode(&sbc, pcm, sbc_get_codesize(&sbc), out, n, &written);
		printf("frame length %zu; sbc_encode(into %zu bytes) = %zd\n",
		       sbc_get_frame_length(&sbc), n, r);
	} else if (!strcmp(argv[1], "encode-bitpool") && argc > 2) {
		setup_small(&sbc);
		sbc.bitpool = strtoul(argv[2], NULL, 0);
		r = sbc_encode(&sbc, pcm, sbc_get_codesize(&sbc), out, sizeof(out), &written);
		printf("sbc_encode(bitpool %u) = %zd, written %zd\n", sbc.bitpool, r, written);
	} else if (!strcmp(argv[1], "implinfo-finished")) {
		const char *info;
		sbc_init(&sbc, 0);
		sbc_finish(&sbc);
		info = sbc_get_implementation_info(&sbc);
		printf("sbc_get_implementation_info(after sbc_finish) = %s\n", info ? info : "(null)");
		return 0;
	} else if (!strcmp(argv[1], "duration") && argc > 2) {
		sbc_init(&sbc, 0);
		sbc.frequency = strtoul(argv[2], NULL, 0);
		printf("sbc_get_frame_duration(frequency %u) = %u\n", sbc.frequency,
		       sbc_get_frame_duration(&sbc));
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	sbc_finish(&sbc);
	return 0;
}
