/* realworld corpus driver: libopus decoders, encoders and packets given bad arguments.
 * HEX is an Opus packet's bytes in hex (may be empty: "").
 *   opus deccreate FS CHANNELS          opus_decoder_create(FS, CHANNELS, &err)
 *   opus enccreate FS CHANNELS APP      opus_encoder_create(FS, CHANNELS, APP, &err)
 *   opus decode HEX FRAME_SIZE          opus_decode() of the packet into FRAME_SIZE samples
 *                                       per channel (48 kHz stereo decoder)
 *   opus parse HEX                      opus_packet_parse() of the packet
 *   opus nbframes HEX                   opus_packet_get_nb_frames() of the packet
 *   opus encctl REQUEST VALUE           opus_encoder_ctl(enc, REQUEST, VALUE) on a 48 kHz
 *                                       stereo OPUS_APPLICATION_AUDIO encoder
 *   opus msinit FS CHANNELS STREAMS COUPLED MAP,MAP,...
 *                                       opus_multistream_decoder_init() of a buffer of
 *                                       opus_multistream_decoder_get_size(STREAMS, COUPLED)
 * Each prints what the call returned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <opus.h>
#include <opus_multistream.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int unhex(const char *hex, unsigned char *out, int max)
{
	int n = 0;

	for (; n < max && hexval(hex[0]) >= 0 && hexval(hex[1]) >= 0; hex += 2)
		out[n++] = hexval(hex[0]) * 16 + hexval(hex[1]);
	return n;
}

int main(int argc, char **argv)
{
	unsigned char pkt[1500];
	int err = 0, n;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "deccreate") && argc == 4) {
		OpusDecoder *d = opus_decoder_create(atoi(argv[2]), atoi(argv[3]), &err);
		printf("opus_decoder_create: %p err %d\n", (void *)d, err);
		return d == NULL;
	}
	if (!strcmp(argv[1], "enccreate") && argc == 5) {
		OpusEncoder *e = opus_encoder_create(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), &err);
		printf("opus_encoder_create: %p err %d\n", (void *)e, err);
		return e == NULL;
	}
	if (!strcmp(argv[1], "decode") && argc == 4) {
		static opus_int16 pcm[5760 * 2];
		OpusDecoder *d = opus_decoder_create(48000, 2, &err);
		int fs = atoi(argv[3]);

		if (d == NULL)
			return 2;
		if (fs > 5760)
			return 2;
		n = unhex(argv[2], pkt, sizeof pkt);
		n = opus_decode(d, pkt, n, pcm, fs, 0);
		printf("opus_decode: %d\n", n);
		return n < 0;
	}
	if (!strcmp(argv[1], "parse") && argc == 3) {
		const unsigned char *frames[48];
		opus_int16 size[48];
		unsigned char toc;
		int off;

		n = unhex(argv[2], pkt, sizeof pkt);
		n = opus_packet_parse(pkt, n, &toc, frames, size, &off);
		printf("opus_packet_parse: %d\n", n);
		return n < 0;
	}
	if (!strcmp(argv[1], "nbframes") && argc == 3) {
		n = unhex(argv[2], pkt, sizeof pkt);
		n = opus_packet_get_nb_frames(pkt, n);
		printf("opus_packet_get_nb_frames: %d\n", n);
		return n < 0;
	}
	if (!strcmp(argv[1], "encctl") && argc == 4) {
		OpusEncoder *e = opus_encoder_create(48000, 2, OPUS_APPLICATION_AUDIO, &err);

		if (e == NULL)
			return 2;
		n = opus_encoder_ctl(e, atoi(argv[2]), (opus_int32)atoi(argv[3]));
		printf("opus_encoder_ctl: %d\n", n);
		return n < 0;
	}
	if (!strcmp(argv[1], "msinit") && argc == 7) {
		unsigned char map[256];
		int streams = atoi(argv[4]), coupled = atoi(argv[5]), i = 0;
		char *p = argv[6];
		OpusMSDecoder *st;

		while (*p && i < 256) {
			map[i++] = (unsigned char)strtol(p, &p, 10);
			if (*p == ',')
				p++;
		}
		st = malloc(opus_multistream_decoder_get_size(streams, coupled));
		if (st == NULL)
			return 2;
		n = opus_multistream_decoder_init(st, atoi(argv[2]), atoi(argv[3]), streams, coupled, map);
		printf("opus_multistream_decoder_init: %d\n", n);
		return n < 0;
	}
	return 2;
}
