/* realworld corpus driver: libarchive's writer with bad input.
 * Works in a fresh errtrail-libarchive/ under the current directory (workdir.h).
 *   write open PATH    archive_write_open_filename(a, PATH) of a ustar writer (PATH in a
 *                      directory that does not exist)
 */
#include <errno.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include "workdir.h"

int main(int argc, char **argv)
{
	struct archive *a;
	int rc;

	enter_workdir();
	if (argc < 3 || strcmp(argv[1], "open")) {
		fprintf(stderr, "usage: write open PATH\n");
		return 2;
	}
	a = archive_write_new();
	need(a != NULL, "archive_write_new");
	need(archive_write_set_format_ustar(a) == ARCHIVE_OK, "set_format_ustar");
	rc = archive_write_open_filename(a, argv[2]);
	printf("archive_write_open_filename: %d (archive_errno %d: %s)\n", rc, archive_errno(a),
	       archive_error_string(a) ? archive_error_string(a) : "-");
	archive_write_free(a);
	return 0;
}
