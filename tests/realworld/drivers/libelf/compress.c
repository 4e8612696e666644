/* realworld corpus driver: libelf's compressed sections (SHF_COMPRESSED) gone wrong.
 *
 * compress MODE: writes /tmp/errtrail-libelf-compress-MODE.o as MODE says, opens it
 * with elf_begin(ELF_C_READ) and makes the one call MODE names on section 1:
 *   ztype  a SHF_COMPRESSED SHT_PROGBITS whose Elf64_Chdr says ch_type 2 (zstd, which
 *          libelf 0.188 does not decompress); elf_compress(scn, 0, 0) (decompress)
 *   ratio  a SHF_COMPRESSED SHT_PROGBITS whose Elf64_Chdr says zlib, ch_size 256 MiB,
 *          followed by 16 bytes; elf_compress(scn, 0, 0)
 *   alloc  a SHF_ALLOC SHT_PROGBITS; elf_compress(scn, ELFCOMPRESS_ZLIB, 0)
 *   strz   a SHF_COMPRESSED SHT_STRTAB whose Elf64_Chdr says ch_type 2;
 *          elf_strptr(elf, 1, 0)
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <gelf.h>
#include <libelf.h>
#include "../elfgen.h"

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static uint64_t new_flags;

/* Sets section 1's sh_flags in the ELF64 file @path to new_flags. */
static void set_flags(const char *path)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh;
	int fd = open(path, O_RDWR);

	if (fd < 0 || pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    pread(fd, &sh, sizeof(sh), eh.e_shoff + sizeof(sh)) != sizeof(sh))
		die(path);
	sh.sh_flags = new_flags;
	if (pwrite(fd, &sh, sizeof(sh), eh.e_shoff + sizeof(sh)) != sizeof(sh) || close(fd))
		die(path);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "ztype";
	struct {
		Elf64_Chdr ch;
		unsigned char bytes[16];
	} z = { { .ch_type = 2, .ch_size = 16, .ch_addralign = 1 },
		{ 0x78, 0x9c, 0x4b, 0x4c, 0x4a, 0x06, 0x00, 0x02, 0x4d, 0x01, 0x27 } };
	static const char text[] = "\x31\xc0\xc3";
	struct elfgen_section s[1] = { { ".zdebug", SHT_PROGBITS, &z, sizeof(z) } };
	char path[256];
	Elf_Scn *scn;
	Elf *elf;
	int fd, r;

	snprintf(path, sizeof(path), "/tmp/errtrail-libelf-compress-%s.o", mode);
	new_flags = SHF_COMPRESSED;
	if (strcmp(mode, "ratio") == 0) {
		z.ch.ch_type = ELFCOMPRESS_ZLIB;
		z.ch.ch_size = 256 << 20;
	} else if (strcmp(mode, "alloc") == 0) {
		s[0] = (struct elfgen_section){ ".text", SHT_PROGBITS, text, 3 };
		new_flags = SHF_ALLOC | SHF_EXECINSTR;
	} else if (strcmp(mode, "strz") == 0) {
		s[0].name = ".strtab";
		s[0].type = SHT_STRTAB;
	} else if (strcmp(mode, "ztype") != 0) {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	elfgen_write(path, ET_REL, EM_X86_64, s, 1, NULL);
	set_flags(path);

	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		die(path);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (elf == NULL) {
		printf("elf_begin: %s\n", elf_errmsg(-1));
		return 1;
	}
	scn = elf_getscn(elf, 1);
	if (strcmp(mode, "strz") == 0) {
		const char *str = elf_strptr(elf, 1, 0);

		printf("elf_strptr: %s\n", str ? str : elf_errmsg(-1));
	} else {
		r = elf_compress(scn, strcmp(mode, "alloc") == 0 ? ELFCOMPRESS_ZLIB : 0, 0);
		printf("elf_compress: %d %s\n", r, r < 0 ? elf_errmsg(-1) : "");
	}
	elf_end(elf);
	close(fd);
	return 0;
}
