/* Small FLAC files for the libflac drivers: "fLaC", metadata block headers and a
 * STREAMINFO body written bit by bit (FLAC format, section "METADATA_BLOCK_STREAMINFO"). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bits { unsigned char buf[64]; unsigned nbits; };

static void put_bits(struct bits *b, uint64_t value, unsigned n)
{
	while (n--) {
		unsigned bit = (unsigned)((value >> n) & 1);
		if (bit)
			b->buf[b->nbits / 8] |= (unsigned char)(0x80 >> (b->nbits % 8));
		b->nbits++;
	}
}

/* A 34-byte STREAMINFO body: blocksize 4096, the given rate, channels, bits and samples. */
static void streaminfo_body(unsigned char out[34], unsigned rate, unsigned channels,
                            unsigned bps, uint64_t total)
{
	struct bits b;
	memset(&b, 0, sizeof b);
	put_bits(&b, 4096, 16);		/* min blocksize */
	put_bits(&b, 4096, 16);		/* max blocksize */
	put_bits(&b, 0, 24);		/* min framesize */
	put_bits(&b, 0, 24);		/* max framesize */
	put_bits(&b, rate, 20);
	put_bits(&b, channels - 1, 3);
	put_bits(&b, bps - 1, 5);
	put_bits(&b, total, 36);
	/* md5: 16 zero bytes */
	memcpy(out, b.buf, 34);
}

static void block_header(unsigned char out[4], int is_last, unsigned type, unsigned length)
{
	out[0] = (unsigned char)((is_last ? 0x80 : 0) | type);
	out[1] = (unsigned char)(length >> 16);
	out[2] = (unsigned char)(length >> 8);
	out[3] = (unsigned char)length;
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* "fLaC", a STREAMINFO header whose length field says `length`, then `body_len`
 * bytes of a STREAMINFO body (44100 Hz, 2 channels, 16 bits, `total` samples). */
static void write_flac(const char *path, unsigned length, size_t body_len, uint64_t total)
{
	unsigned char file[4 + 4 + 34];
	memcpy(file, "fLaC", 4);
	block_header(file + 4, 1, 0, length);
	streaminfo_body(file + 8, 44100, 2, 16, total);
	write_file(path, file, 8 + body_len);
}
