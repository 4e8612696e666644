/* realworld corpus driver: libndctl on an nd bus the driver fakes in sysfs.
 *
 * bus MODE OP: enters a private mount namespace (root) with a tmpfs over /sys and one
 * over /dev (the real ones are not touched, and a machine with NVDIMMs traces the
 * same), writes one nd bus there as MODE says, then calls OP on it after ndctl_new():
 *   bus         ndctl_bus_get_first()
 *   probe       ndctl_bus_wait_probe() of the bus
 *   scrubstate  ndctl_bus_get_scrub_state()
 *   startscrub  ndctl_bus_start_scrub()
 *   regions     ndctl_region_get_first()
 *   setalign    ndctl_region_set_align(region, 0x1000000) of the first region
 *   submit      ndctl_cmd_submit() of a new cfg_size command of the first dimm
 *   cfgread     the same, then ndctl_dimm_cmd_new_cfg_read() of that command
 *   labels      ndctl_dimm_read_labels() of the first dimm
 *   freeze      ndctl_dimm_freeze_security() of the first dimm
 *
 * The bus: /sys/class/nd/ndctl0 (dev 250:0, device -> /sys/devices/ndbus0), and
 * /sys/dev/char/250:0/device -> /sys/devices/ndbus0, which holds commands, provider,
 * wait_probe, region0/ (size, mappings, read_only, modalias, nstype 4) and nmem0/ (dev
 * 251:0, commands "get_size get_data set_data ", modalias); /sys/devices/subsys exists,
 * so the bus is no CXL bus. No nfit/, no of_node/, no /dev/nmem0. MODE changes that:
 *   plain       as above
 *   devfmt      ndctl0/dev reads "250-0"
 *   nosubsys    no /sys/devices/subsys
 *   noprobe     no wait_probe
 *   nfit        nfit/revision 1, and no nfit/scrub
 *   scrubbad    nfit/revision 1, nfit/scrub reads "7x"
 *   scrubdir    nfit/revision 1, nfit/scrub is a directory
 *   pmem        region0/nstype is 5 (PMEM), with no set_cookie
 *   notchr      /dev/nmem0 is a regular file
 *   null        nmem0/dev reads 1:3 and /dev/nmem0 opens /dev/null
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
#include <ndctl/libndctl.h>

static void need(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		exit(2);
	}
}

/* mkdir -p */
static void put_dir(const char *path)
{
	char p[512];

	snprintf(p, sizeof(p), "%s", path);
	for (char *c = p + 1; *c; c++) {
		if (*c == '/') {
			*c = 0;
			mkdir(p, 0755);
			*c = '/';
		}
	}
	need(mkdir(p, 0755) == 0 || errno == EEXIST, p);
}

static void put(const char *path, const char *text)
{
	char dir[512];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = 0;
	put_dir(dir);
	f = fopen(path, "w");
	need(f && fputs(text, f) >= 0 && fclose(f) == 0, path);
}

static void link_to(const char *target, const char *path)
{
	char dir[512];

	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = 0;
	put_dir(dir);
	need(symlink(target, path) == 0, path);
}

#define BUS "/sys/devices/ndbus0"

