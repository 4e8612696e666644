/* realworld corpus driver: libvorbis and libvorbisfile given bad files, streams and headers.
 * The driver writes the Ogg files it opens into the current directory (a fresh
 * temporary directory when build.py runs it); it builds their pages with libogg and
 * their Vorbis headers with libvorbisenc (mono, 44.1 kHz, VBR quality 0.4).
 *   vorbis fopen PATH              ov_fopen(PATH)
 *   vorbis empty                   ov_fopen() of an empty file, errtrail-empty.ogg
 *   vorbis othercodec              ov_open_callbacks() of an Ogg file whose only stream is
 *                                  not Vorbis: a BOS page holding "errtrail" and a second
 *                                  page of the same stream
 *   vorbis trunc                   ov_test() of an Ogg file that holds the identification
 *                                  and comment headers but ends before the setup header
 *   vorbis unseekpcm POS           ov_open_callbacks() with no seek function (a pipe-like
 *                                  stream) of the three headers, then ov_pcm_seek(POS)
 *   vorbis unseektime SECONDS      the same, then ov_time_seek(SECONDS)
 *   vorbis partopentime SECONDS    ov_test() of the three headers (no ov_test_open()), then
 *                                  ov_time_seek(SECONDS)
 *   vorbis headerin KIND           vorbis_synthesis_headerin() of one handmade packet:
 *                                  notvorbis (type 1, "vorbix"), notbos (a valid
 *                                  identification header without b_o_s), version (version
 *                                  1), channels0 (0 channels), commentfirst (a comment
 *                                  header before any identification header)
 * Each prints what the call returned.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ogg/ogg.h>
#include <vorbis/codec.h>
#include <vorbis/vorbisenc.h>
#include <vorbis/vorbisfile.h>

#define FILE_NAME "errtrail-vorbis.ogg"

static void put_page(FILE *f, ogg_page *og)
{
	fwrite(og->header, 1, og->header_len, f);
	fwrite(og->body, 1, og->body_len, f);
}

/* write the Vorbis headers (the first NHEADERS of them), one page each */
static void write_headers(int nheaders)
{
	vorbis_info vi;
	vorbis_comment vc;
	vorbis_dsp_state vd;
	ogg_packet h[3];
	ogg_stream_state os;
	ogg_page og;
	FILE *f;
	int i;

	vorbis_info_init(&vi);
	if (vorbis_encode_init_vbr(&vi, 1, 44100, 0.4f) != 0)
		exit(2);
	vorbis_comment_init(&vc);
	vorbis_analysis_init(&vd, &vi);
	vorbis_analysis_headerout(&vd, &vc, &h[0], &h[1], &h[2]);
	ogg_stream_init(&os, 1234);
	f = fopen(FILE_NAME, "wb");
	if (f == NULL)
		exit(2);
	for (i = 0; i < nheaders; i++) {
		ogg_stream_packetin(&os, &h[i]);
		while (ogg_stream_flush(&os, &og))
			put_page(f, &og);
	}
	if (fclose(f) != 0)
		exit(2);
}

static FILE *open_file(void)
{
	FILE *f = fopen(FILE_NAME, "rb");

	if (f == NULL)
		exit(2);
	return f;
}

static size_t cb_read(void *p, size_t s, size_t n, void *f)
{
	return fread(p, s, n, f);
}

static int cb_close(void *f)
{
	return fclose(f);
}

/* a handmade identification header: type 1, "vorbis", version, channels, rate 44100,
 * three zero bitrates, blocksizes 2^8 and 2^11, framing bit */
static long id_header(unsigned char *p, int version, int channels)
{
	long n = 0;

	p[n++] = 1;
	memcpy(p + n, "vorbis", 6);
	n += 6;
	p[n++] = version; p[n++] = 0; p[n++] = 0; p[n++] = 0;
	p[n++] = channels;
	p[n++] = 0x44; p[n++] = 0xac; p[n++] = 0; p[n++] = 0;
	memset(p + n, 0, 12);
	n += 12;
	p[n++] = 0xb8;
	p[n++] = 1;
	return n;
}

