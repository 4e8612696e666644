/* realworld corpus driver: libbpf BTF parsing of broken BTF data.
 *
 * btf MODE API: builds a BTF blob as MODE says (badtypes: an unknown type kind after
 * an int; badstrs: a string section not starting with '\0'; truncated: a struct whose
 * members run past the type section; swapped: byte-swapped magic with a header length
 * that is not; misaligned: type section offset not 4-byte aligned) and hands it to
 * API: new (btf__new() on the bytes), raw (btf__parse() of /tmp/errtrail-bpf-MODE.btf
 * holding them), elf (btf__parse_elf() of an x86-64 object without a .BTF section);
 * MODE missing makes raw/elf parse a file that does not exist.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "../elfgen.h"

static unsigned char blob[256];

static size_t put32(size_t off, uint32_t v)
{
	memcpy(blob + off, &v, 4);
	return off + 4;
}

/* header (24 bytes), then types, then strings */
static size_t make_blob(const char *mode)
{
	const int hdr_len = 24;
	const char *strs = strcmp(mode, "badstrs") == 0 ? "x\0in" : "\0int";
	size_t str_len = 5, t = hdr_len, type_len;
	uint32_t type_off = 0;

	/* [1] int, 4 bytes, 32 bits */
	t = put32(t, 1);
	t = put32(t, (uint32_t)BTF_KIND_INT << 24);
	t = put32(t, 4);
	t = put32(t, 32);
	if (strcmp(mode, "badtypes") == 0) {
		/* [2] kind 31: no such kind */
		t = put32(t, 0);
		t = put32(t, 31u << 24);
		t = put32(t, 0);
	} else if (strcmp(mode, "truncated") == 0) {
		/* [2] struct with 3 members, but no member data follows */
		t = put32(t, 0);
		t = put32(t, ((uint32_t)BTF_KIND_STRUCT << 24) | 3);
		t = put32(t, 12);
	}
	type_len = t - hdr_len;
	memcpy(blob + t, strs, str_len);

	if (strcmp(mode, "misaligned") == 0)
		type_off = 2;
	blob[0] = 0x9f;		/* BTF_MAGIC 0xeB9F, little-endian */
	blob[1] = 0xeb;
	if (strcmp(mode, "swapped") == 0) {
		blob[0] = 0xeb;
		blob[1] = 0x9f;
	}
	blob[2] = 1;		/* version */
	blob[3] = 0;		/* flags */
	put32(4, hdr_len);
	put32(8, type_off);
	put32(12, type_len);
	put32(16, type_len);	/* str_off */
	put32(20, str_len);
	return t + str_len;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "badtypes";
	const char *api = argc > 2 ? argv[2] : "new";
	char path[256];
	struct btf *btf;
	size_t size = 0;

	if (strcmp(mode, "missing") != 0)
		size = make_blob(mode);
	snprintf(path, sizeof(path), "/tmp/errtrail-bpf-%s.%s", mode,
		 strcmp(api, "elf") == 0 ? "o" : "btf");
	if (strcmp(mode, "missing") == 0) {
		unlink(path);
	} else if (strcmp(api, "elf") == 0) {
		struct elfgen_section s[] = {
			{ ".text", SHT_PROGBITS, "\xc3", 1 },
			{ ".data", SHT_PROGBITS, blob, size },
		};
		elfgen_write(path, ET_REL, EM_X86_64, s, 2, NULL);
	} else if (strcmp(api, "raw") == 0) {
		FILE *f = fopen(path, "w");

		if (!f || fwrite(blob, 1, size, f) != size || fclose(f)) {
			perror(path);
			return 2;
		}
	}

	if (strcmp(api, "raw") == 0)
		btf = btf__parse(path, NULL);
	else if (strcmp(api, "elf") == 0)
		btf = btf__parse_elf(path, NULL);
	else
		btf = btf__new(blob, size);
	printf("%s %s: %p (%s)\n", mode, api, (void *)btf, btf ? "ok" : strerror(errno));
	btf__free(btf);
	return 0;
}
