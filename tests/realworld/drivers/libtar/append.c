/* libtar driver: writing archives (handle.c, append.c).
 *
 *   append open_rdwr        tar_open() with O_RDWR, which libtar refuses
 *   append missing          tar_append_file() of a file that is not there
 *   append devfull          tar_append_file() into an archive on /dev/full (ENOSPC)
 *   append regfile_missing  tar_append_regfile() of a file that is not there
 *   append regfile_short    tar_append_regfile() of a file that shrank (2000 -> 100
 *                           bytes) after its header was made from stat()
 *
 * Files live in /tmp/errtrail-libtar-append, made afresh on every run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libtar.h>

#define DIR_ "/tmp/errtrail-libtar-append"

static void write_file(const char *path, size_t len)
{
	FILE *f = fopen(path, "w");
	if (!f) { perror(path); exit(2); }
	for (size_t i = 0; i < len; i++)
		fputc('a' + (int)(i % 26), f);
	fclose(f);
}

static TAR *open_out(const char *path)
{
	TAR *t = NULL;
	if (tar_open(&t, path, NULL, O_WRONLY | O_CREAT | O_TRUNC, 0644, 0) != 0) {
		perror("tar_open");
		exit(2);
	}
	return t;
}

int main(int argc, char **argv)
{
	TAR *t = NULL;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
		return 2;
	}
	if (system("rm -rf " DIR_ " && mkdir -p " DIR_) != 0)
		return 2;

	if (strcmp(argv[1], "open_rdwr") == 0) {
		rc = tar_open(&t, DIR_ "/out.tar", NULL, O_RDWR | O_CREAT, 0644, 0);
	} else if (strcmp(argv[1], "missing") == 0) {
		t = open_out(DIR_ "/out.tar");
		rc = tar_append_file(t, DIR_ "/missing.txt", "missing.txt");
	} else if (strcmp(argv[1], "devfull") == 0) {
		write_file(DIR_ "/hello.txt", 6);
		t = open_out("/dev/full");
		rc = tar_append_file(t, DIR_ "/hello.txt", "hello.txt");
	} else if (strcmp(argv[1], "regfile_missing") == 0) {
		t = open_out(DIR_ "/out.tar");
		rc = tar_append_regfile(t, DIR_ "/missing.txt");
	} else if (strcmp(argv[1], "regfile_short") == 0) {
		struct stat s;
		write_file(DIR_ "/grow.txt", 2000);
		t = open_out(DIR_ "/out.tar");
		if (lstat(DIR_ "/grow.txt", &s) != 0)
			return 2;
		memset(&t->th_buf, 0, sizeof(t->th_buf));
		th_set_from_stat(t, &s);      /* header says 2000 bytes */
		th_set_path(t, "grow.txt");
		if (truncate(DIR_ "/grow.txt", 100) != 0)   /* the file shrinks */
			return 2;
		rc = tar_append_regfile(t, DIR_ "/grow.txt");
	} else {
		fprintf(stderr, "unknown scenario %s\n", argv[1]);
		return 2;
	}
	printf("%s: rc=%d errno=%d (%s)\n", argv[1], rc, errno, strerror(errno));
	return rc == 0 ? 0 : 1;
}
