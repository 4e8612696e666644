/* realworld corpus driver: bpf_object__open_file() on files that are no BPF object.
 *
 * open_obj MODE: missing (a path that does not exist), x86 (an x86-64 relocatable
 * ELF object written to /tmp), text (a text file), logsize (a valid-looking call
 * whose options give a kernel log size but no buffer).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "../elfgen.h"

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "missing";
	char path[256];
	struct bpf_object *obj;
	LIBBPF_OPTS(bpf_object_open_opts, opts);

	libbpf_set_print(NULL);
	snprintf(path, sizeof(path), "/tmp/errtrail-bpf-%s.bpf.o", mode);
	if (strcmp(mode, "missing") == 0) {
		unlink(path);
	} else if (strcmp(mode, "x86") == 0 || strcmp(mode, "logsize") == 0) {
		struct elfgen_section s[] = {
			{ ".text", SHT_PROGBITS, "\x31\xc0\xc3", 3 },
			{ "license", SHT_PROGBITS, "GPL", 4 },
		};
		elfgen_write(path, ET_REL, EM_X86_64, s, 2, NULL);
		if (strcmp(mode, "logsize") == 0)
			opts.kernel_log_size = 4096;
	} else {
		FILE *f = fopen(path, "w");

		if (!f || fputs("this is not an ELF object\n", f) < 0 || fclose(f)) {
			perror(path);
			return 2;
		}
	}
	obj = bpf_object__open_file(path, &opts);
	printf("%s: %p (%s)\n", mode, (void *)obj, obj ? "ok" : strerror(errno));
	bpf_object__close(obj);
	return 0;
}
