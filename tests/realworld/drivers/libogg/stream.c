/* realworld corpus driver: libogg's logical-stream layer (ogg_stream_*), encode and decode.
 *
 * stream serial           a page of stream 1 handed to ogg_stream_pagein() of a stream
 *                         initialised for serial number 2
 * stream version          a page whose stream structure version byte is 1 (checksum
 *                         recomputed) handed to ogg_stream_pagein()
 * stream uninit           ogg_stream_pagein() on an all-zero ogg_stream_state that was never
 *                         passed to ogg_stream_init()
 * stream gap packetout    pages 0 and 2 of a three-page stream (page 1 lost) handed to
 *                         ogg_stream_pagein(), then ogg_stream_packetout() until it fails
 * stream gap packetpeek   the same, then ogg_stream_packetpeek() after the first packet
 * stream negative         ogg_stream_packetin() of an ogg_packet whose bytes is -1
 * stream iovsum           ogg_stream_iovecin() of two iovecs of 2^62 bytes each (their sum
 *                         overflows a long)
 * stream flush            ogg_stream_flush() of a freshly initialised stream (no packets)
 * stream pageout          ogg_stream_pageout() on an all-zero, never initialised state
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ogg/ogg.h>

struct saved { unsigned char header[300]; long hlen; unsigned char body[300]; long blen; };

static void save(struct saved *s, const ogg_page *og)
{
	memcpy(s->header, og->header, og->header_len);
	s->hlen = og->header_len;
	memcpy(s->body, og->body, og->body_len);
	s->blen = og->body_len;
}

static ogg_page page_of(struct saved *s)
{
	ogg_page og = { s->header, s->hlen, s->body, s->blen };
	return og;
}

/* Encode NPAGES packets of 10 bytes ("pkt N....."), one page each, stream SERIAL. */
static void encode(int serial, struct saved *pages, int npages)
{
	ogg_stream_state os;
	unsigned char data[10];
	ogg_packet op;
	ogg_page og;

	if (ogg_stream_init(&os, serial)) { fprintf(stderr, "init failed\n"); exit(2); }
	for (int i = 0; i < npages; i++) {
		memset(data, 'a' + i, sizeof data);
		op.packet = data;
		op.bytes = sizeof data;
		op.b_o_s = i == 0;
		op.e_o_s = i == npages - 1;
		op.granulepos = i + 1;
		op.packetno = i;
		if (ogg_stream_packetin(&os, &op)) { fprintf(stderr, "packetin failed\n"); exit(2); }
		if (ogg_stream_flush(&os, &og) != 1) { fprintf(stderr, "flush failed\n"); exit(2); }
		save(&pages[i], &og);
	}
	ogg_stream_clear(&os);
}

int main(int argc, char **argv)
{
	static ogg_stream_state zero;    /* never initialised */
	struct saved pages[3];
	ogg_stream_state os;
	ogg_packet op;
	ogg_page og;
	int ret;

	if (argc < 2) return 2;
	const char *what = argv[1];

	if (!strcmp(what, "serial")) {
		encode(1, pages, 1);
		ogg_stream_init(&os, 2);
		og = page_of(&pages[0]);
		ret = ogg_stream_pagein(&os, &og);
		printf("ogg_stream_pagein: %d\n", ret);
	} else if (!strcmp(what, "version")) {
		encode(7, pages, 1);
		pages[0].header[4] = 1;
		og = page_of(&pages[0]);
		ogg_page_checksum_set(&og);
		ogg_stream_init(&os, 7);
		ret = ogg_stream_pagein(&os, &og);
		printf("ogg_stream_pagein: %d\n", ret);
	} else if (!strcmp(what, "uninit")) {
		encode(7, pages, 1);
		og = page_of(&pages[0]);
		ret = ogg_stream_pagein(&zero, &og);
		printf("ogg_stream_pagein: %d\n", ret);
	} else if (!strcmp(what, "gap") && argc > 2) {
		encode(7, pages, 3);
		ogg_stream_init(&os, 7);
		og = page_of(&pages[0]);
		printf("pagein 0: %d\n", ogg_stream_pagein(&os, &og));
		og = page_of(&pages[2]);
		printf("pagein 2: %d\n", ogg_stream_pagein(&os, &og));
		if (!strcmp(argv[2], "packetpeek")) {
			ret = ogg_stream_packetout(&os, &op);
			printf("ogg_stream_packetout: %d (%ld bytes)\n", ret, ret == 1 ? op.bytes : 0L);
			ret = ogg_stream_packetpeek(&os, &op);
			printf("ogg_stream_packetpeek: %d\n", ret);
		} else {
			do {
				ret = ogg_stream_packetout(&os, &op);
				printf("ogg_stream_packetout: %d\n", ret);
			} while (ret == 1);
		}
	} else if (!strcmp(what, "negative")) {
		unsigned char data[4] = "abc";
		ogg_stream_init(&os, 7);
		op.packet = data;
		op.bytes = -1;
		op.b_o_s = 1;
		op.e_o_s = 0;
		op.granulepos = 0;
		op.packetno = 0;
		ret = ogg_stream_packetin(&os, &op);
		printf("ogg_stream_packetin: %d\n", ret);
	} else if (!strcmp(what, "iovsum")) {
		ogg_iovec_t iov[2];
		unsigned char data[4] = "abc";
		ogg_stream_init(&os, 7);
		iov[0].iov_base = data;
		iov[0].iov_len = (size_t)1 << 62;
		iov[1].iov_base = data;
		iov[1].iov_len = (size_t)1 << 62;
		ret = ogg_stream_iovecin(&os, iov, 2, 0, 0);
		printf("ogg_stream_iovecin: %d\n", ret);
	} else if (!strcmp(what, "flush")) {
		ogg_stream_init(&os, 7);
		ret = ogg_stream_flush(&os, &og);
		printf("ogg_stream_flush: %d\n", ret);
	} else if (!strcmp(what, "pageout")) {
		ret = ogg_stream_pageout(&zero, &og);
		printf("ogg_stream_pageout: %d\n", ret);
	} else {
		return 2;
	}
	return 0;
}
