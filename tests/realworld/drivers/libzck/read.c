/* realworld corpus driver: reading zchunk files (lead, header, preface, index).
 *
 * read SCENARIO   writes /tmp/errtrail-libzck-SCENARIO.zck (built here, header digest
 *                 computed with OpenSSL's SHA256() as zchunk computes it) and opens it
 *                 with zck_create() + zck_init_read(); "chunk" then asks for chunk 7.
 *
 * Scenarios:
 *   garbage     a text file, not a zchunk file (wrong lead magic)
 *   short       10 bytes: "\0ZCK1" and five more, shorter than the 25-byte lead read
 *   hashtype    a lead naming hash type 7 (zchunk knows 0..3)
 *   hdrsize     a valid file, opened with ZCK_VAL_HEADER_LENGTH set to 100 (it is not)
 *   truncated   the lead alone: it announces a 50-byte header the file does not hold
 *   digest      a valid file whose header digest's first byte is flipped
 *   streams     preface flags 1 (streams, unsupported)
 *   flags       preface flags 8 (unknown)
 *   idxhash     index chunk hash type 9 (unknown)
 *   idxshort    an index of 5 bytes announcing one entry, no room for its 16-byte digest
 *   chunk       a valid file with one (empty dict) chunk; zck_get_chunk(zck, 7)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/sha.h>
#include <zck.h>

static size_t compint(unsigned char *p, size_t v)
{
	size_t n = 0;

	for (;;) {
		p[n] = v % 128;
		v /= 128;
		if (v == 0) {
			p[n++] |= 0x80;
			return n;
		}
		n++;
	}
}

struct spec {
	size_t flags, comp, chunk_hash, entries, sigs;
	int index_short, bad_digest, lead_only;
};

/* A zchunk file: lead (magic, SHA-256, header length, header digest), preface (data
 * digest, flags, compression type, index size), index, signature count. */
static size_t build(unsigned char *out, const struct spec *s)
{
	unsigned char rest[512], index[256], dig[SHA256_DIGEST_LENGTH];
	unsigned char tohash[600];
	size_t r = 0, i = 0, o = 0, hdr_loc, header_length;

	i += compint(index + i, s->chunk_hash);
	i += compint(index + i, s->entries);
	if (s->index_short) {
		memset(index + i, 0x80, 3);
		i += 3;
	} else {
		for (size_t e = 0; e < s->entries; e++) {
			memset(index + i, 0, 16); /* digest of an empty dict chunk */
			i += 16;
			i += compint(index + i, 0);
			i += compint(index + i, 0);
		}
	}
	memset(rest, 0, 32); /* data digest */
	r += 32;
	r += compint(rest + r, s->flags);
	r += compint(rest + r, s->comp);
	r += compint(rest + r, i);
	memcpy(rest + r, index, i);
	r += i;
	if (!s->index_short)
		r += compint(rest + r, s->sigs);
	header_length = s->lead_only ? 50 : r;

	memcpy(out, "\0ZCK1", 5);
	o = 5;
	o += compint(out + o, ZCK_HASH_SHA256);
	o += compint(out + o, header_length);
	hdr_loc = o;
	memcpy(tohash, out, hdr_loc);
	memcpy(tohash + hdr_loc, rest, r);
	SHA256(tohash, hdr_loc + r, dig);
	if (s->bad_digest)
		dig[0] ^= 0xff;
	memcpy(out + o, dig, sizeof(dig));
	o += sizeof(dig);
	if (s->lead_only)
		return o;
	memcpy(out + o, rest, r);
	return o + r;
}

int main(int argc, char **argv)
{
	const char *sc = argc > 1 ? argv[1] : "garbage";
	unsigned char buf[1024];
	size_t n = 0;
	struct spec s = { .flags = 0, .comp = ZCK_COMP_NONE, .chunk_hash = ZCK_HASH_SHA512_128,
			  .entries = 1, .sigs = 0 };
	char path[256];
	zckCtx *zck;
	int fd;

	if (strcmp(sc, "garbage") == 0) {
		const char *t = "this is a plain text file, not a zchunk file\n";
		n = strlen(t);
		memcpy(buf, t, n);
	} else if (strcmp(sc, "short") == 0) {
		memcpy(buf, "\0ZCK1\x81\x85xyz", 10);
		n = 10;
	} else if (strcmp(sc, "hashtype") == 0) {
		n = build(buf, &s);
		buf[5] = 0x87; /* hash type 7 */
	} else {
		if (strcmp(sc, "truncated") == 0)
			s.lead_only = 1;
		else if (strcmp(sc, "digest") == 0)
			s.bad_digest = 1;
		else if (strcmp(sc, "streams") == 0)
			s.flags = 1;
		else if (strcmp(sc, "flags") == 0)
			s.flags = 8;
		else if (strcmp(sc, "idxhash") == 0)
			s.chunk_hash = 9;
		else if (strcmp(sc, "idxshort") == 0)
			s.index_short = 1;
		else if (strcmp(sc, "hdrsize") != 0 && strcmp(sc, "chunk") != 0) {
			fprintf(stderr, "unknown scenario %s\n", sc);
			return 2;
		}
		n = build(buf, &s);
	}

	snprintf(path, sizeof(path), "/tmp/errtrail-libzck-%s.zck", sc);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, buf, n) != (ssize_t)n) {
		perror(path);
		return 2;
	}
	close(fd);

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		return 2;
	}
	zck = zck_create();
	if (zck == NULL)
		return 2;
	if (strcmp(sc, "hdrsize") == 0 && !zck_set_ioption(zck, ZCK_VAL_HEADER_LENGTH, 100)) {
		fprintf(stderr, "set_ioption: %s", zck_get_error(zck));
		return 2;
	}
	if (!zck_init_read(zck, fd)) {
		printf("%s: zck_init_read failed: %s", sc, zck_get_error(zck));
	} else if (strcmp(sc, "chunk") == 0) {
		zckChunk *c = zck_get_chunk(zck, 7);
		printf("%s: %zd chunk(s), chunk 7 %s\n", sc, zck_get_chunk_count(zck),
		       c ? "found" : "not found");
	} else {
		printf("%s: opened, %zd chunk(s)\n", sc, zck_get_chunk_count(zck));
	}
	zck_free(&zck);
	close(fd);
	return 0;
}
