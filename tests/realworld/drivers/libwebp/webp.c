/* realworld corpus driver: libwebp's decoder, demuxer, muxer and encoder on bad input.
 *
 * The file a mode reads is put together in memory from ITEMs (no file is written):
 *   RIFF          a RIFF header "RIFF" <size> "WEBP"; its size is filled in at the end
 *                 (the bytes after the first 8)
 *   XXXX=HEX      a chunk: fourcc XXXX ('_' stands for a space: VP8_ is "VP8 "), its
 *                 little-endian payload size, the payload HEX and a pad byte when odd
 *   hex:HEX       raw bytes
 *   cut:N         drop the last N bytes (after the RIFF size was filled in)
 *
 * webp getinfo ITEM...           WebPGetInfo()
 * webp decode ITEM...            WebPDecode() with a default WebPDecoderConfig (RGB output)
 * webp rgbainto SIZE ITEM...     WebPDecodeRGBAInto() into a buffer of SIZE bytes, stride
 *                                4 * the width WebPGetInfo() reports
 * webp demux ITEM...             WebPDemux()
 * webp muxcreate ITEM...         WebPMuxCreate(copy_data 1)
 * webp muxsetimage ITEM...       WebPMuxSetImage() of the bytes on a new mux
 * webp muxassemble W H ITEM...   WebPMuxSetImage() of the bytes, WebPMuxSetCanvasSize(W, H),
 *                                WebPMuxAssemble()
 * webp encode KEY=VAL...         WebPEncode() of a picture (width=, height= default 4x4, the
 *                                picture is allocated only when both are positive) with a
 *                                default config changed by quality=, method=, lossless=
 * webp mkimage lossless|lossy W H  prints the hex of a W x H image libwebp encodes (grey,
 *                                opaque), from which the cases' bitstreams were taken
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>
#include <webp/encode.h>
#include <webp/mux.h>

static uint8_t buf[65536];
static size_t blen;

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

static size_t unhex(const char *s, uint8_t *out)
{
	size_t n = 0;

	while (s[0] && s[1]) {
		unsigned v;
		sscanf(s, "%2x", &v);
		out[n++] = (uint8_t)v;
		s += 2;
	}
	return n;
}

/* assemble ITEMs argv[0..argc-1] into buf */
static void assemble(int argc, char **argv)
{
	long riff_at = -1;
	size_t cut = 0;

	blen = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "RIFF") == 0) {
			riff_at = (long)blen;
			memcpy(buf + blen, "RIFF\0\0\0\0WEBP", 12);
			blen += 12;
		} else if (strncmp(a, "hex:", 4) == 0) {
			blen += unhex(a + 4, buf + blen);
		} else if (strncmp(a, "cut:", 4) == 0) {
			cut = strtoul(a + 4, NULL, 0);
		} else if (strlen(a) >= 5 && a[4] == '=') {
			size_t n;

			for (int k = 0; k < 4; k++)
				buf[blen + k] = a[k] == '_' ? ' ' : a[k];
			n = unhex(a + 5, buf + blen + 8);
			put_le32(buf + blen + 4, (uint32_t)n);
			blen += 8 + n;
			if (n & 1)
				buf[blen++] = 0;
		} else {
			fprintf(stderr, "bad item %s\n", a);
			exit(2);
		}
	}
	if (riff_at >= 0)
		put_le32(buf + riff_at + 4, (uint32_t)(blen - riff_at - 8));
	blen = cut < blen ? blen - cut : 0;
}

static void print_hex(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

static int encode(int argc, char **argv)
{
	WebPConfig config;
	WebPPicture pic;
	WebPMemoryWriter w;
	int width = 4, height = 4, ok;

	if (!WebPConfigInit(&config) || !WebPPictureInit(&pic))
		return 2;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (strncmp(a, "width=", 6) == 0)
			width = atoi(a + 6);
		else if (strncmp(a, "height=", 7) == 0)
			height = atoi(a + 7);
		else if (strncmp(a, "quality=", 8) == 0)
			config.quality = (float)atof(a + 8);
		else if (strncmp(a, "method=", 7) == 0)
			config.method = atoi(a + 7);
		else if (strncmp(a, "lossless=", 9) == 0)
			config.lossless = atoi(a + 9);
		else {
			fprintf(stderr, "bad setting %s\n", a);
			return 2;
		}
	}
	pic.width = width;
	pic.height = height;
	pic.use_argb = 1;
	if (width > 0 && height > 0) {
		if (!WebPPictureAlloc(&pic)) {
			fprintf(stderr, "WebPPictureAlloc failed: %d\n", pic.error_code);
			return 2;
		}
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				pic.argb[y * pic.argb_stride + x] = 0xff808080u;
	}
	WebPMemoryWriterInit(&w);
	pic.writer = WebPMemoryWrite;
	pic.custom_ptr = &w;
	ok = WebPEncode(&config, &pic);
	printf("WebPEncode: %d (error_code %d, %zu bytes)\n", ok, pic.error_code, w.size);
	WebPMemoryWriterClear(&w);
	WebPPictureFree(&pic);
	return 0;
}

