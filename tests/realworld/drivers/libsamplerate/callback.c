/* libsamplerate driver: src_callback_read() misused.
 *
 *   callback nullptr   a callback that returns 16 frames but leaves its data pointer NULL
 *   callback mode      src_callback_read() on a state made by src_new() (process mode)
 *   callback ratio R   src_callback_read() with ratio R
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <samplerate.h>

static float out[64];

static long cb_null(void *data, float **ptr)
{
	(void)data;
	*ptr = NULL;	/* forgot to hand over the buffer */
	return 16;
}

static long cb_ok(void *data, float **ptr)
{
	static float buf[16];
	(void)data;
	*ptr = buf;
	return 16;
}

int main(int argc, char **argv)
{
	int err = 0;
	SRC_STATE *st;
	double ratio = 1.5;
	long n;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "nullptr"))
		st = src_callback_new(cb_null, SRC_LINEAR, 1, &err, NULL);
	else if (!strcmp(argv[1], "mode"))
		st = src_new(SRC_LINEAR, 1, &err);
	else if (!strcmp(argv[1], "ratio") && argc >= 3) {
		st = src_callback_new(cb_ok, SRC_LINEAR, 1, &err, NULL);
		ratio = atof(argv[2]);
	} else
		return 2;
	if (!st) {
		printf("new: %s\n", src_strerror(err));
		return 1;
	}
	n = src_callback_read(st, ratio, 16, out);
	err = src_error(st);
	printf("src_callback_read: %ld, src_error %d (%s)\n", n, err, src_strerror(err));
	src_delete(st);
	return n ? 0 : 1;
}
