/* libgsm public API with bad input.
 *
 *   api create_oom     gsm_create() under an address-space limit the program has
 *                      already used up (malloc() returns NULL)
 *   api decode_magic   gsm_decode() of a 33-byte frame of zeros (no 0xD magic nibble)
 *   api print_magic    gsm_print() of the same frame
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "gsm.h"

static long vm_size_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");
	if (!f) return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "VmSize:", 7)) kb = strtol(line + 7, NULL, 10);
	fclose(f);
	return kb;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	gsm_frame frame;
	gsm_signal samples[160];
	gsm g;
	int rc;

	memset(frame, 0, sizeof frame);

	if (!strcmp(what, "create_oom")) {
		/* ulimit -v: 8 MiB above what the process maps now, then use it all up */
		long kb = vm_size_kb();
		struct rlimit rl;
		size_t sz;
		if (kb < 0) { fprintf(stderr, "no VmSize\n"); return 2; }
		rl.rlim_cur = rl.rlim_max = (rlim_t)(kb + 8192) * 1024;
		if (setrlimit(RLIMIT_AS, &rl)) { perror("setrlimit"); return 2; }
		for (sz = 1 << 20; sz >= 16; sz /= 2)
			while (malloc(sz)) ;
		g = gsm_create();
		fprintf(stderr, "gsm_create: %p\n", (void *)g);
		return g ? 1 : 0;
	}

	g = gsm_create();
	if (!g) { fprintf(stderr, "gsm_create failed\n"); return 2; }

	if (!strcmp(what, "decode_magic")) {
		rc = gsm_decode(g, frame, samples);
		fprintf(stderr, "gsm_decode: %d\n", rc);
	} else if (!strcmp(what, "print_magic")) {
		rc = gsm_print(stdout, g, frame);
		fprintf(stderr, "gsm_print: %d\n", rc);
	} else {
		fprintf(stderr, "usage: api create_oom|decode_magic|print_magic\n");
		rc = 2;
	}
	gsm_destroy(g);
	return rc == -1 ? 0 : 1;
}