static int mkimage(const char *kind, int w, int h)
{
	uint8_t *rgba = malloc((size_t)w * h * 4), *out = NULL;
	size_t n;

	for (int i = 0; i < w * h * 4; i++)
		rgba[i] = (i % 4 == 3) ? 0xff : 0x80;
	if (strcmp(kind, "lossless") == 0)
		n = WebPEncodeLosslessRGBA(rgba, w, h, w * 4, &out);
	else
		n = WebPEncodeRGBA(rgba, w, h, w * 4, 75.f, &out);
	print_hex(out, n);
	WebPFree(out);
	free(rgba);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode;

	if (argc < 2) {
		fprintf(stderr, "usage: webp MODE ARGS...\n");
		return 2;
	}
	mode = argv[1];
	if (strcmp(mode, "encode") == 0)
		return encode(argc - 2, argv + 2);
	if (strcmp(mode, "mkimage") == 0 && argc == 5)
		return mkimage(argv[2], atoi(argv[3]), atoi(argv[4]));
	if (strcmp(mode, "getinfo") == 0) {
		int w = -1, h = -1, ok;

		assemble(argc - 2, argv + 2);
		ok = WebPGetInfo(buf, blen, &w, &h);
		printf("WebPGetInfo: %d (%dx%d)\n", ok, w, h);
	} else if (strcmp(mode, "decode") == 0) {
		WebPDecoderConfig config;
		VP8StatusCode st;

		assemble(argc - 2, argv + 2);
		if (!WebPInitDecoderConfig(&config))
			return 2;
		st = WebPDecode(buf, blen, &config);
		printf("WebPDecode: %d\n", st);
		WebPFreeDecBuffer(&config.output);
	} else if (strcmp(mode, "rgbainto") == 0 && argc > 3) {
		size_t size = strtoul(argv[2], NULL, 0);
		uint8_t *out = malloc(size ? size : 1), *r;
		int w = 0, h = 0;

		assemble(argc - 3, argv + 3);
		WebPGetInfo(buf, blen, &w, &h);
		r = WebPDecodeRGBAInto(buf, blen, out, size, w * 4);
		printf("WebPDecodeRGBAInto(%dx%d into %zu bytes): %s\n", w, h, size,
		       r ? "ok" : "NULL");
		free(out);
	} else if (strcmp(mode, "demux") == 0) {
		WebPData data;
		WebPDemuxer *d;

		assemble(argc - 2, argv + 2);
		data.bytes = buf;
		data.size = blen;
		d = WebPDemux(&data);
		printf("WebPDemux: %s\n", d ? "ok" : "NULL");
		WebPDemuxDelete(d);
	} else if (strcmp(mode, "muxcreate") == 0) {
		WebPData data;
		WebPMux *m;

		assemble(argc - 2, argv + 2);
		data.bytes = buf;
		data.size = blen;
		m = WebPMuxCreate(&data, 1);
		printf("WebPMuxCreate: %s\n", m ? "ok" : "NULL");
		WebPMuxDelete(m);
	} else if (strcmp(mode, "muxsetimage") == 0) {
		WebPData data;
		WebPMux *m = WebPMuxNew();
		WebPMuxError e;

		assemble(argc - 2, argv + 2);
		data.bytes = buf;
		data.size = blen;
		e = WebPMuxSetImage(m, &data, 1);
		printf("WebPMuxSetImage: %d\n", e);
		WebPMuxDelete(m);
	} else if (strcmp(mode, "muxassemble") == 0 && argc > 4) {
		WebPData data, out;
		WebPMux *m = WebPMuxNew();
		WebPMuxError e;

		assemble(argc - 4, argv + 4);
		data.bytes = buf;
		data.size = blen;
		e = WebPMuxSetImage(m, &data, 1);
		printf("WebPMuxSetImage: %d\n", e);
		e = WebPMuxSetCanvasSize(m, atoi(argv[2]), atoi(argv[3]));
		printf("WebPMuxSetCanvasSize: %d\n", e);
		WebPDataInit(&out);
		e = WebPMuxAssemble(m, &out);
		printf("WebPMuxAssemble: %d (%zu bytes)\n", e, out.size);
		WebPDataClear(&out);
		WebPMuxDelete(m);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	return 0;
}
