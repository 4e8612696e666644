/* realworld corpus driver: libarchive's disk writer and reader with bad input.
 * Works in a fresh errtrail-libarchive/ under the current directory (workdir.h).
 *   disk symlinks      archive_write_header() of a regular file "d/file/x" with
 *                      ARCHIVE_EXTRACT_SECURE_SYMLINKS, where d is a directory and d/file a
 *                      regular file (so d/file/x cannot exist: ENOTDIR)
 *   disk hardlink      archive_write_header() of a hard link "h/sub/link" to "h/missing"
 *                      (no flags): neither h/sub nor the target exists
 *   disk readmissing PATH
 *                      archive_read_disk_open(a, PATH) of a missing path, then
 *                      archive_read_next_header2()
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

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	struct archive_entry *entry = archive_entry_new();
	struct archive *a;

	need(entry != NULL, "archive_entry_new");
	enter_workdir();
	if (!strcmp(mode, "symlinks")) {
		need(mkdir("d", 0700) == 0, "mkdir d");
		write_bytes("d/file", "x", 1);
		a = archive_write_disk_new();
		need(a != NULL, "archive_write_disk_new");
		need(archive_write_disk_set_options(a, ARCHIVE_EXTRACT_SECURE_SYMLINKS) == ARCHIVE_OK,
		     "set_options");
		archive_entry_set_pathname(entry, "d/file/x");
		archive_entry_set_filetype(entry, AE_IFREG);
		archive_entry_set_perm(entry, 0644);
		archive_entry_set_size(entry, 0);
		report("archive_write_header", archive_write_header(a, entry), a);
		archive_write_free(a);
	} else if (!strcmp(mode, "hardlink")) {
		a = archive_write_disk_new();
		need(a != NULL, "archive_write_disk_new");
		archive_entry_set_pathname(entry, "h/sub/link");
		archive_entry_set_hardlink(entry, "h/missing");
		archive_entry_set_filetype(entry, AE_IFREG);
		archive_entry_set_perm(entry, 0644);
		archive_entry_set_size(entry, 0);
		report("archive_write_header", archive_write_header(a, entry), a);
		archive_write_free(a);
	} else if (!strcmp(mode, "readmissing") && argc > 2) {
		a = archive_read_disk_new();
		need(a != NULL, "archive_read_disk_new");
		report("archive_read_disk_open", archive_read_disk_open(a, argv[2]), a);
		report("archive_read_next_header2", archive_read_next_header2(a, entry), a);
		archive_read_free(a);
	} else {
		fprintf(stderr, "usage: disk symlinks | hardlink | readmissing PATH\n");
		return 2;
	}
	archive_entry_free(entry);
	return 0;
}
