/* libdwarf driver: dwarf_next_cu_header_d() on an ELF object whose .debug_info the
 * case gives in hex.
 *
 *   cu HEX      .debug_info bytes, e.g. a DWARF 4 CU header
 *               "0c000000" "0400" "00000000" "08" "01" "00" "00"
 *
 * The object, /tmp/errtrail-libdwarf-cu.o, has .debug_abbrev (one DW_TAG_compile_unit
 * abbreviation without attributes) and that .debug_info.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdwarf.h>
#include "../elfgen.h"

int main(int argc, char **argv)
{
	static const unsigned char abbrev[] = { 0x01, 0x11, 0x00, 0x00, 0x00, 0x00 };
	unsigned char info[256];
	size_t n = 0, i;
	const char *path = "/tmp/errtrail-libdwarf-cu.o";
	Dwarf_Debug dbg = 0;
	Dwarf_Error err = 0;
	Dwarf_Unsigned len = 0, abbrev_off = 0, typeoff = 0, next = 0;
	Dwarf_Half version = 0, addrsize = 0, offsize = 0, extsize = 0, type = 0;
	Dwarf_Sig8 sig;
	int res;

	if (argc != 2 || strlen(argv[1]) % 2 || strlen(argv[1]) / 2 > sizeof(info)) {
		fprintf(stderr, "usage: %s HEX\n", argv[0]);
		return 2;
	}
	for (i = 0; argv[1][2 * i]; i++) {
		unsigned b;

		sscanf(argv[1] + 2 * i, "%2x", &b);
		info[n++] = (unsigned char)b;
	}
	{
		struct elfgen_section secs[] = {
			{ ".debug_abbrev", SHT_PROGBITS, abbrev, sizeof(abbrev) },
			{ ".debug_info", SHT_PROGBITS, info, n },
		};

		elfgen_write(path, ET_REL, EM_X86_64, secs, 2, NULL);
	}
	res = dwarf_init_path(path, NULL, 0, DW_DLC_READ, DW_GROUPNUMBER_ANY, NULL, NULL, &dbg,
			      NULL, 0, NULL, &err);
	if (res != DW_DLV_OK) {
		printf("dwarf_init_path: %d %s\n", res, res == DW_DLV_ERROR ? dwarf_errmsg(err) : "");
		return 1;
	}
	res = dwarf_next_cu_header_d(dbg, 1, &len, &version, &abbrev_off, &addrsize, &offsize,
				     &extsize, &sig, &typeoff, &next, &type, &err);
	printf("dwarf_next_cu_header_d: %d", res);
	if (res == DW_DLV_ERROR)
		printf(" (%s)", dwarf_errmsg(err));
	else if (res == DW_DLV_OK)
		printf(" length %llu version %u addrsize %u", (unsigned long long)len, version,
		       addrsize);
	printf("\n");
	dwarf_finish(dbg, &err);
	return 0;
}
