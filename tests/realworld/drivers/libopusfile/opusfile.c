/* realworld corpus driver: libopusfile (0.12) with bad Opus headers, tags, pictures and
 * small Ogg/Opus streams built in memory with libogg.
 * opusfile returns negative OP_E* codes (OP_FALSE -1, OP_EFAULT -129, OP_EIMPL -130,
 * OP_EINVAL -131, OP_ENOTFORMAT -132, OP_EBADHEADER -133, OP_EVERSION -134,
 * OP_EBADPACKET -136, OP_EBADTIMESTAMP -139); the open calls return NULL and store the
 * code in *error.
 * Header packets (head NAME):
 *   family255  OpusHead v1, 2 channels, mapping family 255 (19 bytes)
 *   mapping    OpusHead v1, 2 channels, family 1, 1 stream, 1 coupled, mapping 0 5
 * Comment packets (tags NAME, tagsnull NAME):
 *   comment    vendor "v", 1 comment whose length field says 100 with 4 bytes left
 *   vendor     vendor length 1000 in a 20-byte packet
 * Pictures (picture NAME, METADATA_BLOCK_PICTURE base64 built here):
 *   dims       type 3, no MIME type or description, width 1 but height and depth 0
 *   mime       type 3, MIME type length 100 in a 32-byte block
 * Streams (one Ogg page per packet, serial 1234; head / tags / audio pages):
 *   ok         pre-skip 0, EOS audio page (granule 1920) with two 20 ms CELT packets
 *   preskip    pre-skip 312, no audio page
 *   smallgp    pre-skip 0, audio page (not EOS) with granule 100 and a 960-sample packet
 *   badpacket  as ok, one packet fb 82 (code 3, VBR, 2 frames, frame sizes missing)
 *   streams    family 1, 2 channels, 200 streams, 100 coupled, mapping 0 1, then as ok
 *   version    OpusHead version 16, then the tags page
 *   badtags    as ok, but the comment header's vendor length is 1000
 * Modes:
 *   opusfile head NAME            opus_head_parse(NAME)
 *   opusfile tags NAME            opus_tags_parse(&tags, NAME)
 *   opusfile tagsnull NAME        opus_tags_parse(NULL, NAME)
 *   opusfile gain                 opus_tags_get_track_gain() of R128_TRACK_GAIN=12x
 *   opusfile query                opus_tags_query(ARTIST, 1) of tags TITLE=t ARTIST=a
 *   opusfile picture NAME         opus_picture_tag_parse(NAME)
 *   opusfile test STREAM          op_test() on the stream's bytes
 *   opusfile testmem STREAM       op_test_memory()
 *   opusfile open STREAM          op_open_memory()
 *   opusfile seek STREAM N        op_open_memory(), then op_pcm_seek(N)
 *   opusfile read STREAM          op_open_memory(), then op_read_float()
 *   opusfile readcb STREAM        op_open_memory(), a decode callback that returns 7,
 *                                 then op_read_float()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ogg/ogg.h>
#include <opusfile.h>

static unsigned char *out;
static size_t outlen;

static void append(const unsigned char *p, long n)
{
	out = realloc(out, outlen + n);
	if (!out)
		exit(2);
	memcpy(out + outlen, p, n);
	outlen += n;
}

/* one packet on a page of its own */
static void page(ogg_stream_state *os, unsigned char *data, long bytes, int bos, int eos,
		 ogg_int64_t gp, long pno)
{
	ogg_packet op;
	ogg_page og;

	op.packet = data;
	op.bytes = bytes;
	op.b_o_s = bos;
	op.e_o_s = eos;
	op.granulepos = gp;
	op.packetno = pno;
	ogg_stream_packetin(os, &op);
	while (ogg_stream_flush(os, &og)) {
		append(og.header, og.header_len);
		append(og.body, og.body_len);
	}
}

static size_t opushead(unsigned char *h, int version, int channels, int preskip, int family)
{
	memcpy(h, "OpusHead", 8);
	h[8] = version;
	h[9] = channels;
	h[10] = preskip & 0xff;
	h[11] = preskip >> 8;
	h[12] = 0x80; /* 48000 */
	h[13] = 0xbb;
	h[14] = 0;
	h[15] = 0;
	h[16] = 0;
	h[17] = 0;
	h[18] = family;
	return 19;
}

