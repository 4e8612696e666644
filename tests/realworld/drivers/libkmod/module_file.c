/* realworld corpus driver: libkmod on broken module files.
 *
 * module_file MODE OP: writes /tmp/errtrail-kmod-MODE.ko as MODE says, makes a module
 * from that path (kmod_module_new_from_path) in a context with no configuration and
 * calls OP on it: info (kmod_module_get_info), versions (kmod_module_get_versions),
 * symbols (kmod_module_get_symbols) or depsyms (kmod_module_get_dependency_symbols).
 */
#include <stdio.h>
#include <string.h>
#include <libkmod.h>
#include "../elfgen.h"

static void write_bytes(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "w");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(2);
	}
}

static void bad_shentsize(Elf64_Ehdr *eh) { eh->e_shentsize = 40; }
static void far_shoff(Elf64_Ehdr *eh) { eh->e_shoff = 1 << 20; }

static const char modinfo[] = "license=GPL\0author=errtrail\0";

int main(int argc, char **argv)
{
	static const char *const no_config[] = { NULL };
	const char *mode = argc > 1 ? argv[1] : "short";
	const char *op = argc > 2 ? argv[2] : "info";
	struct kmod_ctx *ctx;
	struct kmod_module *mod;
	struct kmod_list *list = NULL;
	char path[256], garbage[512];
	int err;

	snprintf(path, sizeof(path), "/tmp/errtrail-kmod-%s.ko", mode);
	for (size_t i = 0; i < sizeof(garbage); i++)
		garbage[i] = (char)(i * 37 + 11);

	if (strcmp(mode, "short") == 0) {
		write_bytes(path, "ab\n", 3);
	} else if (strcmp(mode, "notelf") == 0) {
		write_bytes(path, "this is not an ELF module\n", 26);
	} else if (strcmp(mode, "class") == 0) {
		unsigned char h[80] = { 0x7f, 'E', 'L', 'F', 7, ELFDATA2LSB, EV_CURRENT };
		write_bytes(path, h, sizeof(h));
	} else if (strcmp(mode, "shentsize") == 0) {
		struct elfgen_section s[] = { { ".modinfo", SHT_PROGBITS, modinfo, sizeof(modinfo) } };
		elfgen_write(path, ET_REL, EM_X86_64, s, 1, bad_shentsize);
	} else if (strcmp(mode, "shoff") == 0) {
		struct elfgen_section s[] = { { ".modinfo", SHT_PROGBITS, modinfo, sizeof(modinfo) } };
		elfgen_write(path, ET_REL, EM_X86_64, s, 1, far_shoff);
	} else if (strcmp(mode, "nomodinfo") == 0) {
		struct elfgen_section s[] = { { ".text", SHT_PROGBITS, "\xc3", 1 } };
		elfgen_write(path, ET_REL, EM_X86_64, s, 1, NULL);
	} else if (strcmp(mode, "versions") == 0) {
		/* __versions holds 64-byte records: 70 bytes is not a whole number of them */
		struct elfgen_section s[] = {
			{ ".modinfo", SHT_PROGBITS, modinfo, sizeof(modinfo) },
			{ "__versions", SHT_PROGBITS, garbage, 70 },
		};
		elfgen_write(path, ET_REL, EM_X86_64, s, 2, NULL);
	} else if (strcmp(mode, "nostrtab") == 0) {
		static const Elf64_Sym syms[2] = { { 0 }, { .st_name = 1 } };
		struct elfgen_section s[] = {
			{ ".modinfo", SHT_PROGBITS, modinfo, sizeof(modinfo) },
			{ ".symtab", SHT_SYMTAB, syms, sizeof(syms) },
		};
		elfgen_write(path, ET_REL, EM_X86_64, s, 2, NULL);
	} else if (strcmp(mode, "xz") == 0 || strcmp(mode, "gz") == 0 || strcmp(mode, "zst") == 0) {
		/* the compression's magic, then bytes that do not decompress */
		static const unsigned char xz[] = { 0xfd, '7', 'z', 'X', 'Z', 0 };
		static const unsigned char gz[] = { 0x1f, 0x8b };
		static const unsigned char zst[] = { 0x28, 0xb5, 0x2f, 0xfd };
		const unsigned char *magic = mode[0] == 'x' ? xz : mode[0] == 'g' ? gz : zst;
		size_t mlen = mode[0] == 'x' ? sizeof(xz) : mode[0] == 'g' ? sizeof(gz) : sizeof(zst);
		char buf[sizeof(garbage)];

		memcpy(buf, garbage, sizeof(buf));
		memcpy(buf, magic, mlen);
		write_bytes(path, buf, sizeof(buf));
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}

	ctx = kmod_new("/tmp/errtrail-kmod-nomodules", no_config);
	if (ctx == NULL) {
		perror("kmod_new");
		return 2;
	}
	err = kmod_module_new_from_path(ctx, path, &mod);
	if (err < 0) {
		printf("kmod_module_new_from_path %s: %s\n", path, strerror(-err));
		return 1;
	}
	if (strcmp(op, "versions") == 0) {
		err = kmod_module_get_versions(mod, &list);
		kmod_module_versions_free_list(list);
	} else if (strcmp(op, "symbols") == 0) {
		err = kmod_module_get_symbols(mod, &list);
		kmod_module_symbols_free_list(list);
	} else if (strcmp(op, "depsyms") == 0) {
		err = kmod_module_get_dependency_symbols(mod, &list);
		kmod_module_dependency_symbols_free_list(list);
	} else {
		err = kmod_module_get_info(mod, &list);
		kmod_module_info_free_list(list);
	}
	printf("%s %s: %d (%s)\n", mode, op, err, err < 0 ? strerror(-err) : "ok");
	kmod_module_unref(mod);
	kmod_unref(ctx);
	return 0;
}
