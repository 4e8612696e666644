/* libFLAC metadata interfaces (level 0, 1, 2 and metadata objects) with bad input.
 *   metadata picture PATH          FLAC__metadata_get_picture() on PATH
 *   metadata streaminfo PATH       FLAC__metadata_get_streaminfo() on PATH
 *   metadata iter-first            simple iterator on a file whose first block is PADDING
 *   metadata chain PATH            FLAC__metadata_chain_read() on PATH
 *   metadata chain-notflac         FLAC__metadata_chain_read() on a WAVE header
 *   metadata vc-pair NAME VALUE    vorbiscomment_entry_from_name_value_pair(); VALUE may hold \xNN
 *   metadata vc-append ENTRY       vorbiscomment_append_comment() of ENTRY to an empty VORBIS_COMMENT
 *   metadata cuesheet LEADOUT      a CD-DA cue sheet of one track and a lead-out numbered LEADOUT
 * Files are written afresh under /tmp/errtrail-libflac-meta-*. */
#include <FLAC/metadata.h>

#include "flacfile.h"

/* "\xNN" escapes in an argument, for bytes that are not valid UTF-8 */
static char *unescape(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	while (*s) {
		if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
			char hex[3] = {s[2], s[3], 0};
			*o++ = (char)strtol(hex, 0, 16);
			s += 4;
		} else
			*o++ = *s++;
	}
	*o = 0;
	return out;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (!strcmp(what, "picture") && argc > 2) {
		FLAC__StreamMetadata *pic = 0;
		FLAC__bool ok = FLAC__metadata_get_picture(argv[2], &pic, (FLAC__StreamMetadata_Picture_Type)(-1),
		                                           0, 0, (uint32_t)-1, (uint32_t)-1, (uint32_t)-1, (uint32_t)-1);
		printf("get_picture(%s): %d\n", argv[2], ok);
	} else if (!strcmp(what, "streaminfo") && argc > 2) {
		FLAC__StreamMetadata si;
		FLAC__bool ok = FLAC__metadata_get_streaminfo(argv[2], &si);
		printf("get_streaminfo(%s): %d\n", argv[2], ok);
	} else if (!strcmp(what, "iter-first")) {
		const char *path = "/tmp/errtrail-libflac-meta-first.flac";
		unsigned char file[4 + 4 + 8 + 4 + 34];
		memcpy(file, "fLaC", 4);
		block_header(file + 4, 0, 1, 8);	/* PADDING of 8 bytes first */
		memset(file + 8, 0, 8);
		block_header(file + 16, 1, 0, 34);	/* then the STREAMINFO */
		streaminfo_body(file + 20, 44100, 2, 16, 1000);
		write_file(path, file, sizeof file);
		FLAC__Metadata_SimpleIterator *it = FLAC__metadata_simple_iterator_new();
		FLAC__bool ok = FLAC__metadata_simple_iterator_init(it, path, /*read_only=*/true, /*preserve=*/false);
		printf("simple_iterator_init: %d, %s\n", ok,
		       FLAC__Metadata_SimpleIteratorStatusString[FLAC__metadata_simple_iterator_status(it)]);
		FLAC__metadata_simple_iterator_delete(it);
	} else if ((!strcmp(what, "chain") && argc > 2) || !strcmp(what, "chain-notflac")) {
		const char *path = argc > 2 ? argv[2] : "/tmp/errtrail-libflac-meta-notflac.wav";
		if (!strcmp(what, "chain-notflac"))
			write_file(path, "RIFF\x04\0\0\0WAVE", 12);
		FLAC__Metadata_Chain *chain = FLAC__metadata_chain_new();
		FLAC__bool ok = FLAC__metadata_chain_read(chain, path);
		printf("chain_read(%s): %d, %s\n", path, ok,
		       FLAC__Metadata_ChainStatusString[FLAC__metadata_chain_status(chain)]);
		FLAC__metadata_chain_delete(chain);
	} else if (!strcmp(what, "vc-pair") && argc > 3) {
		FLAC__StreamMetadata_VorbisComment_Entry entry = {0, 0};
		char *value = unescape(argv[3]);
		FLAC__bool ok = FLAC__metadata_object_vorbiscomment_entry_from_name_value_pair(&entry, argv[2], value);
		printf("entry_from_name_value_pair(%s, %s): %d\n", argv[2], argv[3], ok);
		free(entry.entry);
		free(value);
	} else if (!strcmp(what, "vc-append") && argc > 2) {
		FLAC__StreamMetadata *vc = FLAC__metadata_object_new(FLAC__METADATA_TYPE_VORBIS_COMMENT);
		FLAC__StreamMetadata_VorbisComment_Entry entry;
		char *text = unescape(argv[2]);
		entry.entry = (FLAC__byte *)text;
		entry.length = (FLAC__uint32)strlen(text);
		FLAC__bool ok = FLAC__metadata_object_vorbiscomment_append_comment(vc, entry, /*copy=*/true);
		printf("append_comment(%s): %d, %u comments\n", argv[2], ok, vc->data.vorbis_comment.num_comments);
		FLAC__metadata_object_delete(vc);
		free(text);
	} else if (!strcmp(what, "cuesheet") && argc > 2) {
		FLAC__StreamMetadata *cs = FLAC__metadata_object_new(FLAC__METADATA_TYPE_CUESHEET);
		FLAC__StreamMetadata_CueSheet_Index index = {0, 1};
		const char *violation = "(none)";
		cs->data.cue_sheet.lead_in = 2 * 44100;
		cs->data.cue_sheet.is_cd = true;
		FLAC__metadata_object_cuesheet_insert_blank_track(cs, 0);
		cs->data.cue_sheet.tracks[0].number = 1;
		cs->data.cue_sheet.tracks[0].offset = 0;
		FLAC__metadata_object_cuesheet_track_insert_index(cs, 0, 0, index);
		FLAC__metadata_object_cuesheet_insert_blank_track(cs, 1);
		cs->data.cue_sheet.tracks[1].number = (FLAC__byte)atoi(argv[2]);
		cs->data.cue_sheet.tracks[1].offset = 588 * 100;
		FLAC__bool ok = FLAC__format_cuesheet_is_legal(&cs->data.cue_sheet, cs->data.cue_sheet.is_cd, &violation);
		printf("cuesheet_is_legal: %d, %s\n", ok, violation);
		FLAC__metadata_object_delete(cs);
	} else {
		fprintf(stderr, "usage: metadata picture|streaminfo|chain PATH, iter-first, chain-notflac,"
		        " vc-pair NAME VALUE, vc-append ENTRY, cuesheet LEADOUT\n");
		return 2;
	}
	return 0;
}
