/* libtar driver: reading and extracting archives (block.c, extract.c, util.c, wrapper.c).
 *
 * Each scenario writes a small archive with libtar's own encoder into
 * /tmp/errtrail-libtar-extract (made afresh on every run), opens it for reading,
 * and extracts from it into that directory:
 *
 *   extract regfile_truncated  "data.bin" says 2000 bytes, the archive ends after
 *                              one 512-byte data block; tar_extract_file()
 *   extract regfile_isdir      "hello.txt" (5 bytes), but a directory hello.txt is
 *                              already there; tar_extract_file()
 *   extract regfile_notdir     "blocker/sub/a.txt", but blocker is a regular file;
 *                              tar_extract_file()
 *   extract dir_notdir         directory "blocker/sub/dir/", blocker a regular file;
 *                              tar_extract_file()
 *   extract hardlink_missing   "link.txt" a hard link to "target.txt", which the
 *                              archive does not hold; tar_extract_file()
 *   extract exists             "hello.txt" with TAR_NOOVERWRITE, the file already
 *                              there; tar_extract_file()
 *   extract crc                "hello.txt" whose header had one mtime digit changed
 *                              after the checksum was written; tar_extract_all()
 *   extract magic              a v7 header (no "ustar" magic) read with
 *                              TAR_CHECK_MAGIC; tar_extract_all()
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libtar.h>

#define DIR_ "/tmp/errtrail-libtar-extract"
#define ARCHIVE DIR_ "/in.tar"

struct entry {
	const char *name;
	mode_t mode;
	char type;              /* typeflag to force, or 0 for th_set_type's */
	const char *linkname;
	unsigned size;          /* size in the header */
	unsigned data_blocks;   /* data blocks actually written */
	int v7;                 /* clear magic and version (a v7 header) */
	int corrupt_mtime;      /* change an mtime digit after th_finish() */
};

static void write_archive(const struct entry *e)
{
	TAR *w = NULL;
	char block[T_BLOCKSIZE];

	if (tar_open(&w, ARCHIVE, NULL, O_WRONLY | O_CREAT | O_TRUNC, 0644, 0) != 0) {
		perror("tar_open (write)");
		exit(2);
	}
	memset(&w->th_buf, 0, sizeof(w->th_buf));
	th_set_type(w, e->mode);
	if (e->type)
		w->th_buf.typeflag = e->type;
	th_set_path(w, e->name);
	if (e->linkname)
		th_set_link(w, e->linkname);
	th_set_mode(w, e->mode);
	th_set_user(w, 0);
	th_set_group(w, 0);
	th_set_mtime(w, 1700000000);
	th_set_size(w, e->size);
	th_finish(w);
	if (e->v7) {
		memset(w->th_buf.magic, 0, sizeof(w->th_buf.magic));
		memset(w->th_buf.version, 0, sizeof(w->th_buf.version));
		int_to_oct(th_crc_calc(w), w->th_buf.chksum, 8);
	}
	if (e->corrupt_mtime)
		w->th_buf.mtime[3] = w->th_buf.mtime[3] == '1' ? '2' : '1';
	if (write(tar_fd(w), &w->th_buf, T_BLOCKSIZE) != T_BLOCKSIZE)
		exit(2);
	memset(block, 'x', sizeof(block));
	for (unsigned i = 0; i < e->data_blocks; i++)
		if (write(tar_fd(w), block, T_BLOCKSIZE) != T_BLOCKSIZE)
			exit(2);
	if (e->data_blocks * T_BLOCKSIZE >= e->size && tar_append_eof(w) != 0)
		exit(2);
	tar_close(w);
}

static TAR *open_in(int options)
{
	TAR *t = NULL;
	if (tar_open(&t, ARCHIVE, NULL, O_RDONLY, 0, options) != 0) {
		perror("tar_open (read)");
		exit(2);
	}
	return t;
}

static void touch(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) { perror(path); exit(2); }
	fputs("old\n", f);
	fclose(f);
}

static int extract_first(int options, const char *realname)
{
	TAR *t = open_in(options);
	if (th_read(t) != 0) {
		fprintf(stderr, "th_read failed\n");
		exit(2);
	}
	return tar_extract_file(t, (char *)realname);
}

int main(int argc, char **argv)
{
	const char *s;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
		return 2;
	}
	s = argv[1];
	if (system("rm -rf " DIR_ " && mkdir -p " DIR_) != 0 || chdir(DIR_) != 0)
		return 2;

	if (strcmp(s, "regfile_truncated") == 0) {
		struct entry e = { "data.bin", S_IFREG | 0644, 0, NULL, 2000, 1, 0, 0 };
		write_archive(&e);
		rc = extract_first(0, DIR_ "/out/data.bin");
	} else if (strcmp(s, "regfile_isdir") == 0) {
		struct entry e = { "hello.txt", S_IFREG | 0644, 0, NULL, 5, 1, 0, 0 };
		write_archive(&e);
		if (mkdir(DIR_ "/hello.txt", 0755) != 0)
			return 2;
		rc = extract_first(0, DIR_ "/hello.txt");
	} else if (strcmp(s, "regfile_notdir") == 0) {
		struct entry e = { "blocker/sub/a.txt", S_IFREG | 0644, 0, NULL, 5, 1, 0, 0 };
		write_archive(&e);
		touch(DIR_ "/blocker");
		rc = extract_first(0, DIR_ "/blocker/sub/a.txt");
	} else if (strcmp(s, "dir_notdir") == 0) {
		struct entry e = { "blocker/sub/dir", S_IFDIR | 0755, 0, NULL, 0, 0, 0, 0 };
		write_archive(&e);
		touch(DIR_ "/blocker");
		rc = extract_first(0, DIR_ "/blocker/sub/dir");
	} else if (strcmp(s, "hardlink_missing") == 0) {
		struct entry e = { "link.txt", S_IFREG | 0644, LNKTYPE, "target.txt", 0, 0, 0, 0 };
		write_archive(&e);
		rc = extract_first(0, DIR_ "/link.txt");
	} else if (strcmp(s, "exists") == 0) {
		struct entry e = { "hello.txt", S_IFREG | 0644, 0, NULL, 5, 1, 0, 0 };
		write_archive(&e);
		touch(DIR_ "/hello.txt");
		rc = extract_first(TAR_NOOVERWRITE, DIR_ "/hello.txt");
	} else if (strcmp(s, "crc") == 0) {
		struct entry e = { "hello.txt", S_IFREG | 0644, 0, NULL, 5, 1, 0, 1 };
		write_archive(&e);
		rc = tar_extract_all(open_in(0), DIR_ "/out");
	} else if (strcmp(s, "magic") == 0) {
		struct entry e = { "hello.txt", S_IFREG | 0644, 0, NULL, 5, 1, 1, 0 };
		write_archive(&e);
		rc = tar_extract_all(open_in(TAR_CHECK_MAGIC), DIR_ "/out");
	} else {
		fprintf(stderr, "unknown scenario %s\n", s);
		return 2;
	}
	printf("%s: rc=%d errno=%d (%s)\n", s, rc, errno, strerror(errno));
	return rc == 0 ? 0 : 1;
}
