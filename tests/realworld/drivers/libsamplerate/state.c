/* libsamplerate driver: making converter states, some in a process short of memory.
 *
 *   state new CONV CHANNELS          src_new()
 *   state callback CONV CHANNELS     src_callback_new() with a callback
 *   state nocallback CONV CHANNELS   src_callback_new() with a NULL callback
 *   state lowmem CONV CHANNELS       src_new() with RLIMIT_AS 8 MiB above what the process maps
 *   state nomem CONV CHANNELS        src_new() with RLIMIT_AS at what the process maps and the
 *                                    heap used up (no allocation can succeed)
 *   state clone CONV CHANNELS        src_new() with no limit, then src_clone() with RLIMIT_AS
 *                                    8 MiB above what the process maps
 *
 * With SRC_SINC_BEST_QUALITY (0) and 128 channels a sinc state's buffer is 56 MB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <samplerate.h>

static long cb(void *data, float **out)
{
	static float buf[16];
	(void)data;
	*out = buf;
	return 16;
}

/* Cap the address space at what the process maps now plus extra bytes. */
static void limit_as(unsigned long extra)
{
	char line[256];
	unsigned long kb = 0;
	FILE *f = fopen("/proc/self/status", "r");
	struct rlimit rl;

	if (!f)
		exit(3);
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmSize: %lu kB", &kb) == 1)
			break;
	fclose(f);
	if (!kb)
		exit(3);
	rl.rlim_cur = rl.rlim_max = kb * 1024 + extra;
	if (setrlimit(RLIMIT_AS, &rl) != 0)
		exit(3);
}

/* Use up the heap: nothing more can be allocated after this. */
static void exhaust(void)
{
	static const size_t sizes[] = { 1 << 20, 65536, 4096, 512, 128, 64, 16, 1 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		while (malloc(sizes[i]) != NULL)
			;
	while (calloc(1, 1) != NULL)
		;
}

int main(int argc, char **argv)
{
	int err = -1, conv, channels;
	SRC_STATE *st;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc < 4)
		return 2;
	conv = atoi(argv[2]);
	channels = atoi(argv[3]);
	if (!strcmp(argv[1], "new")) {
		st = src_new(conv, channels, &err);
	} else if (!strcmp(argv[1], "callback")) {
		st = src_callback_new(cb, conv, channels, &err, NULL);
	} else if (!strcmp(argv[1], "nocallback")) {
		st = src_callback_new(NULL, conv, channels, &err, NULL);
	} else if (!strcmp(argv[1], "lowmem")) {
		limit_as(8UL << 20);
		st = src_new(conv, channels, &err);
	} else if (!strcmp(argv[1], "nomem")) {
		limit_as(0);
		exhaust();
		st = src_new(conv, channels, &err);
	} else if (!strcmp(argv[1], "clone")) {
		SRC_STATE *orig = src_new(conv, channels, &err);
		if (!orig) {
			printf("src_new: %s\n", src_strerror(err));
			return 1;
		}
		limit_as(8UL << 20);
		st = src_clone(orig, &err);
	} else {
		return 2;
	}
	printf("%s: %p, error %d (%s)\n", argv[1], (void *)st, err, src_strerror(err));
	return st ? 0 : 1;
}
