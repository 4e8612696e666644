/* realworld corpus driver: libnvme's object tree, its JSON configuration and fabrics connect
 * (tree.c, json.c, fabrics.c). No device, sysfs entry or network is needed: the machine has
 * no /sys/class/nvme and no /dev/nvme-fabrics (the connect modes refuse to run if it has).
 *
 * tree config CONTENT      writes /tmp/errtrail-libnvme-config.json holding CONTENT ("-" for
 *                          no file), then nvme_read_config(root, that file)
 * tree ctrl NQN TRANSPORT TRADDR
 *                          nvme_create_ctrl(root, NQN, TRANSPORT, TRADDR, NULL, NULL, NULL)
 *                          ("-" for NULL)
 * tree scanctrl NAME       nvme_scan_ctrl(root, NAME)
 * tree topology            nvme_scan_topology(root, NULL, NULL)
 * tree connect TRANSPORT TRADDR TRSVCID
 *                          nvmf_add_ctrl() of a controller for subsystem
 *                          nqn.2014-08.org.errtrail:subsys ("-" for NULL)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libnvme.h>

#define CONFIG "/tmp/errtrail-libnvme-config.json"

static const char *arg(const char *s)
{
	return strcmp(s, "-") ? s : NULL;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	nvme_root_t r = nvme_create_root(stderr, LOG_DEBUG);
	int rc;

	if (!r)
		return 2;
	if (!strcmp(mode, "config") && argc > 2) {
		unlink(CONFIG);
		if (strcmp(argv[2], "-")) {
			FILE *f = fopen(CONFIG, "w");

			if (!f) {
				perror(CONFIG);
				return 2;
			}
			fputs(argv[2], f);
			fclose(f);
		}
		rc = nvme_read_config(r, CONFIG);
		printf("nvme_read_config: %d (%s)\n", rc, strerror(errno));
	} else if (!strcmp(mode, "ctrl") && argc > 4) {
		nvme_ctrl_t c = nvme_create_ctrl(r, arg(argv[2]), arg(argv[3]), arg(argv[4]),
						 NULL, NULL, NULL);

		printf("nvme_create_ctrl: %p (%s)\n", (void *)c, strerror(errno));
	} else if (!strcmp(mode, "scanctrl") && argc > 2) {
		nvme_ctrl_t c = nvme_scan_ctrl(r, argv[2]);

		printf("nvme_scan_ctrl: %p (%s)\n", (void *)c, strerror(errno));
	} else if (!strcmp(mode, "topology")) {
		rc = nvme_scan_topology(r, NULL, NULL);
		printf("nvme_scan_topology: %d (%s)\n", rc, strerror(errno));
	} else if (!strcmp(mode, "connect") && argc > 4) {
		struct nvme_fabrics_config cfg;
		nvme_host_t h;
		nvme_ctrl_t c;

		if (access("/dev/nvme-fabrics", F_OK) == 0) {
			fprintf(stderr, "/dev/nvme-fabrics exists: refusing to connect\n");
			return 2;
		}
		h = nvme_lookup_host(r, "nqn.2014-08.org.nvmexpress:uuid:errtrail", NULL);
		c = nvme_create_ctrl(r, "nqn.2014-08.org.errtrail:subsys", argv[2], arg(argv[3]),
				     NULL, NULL, arg(argv[4]));
		if (!h || !c) {
			fprintf(stderr, "setup failed\n");
			return 2;
		}
		nvmf_default_config(&cfg);
		rc = nvmf_add_ctrl(h, c, &cfg);
		printf("nvmf_add_ctrl: %d (%s)\n", rc, strerror(errno));
	} else {
		fprintf(stderr, "usage: tree config CONTENT | ctrl NQN TRANSPORT TRADDR | scanctrl NAME | topology | connect TRANSPORT TRADDR TRSVCID\n");
		return 2;
	}
	nvme_free_tree(r);
	return 0;
}
