/* realworld corpus driver: libsepol module packages read from memory
 * (sepol_policy_file_set_mem()), never from a file.
 *   package read HEX   sepol_module_package_read() of the bytes HEX
 *   package info HEX   sepol_module_package_info() of the bytes HEX
 * A package (little-endian): magic 0xf97cff8f, version, number of sections,
 * the sections' offsets, then the sections, each starting with its magic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sepol/sepol.h>
#include <sepol/module.h>

static unsigned char *unhex(const char *s, size_t *len)
{
	size_t n = strlen(s) / 2, i;
	unsigned char *out = malloc(n ? n : 1);

	for (i = 0; i < n; i++) {
		unsigned int c;

		if (sscanf(s + 2 * i, "%2x", &c) != 1)
			exit(2);
		out[i] = (unsigned char) c;
	}
	*len = n;
	return out;
}

int main(int argc, char **argv)
{
	sepol_handle_t *h = sepol_handle_create();
	int rc;

	if (argc < 3)
		return 2;
	if (argc > 3 && !strcmp(argv[1], "package")) {
		sepol_policy_file_t *pf;
		size_t len;
		unsigned char *data = unhex(argv[3], &len);

		if (sepol_policy_file_create(&pf))
			return 1;
		sepol_policy_file_set_mem(pf, (char *) data, len);
		sepol_policy_file_set_handle(pf, h);
		if (!strcmp(argv[2], "read")) {
			sepol_module_package_t *mod = NULL;

			if (sepol_module_package_create(&mod))
				return 1;
			rc = sepol_module_package_read(mod, pf, 0);
			printf("read: %d\n", rc);
			sepol_module_package_free(mod);
		} else if (!strcmp(argv[2], "info")) {
			int type = -1;
			char *name = NULL, *version = NULL;

			rc = sepol_module_package_info(pf, &type, &name, &version);
			printf("info: %d (type %d)\n", rc, type);
		} else {
			return 2;
		}
		sepol_policy_file_free(pf);
		free(data);
	} else {
		return 2;
	}
	sepol_handle_destroy(h);
	return 0;
}
