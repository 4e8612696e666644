/* realworld corpus driver: libarchive's writer with bad input.
 * Works in a fresh errtrail-libarchive/ under the current directory (workdir.h).
 *   write open PATH    archive_write_open_filename(a, PATH) of a ustar writer (PATH in a
 *                      directory that does not exist)
 * The driver defines archive_write_open_fd() itself, so the linker does not pull
 * archive_write_open_fd.o (which archive_write_open_filename.c refers to for an empty
 * filename, never given here) out of libarchive.a: that object has a static file_open()
 * too, and the case traces archive_write_open_filename.c's by its name.
 */
#include <errno.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include "workdir.h"

/* never called: see above */
int archive_write_open_fd(struct archive *a, int fd)
{
	(void)fd;
	archive_set_error(a, EINVAL, "archive_write_open_fd is not in this driver");
	return ARCHIVE_FATAL;
}

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
