/* realworld corpus driver: libelf's section and header calls on broken ELF files.
 *
 * scn MODE: writes /tmp/errtrail-libelf-scn-MODE.o as MODE says, opens it with
 * elf_begin(ELF_C_READ) (libelf reads with pread, nothing is mapped) and makes the one
 * call MODE names:
 *   kind      EI_CLASS is 3: elf_begin() makes an ELF_K_NONE descriptor;
 *             elf_getshdrstrndx()
 *   xindex    e_shnum 0, e_shoff 0 (no section headers), e_shstrndx SHN_XINDEX;
 *             elf_getshdrstrndx()
 *   strrange  elf_strptr(.shstrtab, 0x1000): past the end of the 17-byte table
 *   strtype   elf_strptr(section 1, 0): section 1 is SHT_PROGBITS
 *   strnul    elf_strptr(section 1, 0): section 1 is a SHT_STRTAB holding "abc", no NUL
 *   strfar    elf_strptr(section 1, 0): section 1 is a SHT_STRTAB whose sh_offset is
 *             1 MiB, past the end of the file
 *   symsize   elf_getdata(section 1): a SHT_SYMTAB of 25 bytes (symbols are 24)
 *   symidx    gelf_getsym(section 1's data, 5): a SHT_SYMTAB of 2 symbols
 *   phoff     elf_getphdrnum(): e_phnum 1, e_phoff 1 MiB, past the end of the file
 *   fddone    elf_cntl(ELF_C_FDDONE), then gelf_getshdr(section 1): the section
 *             headers were never read and the descriptor may not read any more
 *   class32   an ELFCLASS32 file; elf64_getshdr(section 1)
 *   getscn    elf_getscn(50) in a file of 3 sections
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

/* Rewrites section header @idx of the ELF64 file @path with @fn. */
static void patch_shdr(const char *path, int idx, void (*fn)(Elf64_Shdr *))
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh;
	int fd = open(path, O_RDWR);

	if (fd < 0 || pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    pread(fd, &sh, sizeof(sh), eh.e_shoff + idx * sizeof(sh)) != sizeof(sh))
		die(path);
	fn(&sh);
	if (pwrite(fd, &sh, sizeof(sh), eh.e_shoff + idx * sizeof(sh)) != sizeof(sh) || close(fd))
		die(path);
}

static void bad_class(Elf64_Ehdr *eh) { eh->e_ident[EI_CLASS] = 3; }
static void xindex(Elf64_Ehdr *eh)
{
	eh->e_shnum = 0;
	eh->e_shoff = 0;
	eh->e_shstrndx = SHN_XINDEX;
}
static void far_phdr(Elf64_Ehdr *eh)
{
	eh->e_phoff = 1 << 20;
	eh->e_phnum = 1;
	eh->e_phentsize = sizeof(Elf64_Phdr);
}
static void far_offset(Elf64_Shdr *sh) { sh->sh_offset = 1 << 20; }