static void fake_sysfs(const char *mode)
{
#define MODE(m) (strcmp(mode, m) == 0)

	put("/sys/class/nd/ndctl0/dev", MODE("devfmt") ? "250-0\n" : "250:0\n");
	link_to(BUS, "/sys/class/nd/ndctl0/device");
	link_to(BUS, "/sys/dev/char/250:0/device");
	put(BUS "/commands", "ars_cap ars_start ars_status clear_error \n");
	put(BUS "/provider", "errtrail.0\n");
	if (!MODE("noprobe"))
		put(BUS "/wait_probe", "1\n");
	if (!MODE("nosubsys"))
		put_dir("/sys/devices/subsys");
	if (MODE("nfit") || MODE("scrubbad") || MODE("scrubdir")) {
		put(BUS "/nfit/revision", "1\n");
		if (MODE("scrubbad"))
			put(BUS "/nfit/scrub", "7x\n");
		if (MODE("scrubdir"))
			put_dir(BUS "/nfit/scrub");
	}

	put(BUS "/region0/size", "0x40000000\n");
	put(BUS "/region0/mappings", "1\n");
	put(BUS "/region0/read_only", "0\n");
	put(BUS "/region0/modalias", "nd:t2\n");
	put(BUS "/region0/nstype", MODE("pmem") ? "5\n" : "4\n");

	put(BUS "/nmem0/dev", MODE("null") ? "1:3\n" : "251:0\n");
	put(BUS "/nmem0/commands", "get_size get_data set_data \n");
	put(BUS "/nmem0/modalias", "nd:t4\n");

	if (MODE("notchr")) {
		int fd = open("/dev/nmem0", O_WRONLY | O_CREAT | O_TRUNC, 0600);

		need(fd >= 0 && close(fd) == 0, "/dev/nmem0");
	}
#undef MODE
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "plain";
	const char *op = argc > 2 ? argv[2] : "bus";
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;
	struct ndctl_bus *bus;
	struct ndctl_ctx *ctx;
	struct ndctl_cmd *cmd;
	int null_fd;

	/* /dev/null, opened before the tmpfs hides it: /dev/nmem0 can name it */
	null_fd = open("/dev/null", O_RDWR);
	need(null_fd >= 0, "/dev/null");
	need(unshare(CLONE_NEWNS) == 0, "unshare");
	need(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0, "mount private");
	need(mount("errtrail", "/sys", "tmpfs", 0, "mode=755") == 0, "mount /sys");
	need(mount("errtrail", "/dev", "tmpfs", 0, "mode=755") == 0, "mount /dev");
	if (strcmp(mode, "null") == 0) {
		char target[64];

		snprintf(target, sizeof(target), "/proc/self/fd/%d", null_fd);
		need(symlink(target, "/dev/nmem0") == 0, "/dev/nmem0");
	}
	fake_sysfs(mode);

	need(ndctl_new(&ctx) == 0, "ndctl_new");
	bus = ndctl_bus_get_first(ctx);
	printf("bus_get_first %p\n", (void *)bus);
	if (!bus || strcmp(op, "bus") == 0)
		goto out;
	printf("bus %s provider %s\n", ndctl_bus_get_devname(bus), ndctl_bus_get_provider(bus));

	if (strcmp(op, "probe") == 0) {
		printf("bus_wait_probe %d\n", ndctl_bus_wait_probe(bus));
	} else if (strcmp(op, "scrubstate") == 0) {
		printf("bus_get_scrub_state %d\n", ndctl_bus_get_scrub_state(bus));
	} else if (strcmp(op, "startscrub") == 0) {
		printf("bus_start_scrub %d\n", ndctl_bus_start_scrub(bus));
	} else if (strcmp(op, "regions") == 0 || strcmp(op, "setalign") == 0) {
		region = ndctl_region_get_first(bus);
		printf("region_get_first %p\n", (void *)region);
		if (region && strcmp(op, "setalign") == 0)
			printf("region_set_align %d\n", ndctl_region_set_align(region, 0x1000000));
	} else {
		dimm = ndctl_dimm_get_first(bus);
		printf("dimm_get_first %p\n", (void *)dimm);
		if (!dimm)
			goto out;
		if (strcmp(op, "submit") == 0 || strcmp(op, "cfgread") == 0) {
			cmd = ndctl_dimm_cmd_new_cfg_size(dimm);
			printf("cmd_new_cfg_size %p\n", (void *)cmd);
			if (!cmd)
				goto out;
			printf("cmd_submit %d\n", ndctl_cmd_submit(cmd));
			if (strcmp(op, "cfgread") == 0)
				printf("cmd_new_cfg_read %p\n", (void *)ndctl_dimm_cmd_new_cfg_read(cmd));
			ndctl_cmd_unref(cmd);
		} else if (strcmp(op, "labels") == 0) {
			printf("dimm_read_labels %p\n", (void *)ndctl_dimm_read_labels(dimm));
		} else if (strcmp(op, "freeze") == 0) {
			printf("dimm_freeze_security %d\n", ndctl_dimm_freeze_security(dimm));
		} else {
			fprintf(stderr, "unknown op %s\n", op);
			return 2;
		}
	}
out:
	ndctl_unref(ctx);
	return 0;
}
