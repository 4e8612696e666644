/* realworld corpus driver: lzlib's compressor (LZ_compress_*).
 *
 * comp nomem DICT           LZ_compress_open(DICT, 36, max) under RLIMIT_AS of 512 MiB
 *                           (DICT 536870912, the largest lzip allows, needs a 1 GiB buffer)
 * comp badarg DICT          LZ_compress_open(DICT, 36, max) (DICT below 4096 is refused),
 *                           then, ignoring LZ_compress_errno(), LZ_compress_write() of 5 bytes
 * comp unfinished           LZ_compress_write() of 5 bytes, then LZ_compress_restart_member()
 *                           while the member is still open
 * comp restart SIZE         one whole member of 5 bytes written, finished and read out, then
 *                           LZ_compress_restart_member(SIZE) (SIZE below 4096 is refused)
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <lzlib.h>

#define MAXSIZE 0x7FFFFFFFFFFFFFFFULL

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	struct LZ_Encoder *e;
	uint8_t out[256];
	int rc;

	if (strcmp(mode, "nomem") == 0 && argc > 2) {
		struct rlimit rl = { 512 << 20, 512 << 20 };
		setrlimit(RLIMIT_AS, &rl);
		e = LZ_compress_open(atoi(argv[2]), 36, MAXSIZE);
		printf("open: %s\n", e ? LZ_strerror(LZ_compress_errno(e)) : "NULL");
	} else if (strcmp(mode, "badarg") == 0 && argc > 2) {
		e = LZ_compress_open(atoi(argv[2]), 36, MAXSIZE);
		rc = LZ_compress_write(e, (const uint8_t *)"hello", 5);
		printf("write: %d (%s)\n", rc, LZ_strerror(LZ_compress_errno(e)));
	} else if (strcmp(mode, "unfinished") == 0) {
		e = LZ_compress_open(65536, 36, MAXSIZE);
		LZ_compress_write(e, (const uint8_t *)"hello", 5);
		rc = LZ_compress_restart_member(e, MAXSIZE);
		printf("restart: %d (%s)\n", rc, LZ_strerror(LZ_compress_errno(e)));
	} else if (strcmp(mode, "restart") == 0 && argc > 2) {
		e = LZ_compress_open(65536, 36, MAXSIZE);
		LZ_compress_write(e, (const uint8_t *)"hello", 5);
		LZ_compress_finish(e);
		while (LZ_compress_member_finished(e) == 0)
			if (LZ_compress_read(e, out, sizeof out) < 0)
				break;
		rc = LZ_compress_restart_member(e, strtoull(argv[2], NULL, 10));
		printf("restart: %d (%s)\n", rc, LZ_strerror(LZ_compress_errno(e)));
	} else {
		fprintf(stderr, "usage: comp nomem DICT | badarg DICT | unfinished | restart SIZE\n");
		return 2;
	}
	LZ_compress_close(e);
	return 0;
}
