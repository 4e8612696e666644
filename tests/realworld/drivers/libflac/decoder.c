/* libFLAC stream decoder with bad input.
 *   decoder init-missing PATH    init_file() on a file that does not exist
 *   decoder reinit               init_file() twice on one decoder (no finish() between)
 *   decoder callbacks            init_stream() with a seek callback but no tell callback
 *   decoder truncated            STREAMINFO cut after 10 of its 34 bytes
 *   decoder shortlen             STREAMINFO whose header says 17 bytes (34 follow)
 *   decoder garbage              a 12-byte file that is not FLAC
 *   decoder seek SAMPLE          seek_absolute() in a file of 1000 samples
 * Files are written afresh under /tmp/errtrail-libflac-dec-*. */
#include <FLAC/stream_decoder.h>

#include "flacfile.h"

static FLAC__StreamDecoderWriteStatus write_cb(const FLAC__StreamDecoder *d, const FLAC__Frame *frame,
                                               const FLAC__int32 *const buffer[], void *data)
{
	(void)d; (void)frame; (void)buffer; (void)data;
	return FLAC__STREAM_DECODER_WRITE_STATUS_CONTINUE;
}

static void error_cb(const FLAC__StreamDecoder *d, FLAC__StreamDecoderErrorStatus status, void *data)
{
	(void)d; (void)data;
	printf("error callback: %s\n", FLAC__StreamDecoderErrorStatusString[status]);
}

static FLAC__StreamDecoderReadStatus read_cb(const FLAC__StreamDecoder *d, FLAC__byte buffer[],
                                             size_t *bytes, void *data)
{
	(void)d; (void)buffer; (void)data;
	*bytes = 0;
	return FLAC__STREAM_DECODER_READ_STATUS_END_OF_STREAM;
}

static FLAC__StreamDecoderSeekStatus seek_cb(const FLAC__StreamDecoder *d, FLAC__uint64 offset, void *data)
{
	(void)d; (void)offset; (void)data;
	return FLAC__STREAM_DECODER_SEEK_STATUS_UNSUPPORTED;
}

static FLAC__StreamDecoder *opened(const char *path)
{
	FLAC__StreamDecoder *d = FLAC__stream_decoder_new();
	FLAC__StreamDecoderInitStatus st = FLAC__stream_decoder_init_file(d, path, write_cb, 0, error_cb, 0);
	printf("init_file(%s): %s\n", path, FLAC__StreamDecoderInitStatusString[st]);
	return d;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	FLAC__StreamDecoder *d;

	if (!strcmp(what, "init-missing") && argc > 2) {
		d = opened(argv[2]);
	} else if (!strcmp(what, "reinit")) {
		const char *path = "/tmp/errtrail-libflac-dec-reinit.flac";
		write_flac(path, 34, 34, 1000);
		d = opened(path);
		FLAC__StreamDecoderInitStatus st = FLAC__stream_decoder_init_file(d, path, write_cb, 0, error_cb, 0);
		printf("second init_file: %s\n", FLAC__StreamDecoderInitStatusString[st]);
	} else if (!strcmp(what, "callbacks")) {
		d = FLAC__stream_decoder_new();
		FLAC__StreamDecoderInitStatus st = FLAC__stream_decoder_init_stream(d, read_cb, seek_cb, 0, 0, 0,
		                                                                  write_cb, 0, error_cb, 0);
		printf("init_stream: %s\n", FLAC__StreamDecoderInitStatusString[st]);
	} else if (!strcmp(what, "truncated") || !strcmp(what, "shortlen") || !strcmp(what, "garbage")) {
		const char *path = "/tmp/errtrail-libflac-dec-bad.flac";
		if (!strcmp(what, "truncated"))
			write_flac(path, 34, 10, 1000);
		else if (!strcmp(what, "shortlen"))
			write_flac(path, 17, 34, 1000);
		else
			write_file(path, "RIFF\x04\0\0\0WAVE", 12);
		d = opened(path);
		FLAC__bool ok = FLAC__stream_decoder_process_until_end_of_metadata(d);
		printf("process_until_end_of_metadata: %d, state %s\n", ok,
		       FLAC__stream_decoder_get_resolved_state_string(d));
	} else if (!strcmp(what, "seek") && argc > 2) {
		const char *path = "/tmp/errtrail-libflac-dec-seek.flac";
		write_flac(path, 34, 34, 1000);
		d = opened(path);
		FLAC__bool ok = FLAC__stream_decoder_process_until_end_of_metadata(d);
		printf("process_until_end_of_metadata: %d, total samples %llu\n", ok,
		       (unsigned long long)FLAC__stream_decoder_get_total_samples(d));
		ok = FLAC__stream_decoder_seek_absolute(d, strtoull(argv[2], 0, 10));
		printf("seek_absolute(%s): %d\n", argv[2], ok);
	} else {
		fprintf(stderr, "usage: decoder init-missing PATH|reinit|callbacks|truncated|shortlen|garbage|seek SAMPLE\n");
		return 2;
	}
	FLAC__stream_decoder_finish(d);
	FLAC__stream_decoder_delete(d);
	return 0;
}
