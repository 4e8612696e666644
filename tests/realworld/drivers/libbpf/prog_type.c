/* realworld corpus driver: libbpf_prog_type_by_name() with bad section names. */
#include <stdio.h>
#include <bpf/libbpf.h>

int main(int argc, char **argv)
{
	enum bpf_prog_type prog_type;
	enum bpf_attach_type attach_type;
	const char *name = argc > 1 ? argv[1] : NULL;

	printf("%d\n", libbpf_prog_type_by_name(name, &prog_type, &attach_type));
	return 0;
}
