/* realworld corpus driver: libcryptsetup PBKDF settings that are refused.
 *
 * pbkdf TYPE TIME_MS ITERATIONS MEMORY_KB THREADS [nobench]: makes a context with no
 * device (crypt_init(&cd, NULL)) and calls crypt_set_pbkdf_type() with those values,
 * hash sha256, and CRYPT_PBKDF_NO_BENCHMARK when the last argument is "nobench".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libcryptsetup.h>

int main(int argc, char **argv)
{
	struct crypt_pbkdf_type pbkdf = { .hash = "sha256" };
	struct crypt_device *cd = NULL;
	int r;

	if (argc < 6) {
		fprintf(stderr, "usage: pbkdf TYPE TIME_MS ITERATIONS MEMORY_KB THREADS [nobench]\n");
		return 2;
	}
	pbkdf.type = argv[1];
	pbkdf.time_ms = strtoul(argv[2], NULL, 0);
	pbkdf.iterations = strtoul(argv[3], NULL, 0);
	pbkdf.max_memory_kb = strtoul(argv[4], NULL, 0);
	pbkdf.parallel_threads = strtoul(argv[5], NULL, 0);
	if (argc > 6 && strcmp(argv[6], "nobench") == 0)
		pbkdf.flags |= CRYPT_PBKDF_NO_BENCHMARK;

	r = crypt_init(&cd, NULL);
	if (r < 0) {
		fprintf(stderr, "crypt_init: %d\n", r);
		return 2;
	}
	r = crypt_set_pbkdf_type(cd, &pbkdf);
	printf("%s: crypt_set_pbkdf_type %d (%s)\n", argv[1], r, r < 0 ? strerror(-r) : "ok");
	crypt_free(cd);
	return 0;
}