/* An ELFCLASS32 little-endian relocatable file: .text and .shstrtab. */
static void write_elf32(const char *path)
{
	static const char names[] = "\0.text\0.shstrtab";
	static const char text[] = "\x31\xc0\xc3";
	Elf32_Ehdr eh = { 0 };
	Elf32_Shdr sh[3] = { { 0 } };
	FILE *f = fopen(path, "w");

	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS32;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_REL;
	eh.e_machine = EM_386;
	eh.e_version = EV_CURRENT;
	eh.e_ehsize = sizeof(eh);
	eh.e_shentsize = sizeof(Elf32_Shdr);
	eh.e_shnum = 3;
	eh.e_shstrndx = 2;
	eh.e_shoff = sizeof(eh) + 4 + 20; /* ehdr, .text (3 + pad), names (17 + pad) */
	sh[1].sh_name = 1;
	sh[1].sh_type = SHT_PROGBITS;
	sh[1].sh_offset = sizeof(eh);
	sh[1].sh_size = 3;
	sh[1].sh_addralign = 1;
	sh[2].sh_name = 7;
	sh[2].sh_type = SHT_STRTAB;
	sh[2].sh_offset = sizeof(eh) + 4;
	sh[2].sh_size = sizeof(names);
	sh[2].sh_addralign = 1;
	if (!f || fwrite(&eh, sizeof(eh), 1, f) != 1 || fwrite(text, 4, 1, f) != 1 ||
	    fwrite(names, sizeof(names), 1, f) != 1 || fwrite("\0\0\0", 3, 1, f) != 1 ||
	    fwrite(sh, sizeof(sh), 1, f) != 1 || fclose(f))
		die(path);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "kind";
	static const char text[] = "\x31\xc0\xc3";
	static const Elf64_Sym syms[2] = { { 0 }, { .st_name = 0, .st_info = 0x12, .st_shndx = 1 } };
	struct elfgen_section code[] = { { ".text", SHT_PROGBITS, text, 3 } };
	struct elfgen_section strs[] = { { ".strtab", SHT_STRTAB, "abc", 3 } };
	struct elfgen_section symtab[] = { { ".symtab", SHT_SYMTAB, syms, sizeof(syms) } };
	struct elfgen_section symodd[] = { { ".symtab", SHT_SYMTAB, syms, 25 } };
	char path[256];
	size_t n = 0;
	GElf_Shdr shdr;
	GElf_Sym sym;
	Elf_Scn *scn;
	Elf *elf;
	int fd;

	snprintf(path, sizeof(path), "/tmp/errtrail-libelf-scn-%s.o", mode);
	if (strcmp(mode, "kind") == 0)
		elfgen_write(path, ET_REL, EM_X86_64, code, 1, bad_class);
	else if (strcmp(mode, "xindex") == 0)
		elfgen_write(path, ET_REL, EM_X86_64, code, 1, xindex);
	else if (strcmp(mode, "strnul") == 0)
		elfgen_write(path, ET_REL, EM_X86_64, strs, 1, NULL);
	else if (strcmp(mode, "strfar") == 0) {
		elfgen_write(path, ET_REL, EM_X86_64, strs, 1, NULL);
		patch_shdr(path, 1, far_offset);
	} else if (strcmp(mode, "symsize") == 0)
		elfgen_write(path, ET_REL, EM_X86_64, symodd, 1, NULL);
	else if (strcmp(mode, "symidx") == 0)
		elfgen_write(path, ET_REL, EM_X86_64, symtab, 1, NULL);
	else if (strcmp(mode, "phoff") == 0)
		elfgen_write(path, ET_EXEC, EM_X86_64, code, 1, far_phdr);
	else if (strcmp(mode, "class32") == 0)
		write_elf32(path);
	else
		elfgen_write(path, ET_REL, EM_X86_64, code, 1, NULL);

	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		die(path);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (elf == NULL) {
		printf("elf_begin: %s\n", elf_errmsg(-1));
		return 1;
	}

	if (strcmp(mode, "kind") == 0 || strcmp(mode, "xindex") == 0) {
		int r = elf_getshdrstrndx(elf, &n);

		printf("elf_getshdrstrndx: %d (%zu) %s\n", r, n, r ? elf_errmsg(-1) : "");
	} else if (strcmp(mode, "strrange") == 0) {
		const char *s;

		if (elf_getshdrstrndx(elf, &n) != 0)
			printf("elf_getshdrstrndx: %s\n", elf_errmsg(-1));
		s = elf_strptr(elf, n, 0x1000);
		printf("elf_strptr: %s\n", s ? s : elf_errmsg(-1));
	} else if (strncmp(mode, "str", 3) == 0) {
		const char *s = elf_strptr(elf, 1, 0);

		printf("elf_strptr: %s\n", s ? s : elf_errmsg(-1));
	} else if (strcmp(mode, "symsize") == 0) {
		Elf_Data *d = elf_getdata(elf_getscn(elf, 1), NULL);

		printf("elf_getdata: %s\n", d ? "ok" : elf_errmsg(-1));
	} else if (strcmp(mode, "symidx") == 0) {
		Elf_Data *d = elf_getdata(elf_getscn(elf, 1), NULL);

		if (d == NULL)
			printf("elf_getdata: %s\n", elf_errmsg(-1));
		else
			printf("gelf_getsym: %s\n", gelf_getsym(d, 5, &sym) ? "ok" : elf_errmsg(-1));
	} else if (strcmp(mode, "phoff") == 0) {
		int r = elf_getphdrnum(elf, &n);

		printf("elf_getphdrnum: %d (%zu) %s\n", r, n, r ? elf_errmsg(-1) : "");
	} else if (strcmp(mode, "fddone") == 0) {
		if (elf_cntl(elf, ELF_C_FDDONE) != 0)
			printf("elf_cntl: %s\n", elf_errmsg(-1));
		scn = elf_getscn(elf, 1);
		printf("gelf_getshdr: %s\n", gelf_getshdr(scn, &shdr) ? "ok" : elf_errmsg(-1));
	} else if (strcmp(mode, "class32") == 0) {
		scn = elf_getscn(elf, 1);
		printf("elf64_getshdr: %s\n", elf64_getshdr(scn) ? "ok" : elf_errmsg(-1));
	} else if (strcmp(mode, "getscn") == 0) {
		scn = elf_getscn(elf, 50);
		printf("elf_getscn: %s\n", scn ? "ok" : elf_errmsg(-1));
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	elf_end(elf);
	close(fd);
	return 0;
}
