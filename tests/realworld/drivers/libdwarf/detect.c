/* libdwarf driver: object detection and dwarf_init_path_dl() on files the driver writes.
 *
 *   detect fd KIND      dwarf_object_detector_fd() on a file of KIND
 *   detect path KIND    dwarf_object_detector_path_b() on a file of KIND
 *   detect init KIND    dwarf_init_path_dl() on a file of KIND
 *
 * KIND: missing (no such file), tiny (10 bytes), text (a text file), elfclass (an ELF
 * header with EI_CLASS 3), nodebug (an ELF object with only .text), shentsize (an ELF
 * object whose e_shentsize is 32), shstrndx (an ELF object whose e_shstrndx is 99).
 * Files are written afresh as /tmp/errtrail-libdwarf-<KIND>.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libdwarf.h>
#include "../elfgen.h"

static void patch_shentsize(Elf64_Ehdr *eh) { eh->e_shentsize = 32; }
static void patch_shstrndx(Elf64_Ehdr *eh) { eh->e_shstrndx = 99; }
static void patch_class(Elf64_Ehdr *eh) { eh->e_ident[EI_CLASS] = 3; }

static const char *make_file(const char *kind)
{
	static char path[256];
	static const unsigned char text[16] = { 0x55, 0x48, 0x89, 0xe5, 0x31, 0xc0, 0x5d, 0xc3 };
	struct elfgen_section sec[] = { { ".text", SHT_PROGBITS, text, sizeof(text) } };
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/errtrail-libdwarf-%s", kind);
	if (!strcmp(kind, "missing")) {
		snprintf(path, sizeof(path), "/tmp/errtrail-libdwarf-missing/none.o");
		unlink(path);
	} else if (!strcmp(kind, "tiny") || !strcmp(kind, "text")) {
		f = fopen(path, "w");
		if (!f) {
			perror(path);
			exit(2);
		}
		if (!strcmp(kind, "tiny"))
			fputs("not an ELF", f);
		else
			fputs("This is a plain text file, not an object file.\n"
			      "It is long enough to hold an ELF header.\n", f);
		fclose(f);
	} else if (!strcmp(kind, "elfclass")) {
		elfgen_write(path, ET_REL, EM_X86_64, sec, 1, patch_class);
	} else if (!strcmp(kind, "nodebug")) {
		elfgen_write(path, ET_REL, EM_X86_64, sec, 1, NULL);
	} else if (!strcmp(kind, "shentsize")) {
		elfgen_write(path, ET_REL, EM_X86_64, sec, 1, patch_shentsize);
	} else if (!strcmp(kind, "shstrndx")) {
		elfgen_write(path, ET_REL, EM_X86_64, sec, 1, patch_shstrndx);
	} else {
		fprintf(stderr, "unknown kind %s\n", kind);
		exit(2);
	}
	return path;
}

int main(int argc, char **argv)
{
	unsigned ftype = 0, endian = 0, offsetsize = 0;
	Dwarf_Unsigned filesize = 0;
	int errcode = 0, res;
	const char *path;

	if (argc != 3) {
		fprintf(stderr, "usage: %s fd|path|init KIND\n", argv[0]);
		return 2;
	}
	path = make_file(argv[2]);
	if (!strcmp(argv[1], "fd")) {
		int fd = open(path, O_RDONLY);

		if (fd < 0) {
			perror(path);
			return 2;
		}
		res = dwarf_object_detector_fd(fd, &ftype, &endian, &offsetsize, &filesize,
					       &errcode);
		close(fd);
		printf("dwarf_object_detector_fd: %d errcode %d ftype %u\n", res, errcode, ftype);
	} else if (!strcmp(argv[1], "path")) {
		unsigned char pathsource = DW_PATHSOURCE_basic;

		res = dwarf_object_detector_path_b(path, NULL, 0, NULL, 0, &ftype, &endian,
						   &offsetsize, &filesize, &pathsource, &errcode);
		printf("dwarf_object_detector_path_b: %d errcode %d ftype %u\n", res, errcode,
		       ftype);
	} else if (!strcmp(argv[1], "init")) {
		Dwarf_Debug dbg = 0;
		Dwarf_Error err = 0;

		res = dwarf_init_path_dl(path, NULL, 0, DW_DLC_READ, DW_GROUPNUMBER_ANY, NULL,
					 NULL, &dbg, NULL, 0, NULL, NULL, 0, NULL, &err);
		printf("dwarf_init_path_dl: %d", res);
		if (res == DW_DLV_ERROR)
			printf(" (%s)", dwarf_errmsg(err));
		printf("\n");
		if (res == DW_DLV_OK)
			dwarf_finish(dbg, &err);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	return 0;
}
