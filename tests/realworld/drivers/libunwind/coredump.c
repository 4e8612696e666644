/* realworld corpus driver: libunwind-coredump on small core files written here.
 *
 * coredump missing                    _UCD_create() on a path that does not exist
 * coredump class|nonotes|noprstatus|badnote
 *                                     _UCD_create() on a malformed core file:
 *     class       ELF magic, but EI_CLASS 3 (neither 32 nor 64 bit)
 *     nonotes     ELF64 core with one PT_LOAD and no PT_NOTE segment
 *     noprstatus  one PT_NOTE holding an NT_PRPSINFO note only
 *     badnote     one PT_NOTE whose p_offset lies past the end of the file
 * coredump mem ADDR | reg N | procname IP | findproc IP
 *                                     a good core (one NT_PRSTATUS note, three PT_LOADs:
 *     0x400000 (file 0x1000 bytes at 0x1000, memory 0x2000), 0x600000 (at the unaligned
 *     file offset 0x1100), 0x800000 (at 0x10000, past the end of the 0x2000-byte file)),
 *     then _UCD_access_mem(), _UCD_access_reg(), _UCD_get_proc_name() or
 *     _UCD_find_proc_info() on it.
 * Files: /tmp/errtrail-libunwind-core/<scenario>.core, written afresh.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procfs.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libunwind-coredump.h>

#define DIR "/tmp/errtrail-libunwind-core"

static unsigned char img[0x2000];

static size_t note(unsigned char *p, unsigned type, size_t descsz)
{
	Elf64_Nhdr *n = (Elf64_Nhdr *)p;
	n->n_namesz = 5;
	n->n_descsz = descsz;
	n->n_type = type;
	memcpy(p + sizeof(*n), "CORE", 5);
	return sizeof(*n) + 8 + ((descsz + 3) & ~3UL);
}

/* An ELF64 core header with NPH program headers at offset 64; returns the phdrs. */
static Elf64_Phdr *header(int nph)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	memset(img, 0, sizeof(img));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_CORE;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = nph;
	return (Elf64_Phdr *)(img + sizeof(*eh));
}

static void load(Elf64_Phdr *ph, unsigned long vaddr, unsigned long off,
		 unsigned long filesz, unsigned long memsz)
{
	ph->p_type = PT_LOAD;
	ph->p_flags = PF_R | PF_X;
	ph->p_vaddr = vaddr;
	ph->p_offset = off;
	ph->p_filesz = filesz;
	ph->p_memsz = memsz;
	ph->p_align = 0x1000;
}

static const char *write_core(const char *name, size_t len)
{
	static char path[256];
	FILE *f;

	mkdir(DIR, 0700);
	snprintf(path, sizeof(path), DIR "/%s.core", name);
	f = fopen(path, "wb");
	if (!f || fwrite(img, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	return path;
}

static const char *make(const char *what)
{
	Elf64_Phdr *ph;
	size_t n;

	if (!strcmp(what, "class")) {
		header(0);
		img[EI_CLASS] = 3;
		return write_core(what, 64);
	}
	if (!strcmp(what, "nonotes")) {
		ph = header(1);
		load(&ph[0], 0x400000, 0x1000, 0x1000, 0x1000);
		return write_core(what, 0x2000);
	}
	if (!strcmp(what, "noprstatus")) {
		ph = header(1);
		n = note(img + 0x200, NT_PRPSINFO, sizeof(struct elf_prpsinfo));
		ph[0].p_type = PT_NOTE;
		ph[0].p_offset = 0x200;
		ph[0].p_filesz = n;
		return write_core(what, 0x200 + n);
	}
	if (!strcmp(what, "badnote")) {
		ph = header(1);
		ph[0].p_type = PT_NOTE;
		ph[0].p_offset = 0x100000;
		ph[0].p_filesz = 0x100;
		return write_core(what, 0x200);
	}
	/* a good core */
	ph = header(4);
	n = note(img + 0x200, NT_PRSTATUS, sizeof(struct elf_prstatus));
	ph[0].p_type = PT_NOTE;
	ph[0].p_offset = 0x200;
	ph[0].p_filesz = n;
	load(&ph[1], 0x400000, 0x1000, 0x1000, 0x2000);
	load(&ph[2], 0x600000, 0x1100, 0x100, 0x100);
	load(&ph[3], 0x800000, 0x10000, 0x1000, 0x1000);
	return write_core("good", 0x2000);
}

int main(int argc, char **argv)
{
	struct UCD_info *ui;
	unw_addr_space_t as;
	unw_word_t val = 0, off = 0;
	unw_proc_info_t pi;
	char buf[64];
	const char *path;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: coredump SCENARIO [ARG]\n");
		return 2;
	}
	if (!strcmp(argv[1], "missing"))
		path = DIR "-missing/core";
	else
		path = make(argv[1]);
	ui = _UCD_create(path);
	printf("_UCD_create(%s): %p\n", path, (void *)ui);
	if (!ui || argc < 3)
		return 0;
	as = unw_create_addr_space(&_UCD_accessors, 0);
	if (!as)
		return 1;
	unsigned long x = strtoul(argv[2], NULL, 0);
	if (!strcmp(argv[1], "mem")) {
		rc = _UCD_access_mem(as, x, &val, 0, ui);
		printf("_UCD_access_mem(%#lx): %d\n", x, rc);
	} else if (!strcmp(argv[1], "reg")) {
		rc = _UCD_access_reg(as, (unw_regnum_t)x, &val, 0, ui);
		printf("_UCD_access_reg(%lu): %d\n", x, rc);
	} else if (!strcmp(argv[1], "procname")) {
		rc = _UCD_get_proc_name(as, x, buf, sizeof(buf), &off, ui);
		printf("_UCD_get_proc_name(%#lx): %d\n", x, rc);
	} else if (!strcmp(argv[1], "findproc")) {
		rc = _UCD_find_proc_info(as, x, &pi, 0, ui);
		printf("_UCD_find_proc_info(%#lx): %d\n", x, rc);
	}
	unw_destroy_addr_space(as);
	_UCD_destroy(ui);
	return 0;
}
