/* realworld corpus driver: libisofs (1.5.4) building trees with bad names and importing
 * broken images.  libisofs returns negative ISO_* codes (ints with the high bit set:
 * ISO_WRONG_ARG_VALUE 0xE830FFF8, ISO_NODE_NAME_NOT_UNIQUE 0xE830FFBF, ISO_FILE_READ_ERROR
 * 0xE830FF79, ISO_FILE_DOESNT_EXIST 0xE830FF7C, ISO_FILE_BAD_PATH 0xE830FF7D, ISO_WRONG_PVD
 * 0xE830FEC0, ISO_RR_NAME_TOO_LONG 0xE830FE87, ISO_RR_NAME_RESERVED 0xE830FE86).
 * Images, written into the current directory as isofs-NAME.iso (2048-byte blocks):
 *   zero    20 blocks of zeros (no primary volume descriptor at block 16)
 *   short   8 blocks of zeros (block 16 cannot be read)
 *   root    20 blocks: a primary volume descriptor at 16 whose root directory record
 *           names block 1000, the volume descriptor set terminator at 17
 * Modes:
 *   isofs source PATH        iso_data_source_new_from_file(PATH)
 *   isofs import IMAGE       iso_image_import() of the image with default read options
 *   isofs addnode PATH       iso_tree_add_node(root, PATH)
 *   isofs mkdir NAME         iso_tree_add_new_dir(root, NAME)
 *   isofs mkdir2 NAME        iso_tree_add_new_dir(root, NAME) twice
 *   isofs symlink long       iso_tree_add_new_symlink(root, l, a/ and 300 x)
 *   isofs rename root        iso_node_set_name(root, x)
 *   isofs rename dup         dirs a and b in the root, then iso_node_set_name(b, a)
 *   isofs nodepath           dir d in the root, dir c in d, iso_node_take(d), then
 *                            iso_tree_get_node_path(c)
 *   isofs lookup PATH        dir d in the root, then iso_tree_path_to_node(PATH)
 *   isofs fileid NAME        iso_1_fileid(NAME, 0, 0) (util.h, not in libisofs.h)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <libisofs/libisofs.h>

char *iso_1_fileid(const char *src, int relaxed, int force_dots);

static void both32(unsigned char *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
	p[4] = v >> 24;
	p[5] = v >> 16;
	p[6] = v >> 8;
	p[7] = v;
}

static const char *image_file(const char *name)
{
	static char path[64];
	static unsigned char img[20 * 2048];
	size_t blocks = 20;
	FILE *f;

	memset(img, 0, sizeof(img));
	if (strcmp(name, "short") == 0)
		blocks = 8;
	else if (strcmp(name, "root") == 0) {
		unsigned char *pvd = img + 16 * 2048, *term = img + 17 * 2048;

		pvd[0] = 1;
		memcpy(pvd + 1, "CD001", 5);
		pvd[6] = 1;
		both32(pvd + 80, 20);           /* vol_space_size */
		pvd[156] = 34;                  /* root record length */
		both32(pvd + 156 + 2, 1000);    /* root extent */
		both32(pvd + 156 + 10, 2048);   /* root size */
		pvd[156 + 25] = 2;              /* directory */
		pvd[156 + 32] = 1;              /* name length */
		pvd[881] = 1;                   /* file_structure_version */
		term[0] = 255;
		memcpy(term + 1, "CD001", 5);
		term[6] = 1;
	} else if (strcmp(name, "zero") != 0) {
		fprintf(stderr, "unknown image %s\n", name);
		exit(2);
	}
	snprintf(path, sizeof(path), "isofs-%s.iso", name);
	f = fopen(path, "wb");
	if (!f || fwrite(img, 2048, blocks, f) != blocks || fclose(f)) {
		perror(path);
		exit(2);
	}
	return path;
}

static int report(const char *what, int ret)
{
	printf("%s = %d (0x%X)\n", what, ret, (unsigned)ret);
	return ret < 0;
}

