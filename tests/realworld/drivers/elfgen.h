/* realworld corpus drivers: write a small ELF64 little-endian file with given sections. */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct elfgen_section {
	const char *name;
	uint32_t type;
	const void *data;
	size_t size;
};

/* Writes to @path: the ELF header (as @type/@machine), each section's data, the
 * section name table (.shstrtab, last) and the section headers. @patch, if not NULL,
 * may alter the header before it is written. */
static void elfgen_write(const char *path, uint16_t type, uint16_t machine,
			 const struct elfgen_section *secs, int n,
			 void (*patch)(Elf64_Ehdr *))
{
	Elf64_Ehdr eh = { 0 };
	Elf64_Shdr sh[32] = { { 0 } };
	char names[1024] = "";
	size_t nlen = 1, off = sizeof(eh);
	FILE *f;
	int i;

	if (n > 30) {
		fprintf(stderr, "elfgen: too many sections\n");
		exit(2);
	}
	for (i = 0; i <= n; i++) {
		const char *name = i < n ? secs[i].name : ".shstrtab";
		Elf64_Shdr *s = &sh[i + 1];

		s->sh_name = nlen;
		strcpy(names + nlen, name);
		nlen += strlen(name) + 1;
		s->sh_type = i < n ? secs[i].type : SHT_STRTAB;
		s->sh_addralign = 1;
	}
	for (i = 0; i <= n; i++) {
		Elf64_Shdr *s = &sh[i + 1];

		s->sh_offset = off;
		s->sh_size = i < n ? secs[i].size : nlen;
		off += s->sh_size;
	}
	off = (off + 7) & ~(size_t)7;

	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = type;
	eh.e_machine = machine;
	eh.e_version = EV_CURRENT;
	eh.e_shoff = off;
	eh.e_ehsize = sizeof(eh);
	eh.e_shentsize = sizeof(Elf64_Shdr);
	eh.e_shnum = n + 2;
	eh.e_shstrndx = n + 1;
	if (patch)
		patch(&eh);

	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fwrite(&eh, sizeof(eh), 1, f);
	for (i = 0; i < n; i++)
		fwrite(secs[i].data, 1, secs[i].size, f);
	fwrite(names, 1, nlen, f);
	while (ftell(f) < (long)off)
		fputc(0, f);
	fwrite(sh, sizeof(Elf64_Shdr), n + 2, f);
	if (fclose(f)) {
		perror(path);
		exit(2);
	}
}
