/* errtrail real-library corpus: libfyaml driver.
 *
 *   fyaml build STRING            fy_document_build_from_string()
 *   fyaml file PATH               fy_document_build_from_file()
 *   fyaml nodebuild STRING        fy_node_build_from_string() into an empty document
 *   fyaml emitfile YAML PATH      fy_emit_document_to_file()
 *   fyaml emitfd YAML             fy_emit_document_to_fd() on a descriptor it closed
 *   fyaml emitbuf YAML SIZE       fy_emit_document_to_buffer() into SIZE bytes
 *   fyaml scanf YAML FMT          fy_document_scanf() with one int/string argument
 *   fyaml mapdup YAML KEY         fy_node_mapping_append() of KEY: x to the root mapping
 *   fyaml seqattached YAML        fy_node_sequence_append() of the root's first item again
 *   fyaml anchor YAML TEXT        fy_node_set_anchor() on the root's first item
 *   fyaml tagdir YAML HANDLE PFX  fy_document_tag_directive_add()
 *   fyaml insertat YAML PATH NEW  fy_document_insert_at() of NEW at PATH
 *
 * Arguments keep no spaces or newlines through the tracer's command line, so YAML
 * arguments take "_" for a space and "~" for a newline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <libfyaml.h>

static char *unesc(const char *s)
{
	char *r = strdup(s), *p;

	for (p = r; *p; p++) {
		if (*p == '_')
			*p = ' ';
		else if (*p == '~')
			*p = '\n';
	}
	return r;
}

static const struct fy_parse_cfg quiet = {
	.flags = FYPCF_QUIET,
};

static struct fy_document *doc(const char *yaml)
{
	char *s = unesc(yaml);
	struct fy_document *fyd = fy_document_build_from_string(&quiet, s, FY_NT);

	if (!fyd) {
		fprintf(stderr, "cannot build the document\n");
		exit(2);
	}
	return fyd;
}

int main(int argc, char **argv)
{
	struct fy_document *fyd;
	struct fy_node *fyn, *root;
	const char *mode;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: %s MODE ARGS...\n", argv[0]);
		return 2;
	}
	mode = argv[1];

	if (!strcmp(mode, "build")) {
		fyd = fy_document_build_from_string(&quiet, unesc(argv[2]), FY_NT);
		printf("fy_document_build_from_string: %p\n", (void *)fyd);
		return fyd ? 0 : 1;
	}
	if (!strcmp(mode, "file")) {
		fyd = fy_document_build_from_file(&quiet, argv[2]);
		printf("fy_document_build_from_file: %p\n", (void *)fyd);
		return fyd ? 0 : 1;
	}
	if (!strcmp(mode, "nodebuild")) {
		fyd = fy_document_create(&quiet);
		fyn = fy_node_build_from_string(fyd, unesc(argv[2]), FY_NT);
		printf("fy_node_build_from_string: %p\n", (void *)fyn);
		return fyn ? 0 : 1;
	}
	if (!strcmp(mode, "emitfile") && argc > 3) {
		fyd = doc(argv[2]);
		rc = fy_emit_document_to_file(fyd, FYECF_DEFAULT, argv[3]);
		printf("fy_emit_document_to_file: %d\n", rc);
		return rc ? 1 : 0;
	}
	if (!strcmp(mode, "emitfd")) {
		int fd;

		fyd = doc(argv[2]);
		fd = open("/tmp/errtrail-libfyaml-emitfd", O_RDONLY | O_CREAT, 0600);
		close(fd);
		rc = fy_emit_document_to_fd(fyd, FYECF_DEFAULT, fd);
		printf("fy_emit_document_to_fd(%d): %d\n", fd, rc);
		unlink("/tmp/errtrail-libfyaml-emitfd");
		return rc ? 1 : 0;
	}
	if (!strcmp(mode, "emitbuf") && argc > 3) {
		char buf[256];
		size_t size = strtoul(argv[3], NULL, 0);

		if (size > sizeof(buf))
			size = sizeof(buf);
		fyd = doc(argv[2]);
		rc = fy_emit_document_to_buffer(fyd, FYECF_DEFAULT, buf, size);
		printf("fy_emit_document_to_buffer(%zu): %d\n", size, rc);
		return rc < 0 ? 1 : 0;
	}
	if (!strcmp(mode, "scanf") && argc > 3) {
		char sval[64];

		fyd = doc(argv[2]);
		rc = fy_document_scanf(fyd, unesc(argv[3]), sval);
		printf("fy_document_scanf: %d\n", rc);
		return rc < 0 ? 1 : 0;
	}
	if (!strcmp(mode, "mapdup") && argc > 3) {
		struct fy_node *k, *v;

		fyd = doc(argv[2]);
		root = fy_document_root(fyd);
		k = fy_node_create_scalar_copy(fyd, argv[3], FY_NT);
		v = fy_node_create_scalar(fyd, "x", FY_NT);
		rc = fy_node_mapping_append(root, k, v);
		printf("fy_node_mapping_append: %d\n", rc);
		return rc ? 1 : 0;
	}
	if (!strcmp(mode, "seqattached")) {
		fyd = doc(argv[2]);
		root = fy_document_root(fyd);
		fyn = fy_node_sequence_get_by_index(root, 0);
		rc = fy_node_sequence_append(root, fyn);
		printf("fy_node_sequence_append: %d\n", rc);
		return rc ? 1 : 0;
	}
	if (!strcmp(mode, "anchor") && argc > 3) {
		fyd = doc(argv[2]);
		root = fy_document_root(fyd);
		fyn = fy_node_sequence_get_by_index(root, 0);
		rc = fy_node_set_anchor(fyn, unesc(argv[3]), FY_NT);
		printf("fy_node_set_anchor: %d\n", rc);
		return rc ? 1 : 0;
	}
	if (!strcmp(mode, "tagdir") && argc > 4) {
		fyd = doc(argv[2]);
		rc = fy_document_tag_directive_add(fyd, argv[3], argv[4]);
		printf("fy_document_tag_directive_add: %d\n", rc);
		return rc ? 1 : 0;
	}
	if (!strcmp(mode, "insertat") && argc > 4) {
		fyd = doc(argv[2]);
		fyn = fy_node_build_from_string(fyd, unesc(argv[4]), FY_NT);
		rc = fy_document_insert_at(fyd, argv[3], FY_NT, fyn);
		printf("fy_document_insert_at: %d\n", rc);
		return rc ? 1 : 0;
	}
	fprintf(stderr, "unknown mode %s\n", mode);
	return 2;
}
