/* realworld corpus driver: libnvme's helpers that need no device (linux.c, util.c).
 *
 * util dhchap HMAC KEYLEN    nvme_gen_dhchap_key() of a KEYLEN-byte secret (bytes 0x5a) for
 *                            host NQN nqn.2014-08.org.nvmexpress:uuid:errtrail, HMAC an
 *                            nvme_hmac_alg number (0 none, 1 SHA-256, 2 SHA-384, 3 SHA-512)
 * util directive DTYPE DOPER nvme_get_directive_receive_length(DTYPE, DOPER, &len)
 * util uuid STRING           nvme_uuid_from_string(STRING, uuid)
 * util attr NAME CONTENT     writes /tmp/errtrail-libnvme-attr/NAME holding CONTENT ("-" for
 *                            no file at all), then nvme_get_attr(/tmp/errtrail-libnvme-attr, NAME)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libnvme.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int rc;

	if (!strcmp(mode, "dhchap") && argc > 3) {
		char hostnqn[] = "nqn.2014-08.org.nvmexpress:uuid:errtrail";
		unsigned int len = strtoul(argv[3], NULL, 0);
		unsigned char secret[128], key[128];

		if (len > sizeof(secret))
			len = sizeof(secret);
		memset(secret, 0x5a, sizeof(secret));
		rc = nvme_gen_dhchap_key(hostnqn, atoi(argv[2]), len, secret, key);
		printf("nvme_gen_dhchap_key: %d (%s)\n", rc, strerror(errno));
	} else if (!strcmp(mode, "directive") && argc > 3) {
		__u32 len = 0;

		rc = nvme_get_directive_receive_length(atoi(argv[2]), atoi(argv[3]), &len);
		printf("nvme_get_directive_receive_length: %d len %u (%s)\n", rc, len, strerror(errno));
	} else if (!strcmp(mode, "uuid") && argc > 2) {
		unsigned char uuid[NVME_UUID_LEN];

		rc = nvme_uuid_from_string(argv[2], uuid);
		printf("nvme_uuid_from_string: %d\n", rc);
	} else if (!strcmp(mode, "attr") && argc > 3) {
		const char *dir = "/tmp/errtrail-libnvme-attr";
		char path[256];
		char *value;

		mkdir(dir, 0755);
		snprintf(path, sizeof(path), "%s/%s", dir, argv[2]);
		unlink(path);
		if (strcmp(argv[3], "-")) {
			FILE *f = fopen(path, "w");

			if (!f) {
				perror(path);
				return 2;
			}
			fputs(argv[3], f);
			fclose(f);
		}
		value = nvme_get_attr(dir, argv[2]);
		printf("nvme_get_attr(%s): %s (%s)\n", argv[2], value ? value : "(null)", strerror(errno));
		free(value);
	} else {
		fprintf(stderr, "usage: util dhchap HMAC KEYLEN | directive DTYPE DOPER | uuid STRING | attr NAME CONTENT\n");
		return 2;
	}
	return 0;
}
