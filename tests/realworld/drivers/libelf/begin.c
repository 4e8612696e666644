/* realworld corpus driver: libelf's elf_begin() on broken ELF files.
 *
 * begin MODE CMD: writes /tmp/errtrail-libelf-begin-MODE.o as MODE says and opens it
 * with elf_begin() and CMD: read (ELF_C_READ: pread) or mmap (ELF_C_READ_MMAP).
 *   noversion  a valid relocatable object, but elf_version() is never called
 *   shnum      e_shnum is 0 (more than SHN_LORESERVE sections, the count is in section
 *              0's sh_size), and section 0's sh_size is 0x100000000, more than a
 *              GElf_Word holds
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libelf.h>
#include "../elfgen.h"

static void no_shnum(Elf64_Ehdr *eh) { eh->e_shnum = 0; }

/* Rewrites section header @idx of the ELF64 file @path with @fn. */
static void patch_shdr(const char *path, int idx, void (*fn)(Elf64_Shdr *))
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh;
	int fd = open(path, O_RDWR);

	if (fd < 0 || pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    pread(fd, &sh, sizeof(sh), eh.e_shoff + idx * sizeof(sh)) != sizeof(sh)) {
		perror(path);
		exit(2);
	}
	fn(&sh);
	if (pwrite(fd, &sh, sizeof(sh), eh.e_shoff + idx * sizeof(sh)) != sizeof(sh) || close(fd)) {
		perror(path);
		exit(2);
	}
}

static void huge_size(Elf64_Shdr *sh) { sh->sh_size = 0x100000000ULL; }

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "noversion";
	const char *cmd = argc > 2 ? argv[2] : "read";
	static const char text[] = "\x31\xc0\xc3";
	struct elfgen_section s[] = { { ".text", SHT_PROGBITS, text, 3 } };
	char path[256];
	Elf *elf;
	int fd;

	snprintf(path, sizeof(path), "/tmp/errtrail-libelf-begin-%s.o", mode);
	if (strcmp(mode, "noversion") == 0) {
		elfgen_write(path, ET_REL, EM_X86_64, s, 1, NULL);
	} else if (strcmp(mode, "shnum") == 0) {
		elfgen_write(path, ET_REL, EM_X86_64, s, 1, no_shnum);
		patch_shdr(path, 0, huge_size);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	if (strcmp(mode, "noversion") != 0)
		elf_version(EV_CURRENT);

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		return 2;
	}
	elf = elf_begin(fd, strcmp(cmd, "mmap") == 0 ? ELF_C_READ_MMAP : ELF_C_READ, NULL);
	if (elf == NULL) {
		printf("elf_begin: %s\n", elf_errmsg(-1));
		close(fd);
		return 1;
	}
	printf("elf_begin: kind %d\n", elf_kind(elf));
	elf_end(elf);
	close(fd);
	return 0;
}
