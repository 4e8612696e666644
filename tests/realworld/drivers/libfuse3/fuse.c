/* realworld corpus driver: libfuse3 calls with bad input.
 *   fuse cmdline ARG...     fuse_parse_cmdline() of {"fuse", ARG...}
 *   fuse newopt ARG...      fuse_session_new() of {"fuse", ARG...}
 *   fuse mount DIR [OPT]    fuse_session_new() of {"fuse"[, OPT]}, then
 *                           fuse_session_mount(se, DIR) (the cases name a missing DIR,
 *                           or an empty directory the driver makes with an option the
 *                           kernel refuses for a "fuse" mount, so nothing is mounted)
 *   fuse receive            fuse_session_mount(se, "/dev/fd/N") of the read end N of an
 *                           empty non-blocking pipe (the caller-opened-fd convention,
 *                           which mounts nothing), then fuse_session_receive_buf()
 *   fuse bufcopy DIR PATH   fuse_buf_copy() of 30 bytes from an fd reading the directory
 *                           DIR (FUSE_BUF_FD_SEEK) to an fd writing PATH (made afresh):
 *                           splice() joins no pipe (EINVAL), and the read/write fallback
 *                           cannot read a directory
 * Nothing is changed but PATH and the DIR the mount mode makes (and removes again).
 */
#define FUSE_USE_VERSION 312
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fuse_lowlevel.h>

static const struct fuse_lowlevel_ops ops;

static struct fuse_args make_args(int argc, char **argv)
{
	struct fuse_args args = FUSE_ARGS_INIT(0, NULL);

	fuse_opt_add_arg(&args, "fuse");
	for (int i = 0; i < argc; i++)
		fuse_opt_add_arg(&args, argv[i]);
	return args;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "cmdline")) {
		struct fuse_args args = make_args(argc - 2, argv + 2);
		struct fuse_cmdline_opts opts;

		printf("%d\n", fuse_parse_cmdline(&args, &opts));
		fuse_opt_free_args(&args);
	} else if (!strcmp(argv[1], "newopt")) {
		struct fuse_args args = make_args(argc - 2, argv + 2);

		printf("%p\n", (void *)fuse_session_new(&args, &ops, sizeof(ops), NULL));
		fuse_opt_free_args(&args);
	} else if (!strcmp(argv[1], "mount") && argc > 2) {
		struct fuse_args args = make_args(argc - 3, argv + 3);
		struct fuse_session *se;

		if (argc > 3)
			mkdir(argv[2], 0755);
		se = fuse_session_new(&args, &ops, sizeof(ops), NULL);
		if (se == NULL)
			return 2;
		printf("%d\n", fuse_session_mount(se, argv[2]));
		fuse_session_destroy(se);
		fuse_opt_free_args(&args);
		if (argc > 3)
			rmdir(argv[2]);
	} else if (!strcmp(argv[1], "receive")) {
		struct fuse_args args = make_args(0, NULL);
		struct fuse_session *se;
		struct fuse_buf buf = { .mem = NULL };
		char path[32];
		int p[2];

		if (pipe2(p, O_NONBLOCK))
			return 2;
		snprintf(path, sizeof(path), "/dev/fd/%d", p[0]);
		se = fuse_session_new(&args, &ops, sizeof(ops), NULL);
		if (se == NULL || fuse_session_mount(se, path))
			return 2;
		printf("%d\n", fuse_session_receive_buf(se, &buf));
		free(buf.mem);
		fuse_session_destroy(se);
		fuse_opt_free_args(&args);
	} else if (!strcmp(argv[1], "bufcopy") && argc > 3) {
		int src = open(argv[2], O_RDONLY | O_DIRECTORY);
		int dst = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		struct fuse_bufvec srcv = FUSE_BUFVEC_INIT(30);
		struct fuse_bufvec dstv = FUSE_BUFVEC_INIT(30);

		if (src < 0 || dst < 0)
			return 2;
		srcv.buf[0].flags = FUSE_BUF_IS_FD | FUSE_BUF_FD_SEEK;
		srcv.buf[0].fd = src;
		srcv.buf[0].pos = 0;
		dstv.buf[0].flags = FUSE_BUF_IS_FD;
		dstv.buf[0].fd = dst;
		printf("%zd\n", fuse_buf_copy(&dstv, &srcv, 0));
		close(dst);
		close(src);
		unlink(argv[3]);
	} else {
		return 2;
	}
	return 0;
}
