/* realworld corpus driver: libarchive's reader (archive_read_*) with bad input.
 * Works in a fresh errtrail-libarchive/ under the current directory (workdir.h).
 *   read open PATH     archive_read_open_filename(a, PATH, 10240) with the tar reader
 *                      (PATH missing, or a directory: opening works, reading fails)
 *   read bycode CODE   archive_read_support_format_by_code(a, CODE) (0xa0000 is
 *                      ARCHIVE_FORMAT_XAR, which this build has no XML parser for)
 *   read truncated     trunc.tar: a ustar entry hello.txt (5 bytes, one data block)
 *                      followed by the first 100 bytes of a second header; reads both
 *                      headers (the second is short)
 *   read concatvol     archive_read_open_filenames() of two volumes with the tar option
 *                      read_concatenated_archives: vol1 is two end-of-archive blocks
 *                      (1024 NUL bytes), vol2 a directory, so the reader skips vol1's null
 *                      blocks, switches to vol2 and reading it fails
 *   read garbage       garbage.bin: 4096 pseudo-random bytes, every format enabled
 */
#include <errno.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include "workdir.h"

static void report(const char *what, int rc, struct archive *a)
{
	printf("%s: %d (archive_errno %d: %s)\n", what, rc, archive_errno(a),
	       archive_error_string(a) ? archive_error_string(a) : "-");
}

/* a ustar header for a regular file NAME of SIZE bytes */
static void ustar_header(char *h, const char *name, unsigned size)
{
	unsigned sum = 0;
	int i;

	memset(h, 0, 512);
	strcpy(h, name);
	strcpy(h + 100, "0000644");
	strcpy(h + 108, "0000000");
	strcpy(h + 116, "0000000");
	snprintf(h + 124, 12, "%011o", size);
	strcpy(h + 136, "14000000000");
	memset(h + 148, ' ', 8);
	h[156] = '0';
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	for (i = 0; i < 512; i++)
		sum += (unsigned char)h[i];
	snprintf(h + 148, 8, "%06o", sum);
}

static struct archive *tar_reader(void)
{
	struct archive *a = archive_read_new();

	need(a != NULL, "archive_read_new");
	need(archive_read_support_format_tar(a) == ARCHIVE_OK, "support_format_tar");
	return a;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	struct archive_entry *entry;
	struct archive *a;

	enter_workdir();
	if (!strcmp(mode, "open") && argc > 2) {
		a = tar_reader();
		report("archive_read_open_filename", archive_read_open_filename(a, argv[2], 10240), a);
	} else if (!strcmp(mode, "bycode") && argc > 2) {
		a = archive_read_new();
		need(a != NULL, "archive_read_new");
		report("archive_read_support_format_by_code",
		       archive_read_support_format_by_code(a, (int)strtol(argv[2], NULL, 0)), a);
	} else if (!strcmp(mode, "truncated")) {
		char buf[512 * 3];

		ustar_header(buf, "hello.txt", 5);
		memset(buf + 512, 0, 512);
		memcpy(buf + 512, "hello", 5);
		ustar_header(buf + 1024, "second.txt", 5);
		write_bytes("trunc.tar", buf, 1024 + 100);
		a = tar_reader();
		need(archive_read_open_filename(a, "trunc.tar", 10240) == ARCHIVE_OK, "open trunc.tar");
		report("archive_read_next_header", archive_read_next_header(a, &entry), a);
		report("archive_read_next_header", archive_read_next_header(a, &entry), a);
	} else if (!strcmp(mode, "concatvol")) {
		static char zeros[1024];
		const char *vols[] = { "vol1", "vol2", NULL };

		write_bytes("vol1", zeros, sizeof(zeros));
		need(mkdir("vol2", 0700) == 0, "mkdir vol2");
		a = tar_reader();
		need(archive_read_set_options(a, "tar:read_concatenated_archives") == ARCHIVE_OK,
		     "set_options");
		need(archive_read_open_filenames(a, vols, 10240) == ARCHIVE_OK, "open vol1, vol2");
		report("archive_read_next_header", archive_read_next_header(a, &entry), a);
	} else if (!strcmp(mode, "garbage")) {
		unsigned char buf[4096];
		unsigned x = 12345;
		size_t i;

		for (i = 0; i < sizeof(buf); i++) {
			x = x * 1103515245 + 12345;
			buf[i] = x >> 16;
		}
		write_bytes("garbage.bin", buf, sizeof(buf));
		a = archive_read_new();
		need(a != NULL, "archive_read_new");
		archive_read_support_format_all(a);
		report("archive_read_open_filename",
		       archive_read_open_filename(a, "garbage.bin", 10240), a);
	} else {
		fprintf(stderr, "usage: read open PATH | bycode CODE | truncated | concatvol | garbage\n");
		return 2;
	}
	archive_read_free(a);
	return 0;
}