int main(int argc, char **argv)
{
	OggVorbis_File vf;
	ov_callbacks nosee = { cb_read, NULL, cb_close, NULL };
	int r;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "fopen") && argc == 3) {
		r = ov_fopen(argv[2], &vf);
		printf("ov_fopen: %d\n", r);
		return r < 0;
	}
	if (!strcmp(argv[1], "empty") && argc == 2) {
		FILE *f = fopen(FILE_NAME, "wb");

		if (f == NULL || fclose(f) != 0)
			return 2;
		r = ov_fopen(FILE_NAME, &vf);
		printf("ov_fopen: %d\n", r);
		return r < 0;
	}
	if (!strcmp(argv[1], "othercodec") && argc == 2) {
		ogg_stream_state os;
		ogg_packet op;
		ogg_page og;
		FILE *f = fopen(FILE_NAME, "wb");
		int i;

		if (f == NULL)
			return 2;
		ogg_stream_init(&os, 99);
		for (i = 0; i < 2; i++) {
			memset(&op, 0, sizeof op);
			op.packet = (unsigned char *)"errtrail";
			op.bytes = 8;
			op.b_o_s = i == 0;
			op.packetno = i;
			ogg_stream_packetin(&os, &op);
			while (ogg_stream_flush(&os, &og))
				put_page(f, &og);
		}
		if (fclose(f) != 0)
			return 2;
		r = ov_open_callbacks(open_file(), &vf, NULL, 0, OV_CALLBACKS_DEFAULT);
		printf("ov_open_callbacks: %d\n", r);
		return r < 0;
	}
	if (!strcmp(argv[1], "trunc") && argc == 2) {
		write_headers(2);
		r = ov_test(open_file(), &vf, NULL, 0);
		printf("ov_test: %d\n", r);
		return r < 0;
	}
	if (!strcmp(argv[1], "unseekpcm") && argc == 3) {
		write_headers(3);
		r = ov_open_callbacks(open_file(), &vf, NULL, 0, nosee);
		if (r != 0)
			return 2;
		r = ov_pcm_seek(&vf, atoll(argv[2]));
		printf("ov_pcm_seek: %d\n", r);
		return r < 0;
	}
	if (!strcmp(argv[1], "unseektime") && argc == 3) {
		write_headers(3);
		r = ov_open_callbacks(open_file(), &vf, NULL, 0, nosee);
		if (r != 0)
			return 2;
		r = ov_time_seek(&vf, atof(argv[2]));
		printf("ov_time_seek: %d\n", r);
		return r < 0;
	}
	if (!strcmp(argv[1], "partopentime") && argc == 3) {
		write_headers(3);
		r = ov_test(open_file(), &vf, NULL, 0);
		if (r != 0)
			return 2;
		r = ov_time_seek(&vf, atof(argv[2]));
		printf("ov_time_seek: %d\n", r);
		return r < 0;
	}
	if (!strcmp(argv[1], "headerin") && argc == 3) {
		unsigned char buf[64];
		vorbis_info vi;
		vorbis_comment vc;
		ogg_packet op;

		vorbis_info_init(&vi);
		vorbis_comment_init(&vc);
		memset(&op, 0, sizeof op);
		op.packet = buf;
		op.b_o_s = 1;
		if (!strcmp(argv[2], "notvorbis")) {
			op.bytes = id_header(buf, 0, 1);
			buf[6] = 'x';
		} else if (!strcmp(argv[2], "notbos")) {
			op.bytes = id_header(buf, 0, 1);
			op.b_o_s = 0;
		} else if (!strcmp(argv[2], "version")) {
			op.bytes = id_header(buf, 1, 1);
		} else if (!strcmp(argv[2], "channels0")) {
			op.bytes = id_header(buf, 0, 0);
		} else if (!strcmp(argv[2], "commentfirst")) {
			vorbis_comment tmp;
			ogg_packet cp;

			vorbis_comment_init(&tmp);
			if (vorbis_commentheader_out(&tmp, &cp) != 0)
				return 2;
			op = cp;
			op.b_o_s = 0;
		} else
			return 2;
		r = vorbis_synthesis_headerin(&vi, &vc, &op);
		printf("vorbis_synthesis_headerin: %d\n", r);
		return r < 0;
	}
	return 2;
}