int main(int argc, char **argv)
{
	IsoImage *img;
	IsoDir *root, *d, *c, *b;
	int ret;

	if (argc < 2)
		return 2;
	if (iso_init() < 0)
		return 2;
	iso_set_msgs_severities("NEVER", "NEVER", "");
	if (strcmp(argv[1], "fileid") == 0 && argc == 3) {
		char *id = iso_1_fileid(argv[2], 0, 0);

		printf("iso_1_fileid = %s\n", id ? id : "(null)");
		return id == NULL;
	}
	if (strcmp(argv[1], "source") == 0 && argc == 3) {
		IsoDataSource *src;

		return report("iso_data_source_new_from_file",
			      iso_data_source_new_from_file(argv[2], &src));
	}
	if (iso_image_new("errtrail", &img) < 0)
		return 2;
	root = iso_image_get_root(img);
	if (strcmp(argv[1], "import") == 0 && argc == 3) {
		IsoDataSource *src;
		IsoReadOpts *opts;
		IsoReadImageFeatures *features = NULL;

		ret = iso_data_source_new_from_file(image_file(argv[2]), &src);
		if (ret < 0 || iso_read_opts_new(&opts, 0) < 0)
			return 2;
		return report("iso_image_import", iso_image_import(img, src, opts, &features));
	}
	if (strcmp(argv[1], "addnode") == 0 && argc == 3)
		return report("iso_tree_add_node", iso_tree_add_node(img, root, argv[2], NULL));
	if (strcmp(argv[1], "mkdir") == 0 && argc == 3)
		return report("iso_tree_add_new_dir", iso_tree_add_new_dir(root, argv[2], NULL));
	if (strcmp(argv[1], "mkdir2") == 0 && argc == 3) {
		if (report("iso_tree_add_new_dir", iso_tree_add_new_dir(root, argv[2], NULL)))
			return 2;
		return report("iso_tree_add_new_dir", iso_tree_add_new_dir(root, argv[2], NULL));
	}
	if (strcmp(argv[1], "symlink") == 0 && argc == 3 && strcmp(argv[2], "long") == 0) {
		char dest[303];

		memcpy(dest, "a/", 2);
		memset(dest + 2, 'x', 300);
		dest[302] = 0;
		return report("iso_tree_add_new_symlink",
			      iso_tree_add_new_symlink(root, "l", dest, NULL));
	}
	if (strcmp(argv[1], "rename") == 0 && argc == 3) {
		if (strcmp(argv[2], "root") == 0)
			return report("iso_node_set_name", iso_node_set_name((IsoNode *)root, "x"));
		if (strcmp(argv[2], "dup") == 0) {
			if (iso_tree_add_new_dir(root, "a", NULL) < 0 ||
			    iso_tree_add_new_dir(root, "b", &b) < 0)
				return 2;
			return report("iso_node_set_name", iso_node_set_name((IsoNode *)b, "a"));
		}
		return 2;
	}
	if (strcmp(argv[1], "nodepath") == 0 && argc == 2) {
		char *path;

		if (iso_tree_add_new_dir(root, "d", &d) < 0 || iso_tree_add_new_dir(d, "c", &c) < 0)
			return 2;
		iso_node_ref((IsoNode *)d);
		if (iso_node_take((IsoNode *)d) < 0)
			return 2;
		path = iso_tree_get_node_path((IsoNode *)c);
		printf("iso_tree_get_node_path = %s\n", path ? path : "(null)");
		return path == NULL;
	}
	if (strcmp(argv[1], "lookup") == 0 && argc == 3) {
		IsoNode *node = NULL;

		if (iso_tree_add_new_dir(root, "d", &d) < 0)
			return 2;
		ret = iso_tree_path_to_node(img, argv[2], &node);
		printf("iso_tree_path_to_node = %d, node %p\n", ret, (void *)node);
		return ret != 1;
	}
	return 2;
}
