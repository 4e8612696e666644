/* libsamplerate driver: src_process(), src_simple(), src_set_ratio() and src_get_name()
 * called with bad arguments a caller could pass.
 *
 *   process dataptr            src_process() with data_out NULL and output_frames 16
 *   process overlap            src_process() with data_out inside the input frames
 *   process simple CONV RATIO  src_simple() of 16 mono frames with that converter and ratio
 *   process setratio RATIO     src_set_ratio() on a linear converter
 *   process name CONV          src_get_name()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <samplerate.h>

static float in[64], out[64];

int main(int argc, char **argv)
{
	int err = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (int i = 0; i < 64; i++)
		in[i] = (float)(i % 8) / 8.0f;
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "dataptr") || !strcmp(argv[1], "overlap")) {
		SRC_STATE *st = src_new(SRC_LINEAR, 1, &err);
		SRC_DATA d;
		if (!st) {
			printf("src_new: %s\n", src_strerror(err));
			return 1;
		}
		memset(&d, 0, sizeof d);
		d.input_frames = 16;
		d.output_frames = 16;
		d.src_ratio = 1.0;
		if (!strcmp(argv[1], "dataptr")) {
			/* the caller forgot to point data_out at its buffer */
			d.data_in = in;
			d.data_out = NULL;
		} else {
			/* output written into the same array, 8 frames after the input */
			d.data_in = in;
			d.data_out = in + 8;
		}
		err = src_process(st, &d);
		printf("src_process: %d (%s)\n", err, src_strerror(err));
		src_delete(st);
		return err ? 1 : 0;
	}
	if (!strcmp(argv[1], "simple") && argc >= 4) {
		SRC_DATA d;
		memset(&d, 0, sizeof d);
		d.data_in = in;
		d.data_out = out;
		d.input_frames = 16;
		d.output_frames = 64;
		d.src_ratio = atof(argv[3]);
		err = src_simple(&d, atoi(argv[2]), 1);
		printf("src_simple: %d (%s)\n", err, src_strerror(err));
		return err ? 1 : 0;
	}
	if (!strcmp(argv[1], "setratio") && argc >= 3) {
		SRC_STATE *st = src_new(SRC_LINEAR, 2, &err);
		if (!st)
			return 1;
		err = src_set_ratio(st, atof(argv[2]));
		printf("src_set_ratio: %d (%s)\n", err, src_strerror(err));
		src_delete(st);
		return err ? 1 : 0;
	}
	if (!strcmp(argv[1], "name") && argc >= 3) {
		const char *name = src_get_name(atoi(argv[2]));
		printf("src_get_name: %s\n", name ? name : "(null)");
		return name ? 0 : 1;
	}
	return 2;
}
