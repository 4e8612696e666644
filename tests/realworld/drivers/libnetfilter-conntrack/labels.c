/* realworld corpus driver: libnetfilter_conntrack's connlabel maps.
 *
 *   missing        nfct_labelmap_new() of a file that does not exist
 *                  (/tmp/errtrail-libnetfilter-conntrack-labels/missing.conf)
 *   getbit NAME    nfct_labelmap_get_bit(NAME) on a map read from a file the driver
 *                  writes afresh, /tmp/errtrail-libnetfilter-conntrack-labels/connlabel.conf:
 *                  "0 eth-in", "1 eth-out", "2 ha-master"
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

#define DIR_PATH "/tmp/errtrail-libnetfilter-conntrack-labels"

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";
	const char *name = argc > 2 ? argv[2] : "";
	struct nfct_labelmap *map;
	FILE *fp;
	int ret;

	mkdir(DIR_PATH, 0700);
	unlink(DIR_PATH "/missing.conf");
	errno = 0;
	if (strcmp(op, "missing") == 0) {
		map = nfct_labelmap_new(DIR_PATH "/missing.conf");
		printf("nfct_labelmap_new: %p (%s)\n", (void *)map, strerror(errno));
		if (map)
			nfct_labelmap_destroy(map);
		return map == NULL;
	}
	if (strcmp(op, "getbit") == 0) {
		fp = fopen(DIR_PATH "/connlabel.conf", "w");
		if (!fp) {
			perror(DIR_PATH "/connlabel.conf");
			return 2;
		}
		fputs("0 eth-in\n1 eth-out\n2 ha-master\n", fp);
		fclose(fp);
		map = nfct_labelmap_new(DIR_PATH "/connlabel.conf");
		if (!map) {
			perror("nfct_labelmap_new");
			return 2;
		}
		ret = nfct_labelmap_get_bit(map, name);
		printf("nfct_labelmap_get_bit(%s): %d\n", name, ret);
		nfct_labelmap_destroy(map);
		return ret < 0;
	}
	fprintf(stderr, "unknown scenario %s\n", op);
	return 2;
}
