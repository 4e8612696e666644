/* libtar driver: the list and hash API of libtar_listhash.h.
 *
 *   list list_flags      libtar_list_new() with flags 7 (not LIST_USERFUNC,
 *                        LIST_STACK or LIST_QUEUE)
 *   list hash_negative   libtar_hash_new() with -1 buckets
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libtar.h>

int main(int argc, char **argv)
{
	void *p;

	if (argc < 2) {
		fprintf(stderr, "usage: %s SCENARIO\n", argv[0]);
		return 2;
	}
	errno = 0;
	if (strcmp(argv[1], "list_flags") == 0) {
		p = libtar_list_new(7, NULL);
	} else if (strcmp(argv[1], "hash_negative") == 0) {
		p = libtar_hash_new(-1, NULL);
	} else {
		fprintf(stderr, "unknown scenario %s\n", argv[1]);
		return 2;
	}
	printf("%s: %p errno=%d (%s)\n", argv[1], p, errno, strerror(errno));
	return p ? 0 : 1;
}