static void le32(unsigned char *p, unsigned v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void be32(unsigned char *p, unsigned v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static size_t opustags(unsigned char *t, unsigned vendorlen)
{
	memcpy(t, "OpusTags", 8);
	le32(t + 8, vendorlen);
	t[12] = 'v';
	le32(t + 13, 0);
	return 17;
}

static int stream(const char *name)
{
	ogg_stream_state os;
	unsigned char head[32], tags[32];
	unsigned char celt[1] = {0xf8}, bad[2] = {0xfb, 0x82};
	size_t hlen, tlen;

	ogg_stream_init(&os, 1234);
	tlen = opustags(tags, 1);
	if (strcmp(name, "ok") == 0 || strcmp(name, "badpacket") == 0 ||
	    strcmp(name, "smallgp") == 0 || strcmp(name, "badtags") == 0)
		hlen = opushead(head, 1, 1, 0, 0);
	else if (strcmp(name, "preskip") == 0)
		hlen = opushead(head, 1, 1, 312, 0);
	else if (strcmp(name, "version") == 0)
		hlen = opushead(head, 16, 1, 0, 0);
	else if (strcmp(name, "streams") == 0) {
		hlen = opushead(head, 1, 2, 0, 1);
		head[hlen++] = 200;
		head[hlen++] = 100;
		head[hlen++] = 0;
		head[hlen++] = 1;
	} else {
		fprintf(stderr, "unknown stream %s\n", name);
		exit(2);
	}
	if (strcmp(name, "badtags") == 0)
		le32(tags + 8, 1000);
	page(&os, head, hlen, 1, 0, 0, 0);
	page(&os, tags, tlen, 0, strcmp(name, "preskip") == 0 || strcmp(name, "version") == 0,
	     0, 1);
	if (strcmp(name, "smallgp") == 0)
		page(&os, celt, 1, 0, 0, 100, 2);
	else if (strcmp(name, "badpacket") == 0)
		page(&os, bad, 2, 0, 1, 1920, 2);
	else if (strcmp(name, "streams") == 0)
		page(&os, celt, 1, 0, 1, 960, 2);
	else if (strcmp(name, "ok") == 0 || strcmp(name, "badtags") == 0) {
		ogg_packet op = {celt, 1, 0, 0, 960, 2};

		ogg_stream_packetin(&os, &op); /* shares the next packet's page */
		page(&os, celt, 1, 0, 1, 1920, 3);
	}
	ogg_stream_clear(&os);
	return 0;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *base64(const unsigned char *p, size_t n)
{
	char *s = malloc(4 * ((n + 2) / 3) + 1), *q = s;
	size_t i;

	for (i = 0; i < n; i += 3) {
		unsigned v = p[i] << 16 | (i + 1 < n ? p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);

		*q++ = b64[v >> 18 & 63];
		*q++ = b64[v >> 12 & 63];
		*q++ = i + 1 < n ? b64[v >> 6 & 63] : '=';
		*q++ = i + 2 < n ? b64[v & 63] : '=';
	}
	*q = 0;
	return s;
}

static int decode_cb(void *ctx, OpusMSDecoder *dec, void *pcm, const ogg_packet *op,
		     int nsamples, int nchannels, int format, int li)
{
	(void)ctx, (void)dec, (void)pcm, (void)op, (void)nsamples, (void)nchannels;
	(void)format, (void)li;
	return 7;
}

int main(int argc, char **argv)
{
	unsigned char pkt[64];
	size_t len = 0;
	int ret, err = 0;
	OpusTags tags;
	OggOpusFile *of;

	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "head") == 0 && argc == 3) {
		OpusHead h;

		if (strcmp(argv[2], "family255") == 0)
			len = opushead(pkt, 1, 2, 0, 255);
		else if (strcmp(argv[2], "mapping") == 0) {
			len = opushead(pkt, 1, 2, 0, 1);
			pkt[len++] = 1;
			pkt[len++] = 1;
			pkt[len++] = 0;
			pkt[len++] = 5;
		} else
			return 2;
		ret = opus_head_parse(&h, pkt, len);
		printf("opus_head_parse = %d\n", ret);
		return ret < 0;
	}
	if ((strcmp(argv[1], "tags") == 0 || strcmp(argv[1], "tagsnull") == 0) && argc == 3) {
		memcpy(pkt, "OpusTags", 8);
		if (strcmp(argv[2], "comment") == 0) {
			le32(pkt + 8, 1);
			pkt[12] = 'v';
			le32(pkt + 13, 1);
			le32(pkt + 17, 100);
			memcpy(pkt + 21, "A=bc", 4);
			len = 25;
		} else if (strcmp(argv[2], "vendor") == 0) {
			le32(pkt + 8, 1000);
			memset(pkt + 12, 'v', 8);
			len = 20;
		} else
			return 2;
		opus_tags_init(&tags);
		ret = opus_tags_parse(strcmp(argv[1], "tags") == 0 ? &tags : NULL, pkt, len);
		printf("opus_tags_parse = %d\n", ret);
		return ret < 0;
	}
	if (strcmp(argv[1], "gain") == 0 && argc == 2) {
		int gain = 0;

		opus_tags_init(&tags);
		if (opus_tags_add(&tags, "R128_TRACK_GAIN", "12x") < 0)
			return 2;
		ret = opus_tags_get_track_gain(&tags, &gain);
		printf("opus_tags_get_track_gain = %d\n", ret);
		opus_tags_clear(&tags);
		return ret < 0;
	}
	if (strcmp(argv[1], "query") == 0 && argc == 2) {
		const char *v;

		opus_tags_init(&tags);
		if (opus_tags_add(&tags, "TITLE", "t") < 0 || opus_tags_add(&tags, "ARTIST", "a") < 0)
			return 2;
		v = opus_tags_query(&tags, "ARTIST", 1);
		printf("opus_tags_query = %s\n", v ? v : "(null)");
		opus_tags_clear(&tags);
		return v == NULL;
	}
	if (strcmp(argv[1], "picture") == 0 && argc == 3) {
		OpusPictureTag pic;
		char *tag;

		memset(pkt, 0, 32);
		be32(pkt, 3);
		if (strcmp(argv[2], "dims") == 0)
			be32(pkt + 12, 1); /* width */
		else if (strcmp(argv[2], "mime") == 0)
			be32(pkt + 4, 100);
		else
			return 2;
		tag = base64(pkt, 32);
		opus_picture_tag_init(&pic);
		ret = opus_picture_tag_parse(&pic, tag);
		printf("opus_picture_tag_parse(%s) = %d\n", tag, ret);
		return ret < 0;
	}
	if (argc < 3)
		return 2;
	stream(argv[2]);
	if (strcmp(argv[1], "test") == 0 && argc == 3) {
		OpusHead h;

		ret = op_test(&h, out, outlen);
		printf("op_test = %d\n", ret);
		return ret < 0;
	}
	if (strcmp(argv[1], "testmem") == 0 && argc == 3) {
		of = op_test_memory(out, outlen, &err);
		printf("op_test_memory = %p, error %d\n", (void *)of, err);
		return of == NULL;
	}
	of = op_open_memory(out, outlen, &err);
	printf("op_open_memory = %p, error %d\n", (void *)of, err);
	if (of == NULL)
		return 1;
	if (strcmp(argv[1], "open") == 0 && argc == 3)
		return 0;
	if (strcmp(argv[1], "seek") == 0 && argc == 4) {
		printf("op_pcm_total = %lld\n", (long long)op_pcm_total(of, -1));
		ret = op_pcm_seek(of, atoll(argv[3]));
		printf("op_pcm_seek = %d\n", ret);
		return ret < 0;
	}
	if ((strcmp(argv[1], "read") == 0 || strcmp(argv[1], "readcb") == 0) && argc == 3) {
		static float pcm[5760 * 2];

		if (strcmp(argv[1], "readcb") == 0)
			op_set_decode_callback(of, decode_cb, NULL);
		ret = op_read_float(of, pcm, 5760 * 2, NULL);
		printf("op_read_float = %d\n", ret);
		return ret < 0;
	}
	return 2;
}
