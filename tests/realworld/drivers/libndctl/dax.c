/* realworld corpus driver: libdaxctl on a dax region directory the driver makes.
 *
 * dax MODE OP: enters a private mount namespace with a tmpfs over /dev (root; the real
 * /dev is not touched), makes /tmp/errtrail-ndctl-dax-MODE/region0 holding the sysfs
 * attributes MODE says, hands it to daxctl_new_region() (region id 0) and calls OP:
 *   new      nothing more (daxctl_new_region() alone)
 *   create   daxctl_region_create_dev()
 *   seed     daxctl_region_get_dev_seed()
 *   avail    daxctl_region_get_available_size()
 *   devs     daxctl_dev_get_first()
 *   disable  daxctl_dev_disable() of the first device
 *   setsize  daxctl_dev_set_size() of the first device, after its size attribute
 *            was replaced by a directory
 *   memory   daxctl_dev_get_memory() of the first device
 * MODE:
 *   empty     region0/ is empty (no dax_region/ at all)
 *   sizedir   dax_region/size is a directory
 *   nocreate  dax_region/ has size and align, no create
 *   createdir dax_region/create is a directory
 *   seed      dax_region/seed names dax0.9, and the region has no device
 *   availbad  dax_region/available_size reads "0x10zz"
 *   nonode    region0/dax0.0/ has resource and size, /dev has no dax0.0
 *   nosize    region0/dax0.0/ has resource only, /dev/dax0.0 is a regular file
 *   dev       region0/dax0.0/ has resource, size and align, /dev/dax0.0 a regular file
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include <daxctl/libdaxctl.h>

static char base[256];

static void need(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		exit(2);
	}
}

/* mkdir -p of the directories above path, under base */
static void put_dir(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", base, rel);
	for (char *p = path + strlen(base) + 1; *p; p++) {
		if (*p == '/') {
			*p = 0;
			mkdir(path, 0755);
			*p = '/';
		}
	}
	need(mkdir(path, 0755) == 0 || errno == EEXIST, path);
}

static void put(const char *rel, const char *text)
{
	char path[512], dir[512];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", rel);
	if (strrchr(dir, '/')) {
		*strrchr(dir, '/') = 0;
		put_dir(dir);
	}
	snprintf(path, sizeof(path), "%s/%s", base, rel);
	f = fopen(path, "w");
	need(f && fputs(text, f) >= 0 && fclose(f) == 0, path);
}

static void devnode(const char *name)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "/dev/%s", name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	need(fd >= 0 && close(fd) == 0, path);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "empty";
	const char *op = argc > 2 ? argv[2] : "new";
	struct daxctl_region *region;
	struct daxctl_ctx *ctx;
	struct daxctl_dev *dev;
	char region_path[300], cmd[600];
	uuid_t uu;
	int rc;

	need(unshare(CLONE_NEWNS) == 0, "unshare");
	need(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0, "mount private");
	need(mount("errtrail", "/dev", "tmpfs", 0, "mode=755") == 0, "mount tmpfs");

	snprintf(base, sizeof(base), "/tmp/errtrail-ndctl-dax-%s", mode);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", base);
	need(system(cmd) == 0, "rm");
	need(mkdir(base, 0755) == 0, base);
	put_dir("region0");
	snprintf(region_path, sizeof(region_path), "%s/region0", base);

	if (strcmp(mode, "empty") == 0) {
		/* nothing */
	} else if (strcmp(mode, "sizedir") == 0) {
		put_dir("region0/dax_region/size");
	} else if (strcmp(mode, "nocreate") == 0) {
		put("region0/dax_region/size", "0x40000000\n");
		put("region0/dax_region/align", "0x200000\n");
	} else if (strcmp(mode, "createdir") == 0) {
		put("region0/dax_region/size", "0x40000000\n");
		put_dir("region0/dax_region/create");
	} else if (strcmp(mode, "seed") == 0) {
		put("region0/dax_region/size", "0x40000000\n");
		put("region0/dax_region/seed", "dax0.9\n");
	} else if (strcmp(mode, "availbad") == 0) {
		put("region0/dax_region/size", "0x40000000\n");
		put("region0/dax_region/available_size", "0x10zz\n");
	} else if (strcmp(mode, "nonode") == 0) {
		put("region0/dax_region/size", "0x40000000\n");
		put("region0/dax0.0/resource", "0x100000000\n");
		put("region0/dax0.0/size", "0x40000000\n");
	} else if (strcmp(mode, "nosize") == 0) {
		put("region0/dax_region/size", "0x40000000\n");
		put("region0/dax0.0/resource", "0x100000000\n");
		devnode("dax0.0");
	} else if (strcmp(mode, "dev") == 0) {
		put("region0/dax_region/size", "0x40000000\n");
		put("region0/dax0.0/resource", "0x100000000\n");
		put("region0/dax0.0/size", "0x40000000\n");
		put("region0/dax0.0/align", "0x200000\n");
		devnode("dax0.0");
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}

	need(daxctl_new(&ctx) == 0, "daxctl_new");
	uuid_clear(uu);
	region = daxctl_new_region(ctx, 0, uu, region_path);
	printf("new_region %p\n", (void *)region);
	if (!region)
		return 1;
	printf("size %#llx align %#lx\n", daxctl_region_get_size(region),
	       daxctl_region_get_align(region));

	if (strcmp(op, "new") == 0) {
		/* done */
	} else if (strcmp(op, "create") == 0) {
		printf("create_dev %d\n", daxctl_region_create_dev(region));
	} else if (strcmp(op, "seed") == 0) {
		printf("dev_seed %p\n", (void *)daxctl_region_get_dev_seed(region));
	} else if (strcmp(op, "avail") == 0) {
		printf("available_size %#llx\n", daxctl_region_get_available_size(region));
	} else if (strcmp(op, "devs") == 0) {
		printf("dev_get_first %p\n", (void *)daxctl_dev_get_first(region));
	} else {
		dev = daxctl_dev_get_first(region);
		printf("dev_get_first %p\n", (void *)dev);
		if (!dev)
			return 1;
		if (strcmp(op, "disable") == 0) {
			printf("dev_disable %d\n", daxctl_dev_disable(dev));
		} else if (strcmp(op, "setsize") == 0) {
			char path[512];

			snprintf(path, sizeof(path), "%s/dax0.0/size", region_path);
			need(unlink(path) == 0 && mkdir(path, 0755) == 0, path);
			rc = daxctl_dev_set_size(dev, 0x20000000ULL);
			printf("dev_set_size %d\n", rc);
		} else if (strcmp(op, "memory") == 0) {
			printf("dev_get_memory %p\n", (void *)daxctl_dev_get_memory(dev));
		} else {
			fprintf(stderr, "unknown op %s\n", op);
			return 2;
		}
	}
	daxctl_unref(ctx);
	return 0;
}
