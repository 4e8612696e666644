/* libFLAC stream encoder set up with bad parameters.
 *   encoder rate HZ                   init_stream() at HZ, 2 channels, 16 bits
 *   encoder subset-bps BITS           init_stream() with the streamable subset on, 44100 Hz, BITS bits
 *   encoder file-channels N           init_file() with N channels (file /tmp/errtrail-libflac-enc-out.flac)
 *   encoder seektables                init_stream() with two SEEKTABLE blocks in the metadata
 * The write callback discards the stream. */
#include <FLAC/metadata.h>
#include <FLAC/stream_encoder.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static FLAC__StreamEncoderWriteStatus write_cb(const FLAC__StreamEncoder *e, const FLAC__byte buffer[],
                                               size_t bytes, uint32_t samples, uint32_t frame, void *data)
{
	(void)e; (void)buffer; (void)bytes; (void)samples; (void)frame; (void)data;
	return FLAC__STREAM_ENCODER_WRITE_STATUS_OK;
}

static void report(const char *what, FLAC__StreamEncoder *e, FLAC__StreamEncoderInitStatus st)
{
	printf("%s: %s (state %s)\n", what, FLAC__StreamEncoderInitStatusString[st],
	       FLAC__stream_encoder_get_resolved_state_string(e));
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	FLAC__StreamEncoder *e = FLAC__stream_encoder_new();
	FLAC__StreamMetadata *blocks[2] = {0, 0};

	FLAC__stream_encoder_set_channels(e, 2);
	FLAC__stream_encoder_set_bits_per_sample(e, 16);
	FLAC__stream_encoder_set_sample_rate(e, 44100);
	if (!strcmp(what, "rate") && argc > 2) {
		FLAC__stream_encoder_set_sample_rate(e, (uint32_t)strtoul(argv[2], 0, 10));
		report("init_stream", e, FLAC__stream_encoder_init_stream(e, write_cb, 0, 0, 0, 0));
	} else if (!strcmp(what, "subset-bps") && argc > 2) {
		FLAC__stream_encoder_set_streamable_subset(e, true);
		FLAC__stream_encoder_set_bits_per_sample(e, (uint32_t)strtoul(argv[2], 0, 10));
		report("init_stream", e, FLAC__stream_encoder_init_stream(e, write_cb, 0, 0, 0, 0));
	} else if (!strcmp(what, "file-channels") && argc > 2) {
		FLAC__stream_encoder_set_channels(e, (uint32_t)strtoul(argv[2], 0, 10));
		report("init_file", e, FLAC__stream_encoder_init_file(e, "/tmp/errtrail-libflac-enc-out.flac", 0, 0));
	} else if (!strcmp(what, "seektables")) {
		blocks[0] = FLAC__metadata_object_new(FLAC__METADATA_TYPE_SEEKTABLE);
		blocks[1] = FLAC__metadata_object_new(FLAC__METADATA_TYPE_SEEKTABLE);
		FLAC__metadata_object_seektable_template_append_point(blocks[0], 0);
		FLAC__metadata_object_seektable_template_append_point(blocks[1], 0);
		FLAC__stream_encoder_set_metadata(e, blocks, 2);
		report("init_stream", e, FLAC__stream_encoder_init_stream(e, write_cb, 0, 0, 0, 0));
	} else {
		fprintf(stderr, "usage: encoder rate HZ|subset-bps BITS|file-channels N|seektables\n");
		return 2;
	}
	FLAC__stream_encoder_delete(e);
	if (blocks[0]) {
		FLAC__metadata_object_delete(blocks[0]);
		FLAC__metadata_object_delete(blocks[1]);
	}
	return 0;
}
