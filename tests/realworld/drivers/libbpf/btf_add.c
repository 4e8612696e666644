/* realworld corpus driver: btf__add_int() with a bad size or encoding.
 *
 * btf_add BYTE_SZ ENCODING: adds int type "errtrail_int" of BYTE_SZ bytes and
 * ENCODING (integers, e.g. 4 0x10) to an empty BTF.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

int main(int argc, char **argv)
{
	size_t byte_sz = argc > 1 ? strtoul(argv[1], NULL, 0) : 4;
	int encoding = argc > 2 ? (int)strtol(argv[2], NULL, 0) : 0x10;
	struct btf *btf = btf__new_empty();
	int id;

	if (!btf)
		return 2;
	id = btf__add_int(btf, "errtrail_int", byte_sz, encoding);
	printf("btf__add_int(%zu, %#x): %d (%s)\n", byte_sz, encoding, id,
	       id < 0 ? strerror(-id) : "ok");
	btf__free(btf);
	return 0;
}
