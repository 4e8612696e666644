/* realworld corpus driver: libe2p calls with bad input.
 *   e2p fgetflags PATH         fgetflags(PATH) (a missing file, a fifo, or a symlink)
 *   e2p fsetflags PATH FLAGS   fsetflags(PATH, FLAGS) (a tmpfs file, flags tmpfs cannot set)
 *   e2p fgetversion PATH       fgetversion(PATH) (a tmpfs file: no FS_IOC_GETVERSION)
 *   e2p fsetproject PATH ID    fsetproject(PATH, ID) (a procfs file: no FS_IOC_FSGETXATTR)
 *   e2p getflags PATH          getflags() of PATH opened O_RDONLY|O_NONBLOCK (a fifo)
 *   e2p feature STRING         e2p_edit_feature2(STRING, ...) on an ext4-like feature set,
 *                              which may set any feature but clear only has_journal
 *   e2p mntopts STRING         e2p_edit_mntopts(STRING, &opts, 0)
 *   e2p encflags PARAM         e2p_str2encoding_flags(EXT4_ENC_UTF8_12_1, PARAM, &flags)
 *   e2p iterdir PATH           iterate_on_dir(PATH, ...) (a missing directory)
 *   e2p os2string N            e2p_os2string(N) after the driver has capped its address
 *                              space (RLIMIT_AS) at what it maps and used up the heap, so
 *                              malloc() fails with ENOMEM
 * A PATH of the form fifo:NAME is a fifo the driver makes as /tmp/NAME, link:NAME a
 * symbolic link /tmp/NAME to a regular file /tmp/NAME.target, and shm:NAME a regular file
 * /dev/shm/NAME (tmpfs); each is made afresh.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ext2fs/ext2_fs.h>
#include <e2p/e2p.h>

static char path[256];

static void need(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		exit(2);
	}
}

static const char *make_path(const char *spec)
{
	char target[300];
	int fd;

	if (!strncmp(spec, "fifo:", 5)) {
		snprintf(path, sizeof(path), "/tmp/%s", spec + 5);
		unlink(path);
		need(mkfifo(path, 0600) == 0, "mkfifo");
	} else if (!strncmp(spec, "link:", 5)) {
		snprintf(path, sizeof(path), "/tmp/%s", spec + 5);
		snprintf(target, sizeof(target), "%s.target", path);
		fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		need(fd >= 0 && close(fd) == 0, target);
		unlink(path);
		need(symlink(target, path) == 0, "symlink");
	} else if (!strncmp(spec, "shm:", 4)) {
		snprintf(path, sizeof(path), "/dev/shm/%s", spec + 4);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		need(fd >= 0 && close(fd) == 0, path);
	} else {
		return spec;
	}
	return path;
}

static int count_entry(const char *dir, struct dirent *de, void *data)
{
	(void) dir;
	(void) de;
	(void) data;
	return 1;
}

/* Leave the process no memory to allocate: cap its address space at what it maps now
 * and use up the heap, so the next malloc() fails with ENOMEM. */
static void exhaust_memory(void)
{
	volatile char stack[1 << 16];
	unsigned long pages = 0;
	struct rlimit rl;
	FILE *f;
	size_t n;

	memset((char *) stack, 0, sizeof(stack));	/* grow the stack first */
	f = fopen("/proc/self/statm", "r");
	need(f && fscanf(f, "%lu", &pages) == 1, "/proc/self/statm");
	fclose(f);
	rl.rlim_cur = rl.rlim_max = pages * (unsigned long) sysconf(_SC_PAGESIZE);
	need(setrlimit(RLIMIT_AS, &rl) == 0, "setrlimit");
	for (n = 1 << 20; n; n >>= 1)
		while (malloc(n))
			;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	const char *arg = argc > 2 ? argv[2] : "";
	unsigned long value = 0;
	long rc;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!strcmp(mode, "fgetflags")) {
		rc = fgetflags(make_path(arg), &value);
	} else if (!strcmp(mode, "fsetflags") && argc > 3) {
		const char *name = make_path(arg);

		rc = fsetflags(name, strtoul(argv[3], NULL, 0));
	} else if (!strcmp(mode, "fgetversion")) {
		rc = fgetversion(make_path(arg), &value);
	} else if (!strcmp(mode, "fsetproject") && argc > 3) {
		const char *name = make_path(arg);

		rc = fsetproject(name, strtoul(argv[3], NULL, 0));
	} else if (!strcmp(mode, "getflags")) {
		int fd = open(make_path(arg), O_RDONLY | O_NONBLOCK);

		need(fd >= 0, "open");
		rc = getflags(fd, &value);
		close(fd);
	} else if (!strcmp(mode, "feature")) {
		__u32 features[3] = { EXT2_FEATURE_COMPAT_DIR_INDEX,
				      EXT2_FEATURE_INCOMPAT_FILETYPE,
				      EXT4_FEATURE_RO_COMPAT_METADATA_CSUM };
		__u32 ok[3] = { 0xffffffff, 0xffffffff, 0xffffffff };
		__u32 clear_ok[3] = { EXT3_FEATURE_COMPAT_HAS_JOURNAL, 0, 0 };
		int type_err;
		unsigned int mask_err;

		rc = e2p_edit_feature2(arg, features, ok, clear_ok, &type_err, &mask_err);
		printf("type_err=%#x mask_err=%#x\n", type_err, mask_err);
	} else if (!strcmp(mode, "mntopts")) {
		__u32 opts = 0;

		rc = e2p_edit_mntopts(arg, &opts, 0);
	} else if (!strcmp(mode, "encflags")) {
		char param[64];
		__u16 flags = 0;

		snprintf(param, sizeof(param), "%s", arg);
		rc = e2p_str2encoding_flags(EXT4_ENC_UTF8_12_1, param, &flags);
		printf("flags=%#x\n", flags);
	} else if (!strcmp(mode, "iterdir")) {
		rc = iterate_on_dir(arg, count_entry, NULL);
	} else if (!strcmp(mode, "os2string")) {
		int os = atoi(arg);
		char *name;

		exhaust_memory();
		name = e2p_os2string(os);
		rc = name ? 0 : -1;
		free(name);
	} else {
		return 2;
	}
	printf("%ld errno=%d\n", rc, rc ? errno : 0);
	return 0;
}
