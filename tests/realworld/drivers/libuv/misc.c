/* realworld corpus driver: libuv loop and fs calls with bad arguments.
 *   misc copyfile FLAGS   synchronous uv_fs_copyfile(/etc/hostname, /tmp/..., FLAGS)
 *   misc configure SIG    uv_loop_configure(loop, UV_LOOP_BLOCK_SIGNAL, SIG)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

int main(int argc, char **argv)
{
	uv_loop_t loop;

	if (argc < 3 || uv_loop_init(&loop))
		return 2;
	if (!strcmp(argv[1], "copyfile")) {
		uv_fs_t req;
		int r = uv_fs_copyfile(&loop, &req, "/etc/hostname", "/tmp/errtrail-uv-copy",
				       (int) strtol(argv[2], NULL, 0), NULL);

		printf("%d\n", r);
	} else if (!strcmp(argv[1], "configure")) {
		printf("%d\n", uv_loop_configure(&loop, UV_LOOP_BLOCK_SIGNAL, atoi(argv[2])));
	} else {
		return 2;
	}
	uv_loop_close(&loop);
	return 0;
}
