/* realworld corpus driver: libsensors (lm-sensors 3.6.0) with a fake sysfs and bad
 * configuration files, chip names and features.  libsensors returns -SENSORS_ERR_* codes
 * (lib/error.h: WILDCARDS 1, NO_ENTRY 2, ACCESS_R 3, KERNEL 4, DIV_ZERO 5, CHIP_NAME 6,
 * BUS_NAME 7, PARSE 8, ACCESS_W 9, IO 10, RECURSION 11) or NULL.
 *
 * The machine has no hwmon devices, so the driver enters a private mount namespace
 * (unshare(CLONE_NEWNS): root), mounts a tmpfs over /sys/class (the real one is not
 * touched; /sys stays sysfs, which sensors_init_sysfs() checks) and makes what SYS names:
 *   fake       class/hwmon/hwmon0 (no device link: a virtual chip, fake-virtual-0) with
 *              name "fake", temp1_input 42000, temp1_max 80000 (0644), temp1_crit 90000
 *              (0444), temp2_input 0200 (write-only), temp3_input (unlinked after
 *              sensors_init()), in0_input "abc"; class/i2c-adapter/i2c-3 named "Fake adapter"
 *   badsubsys  class/hwmon/hwmon0 with a name, and a device link to class/errtrail-dev,
 *              whose subsystem is a regular file, not a symlink
 *   hwmonfile  class/hwmon is a regular file
 *   i2cfile    class/i2c-adapter is a regular file
 *   empty      nothing under class
 * CONF is the configuration handed to sensors_init() (written to errtrail-sensors.conf in
 * the current directory and opened; backquotes and quotes do not survive the tracer's
 * command line, so the texts are built in here):
 *   none        empty
 *   syntax      chip "fake-*", then a line "bogus" with no newline at the end
 *   undecl      chip "lm78-i2c-1-2d" / label temp1 "CPU"  (bus 1 never declared)
 *   divzero     chip "fake-*" / compute temp1 @/0, @*1
 *   recursion   chip "fake-*" / compute temp1 temp1_input, @
 *   lognegative chip "fake-*" / compute temp1 `(@-100), @
 *   setdivzero  chip "fake-*" / compute temp1 @*1, @/0
 *   setbad      chip "fake-*" / set temp1_max 1/0
 *   setunknown  chip "fake-*" / set temp9_max 5
 * Modes (after sensors_init()):
 *   sensors SYS CONF init
 *   sensors SYS CONF get SUBFEATURE        sensors_get_value(first chip, SUBFEATURE: a name
 *                                          or a number)
 *   sensors SYS CONF set SUBFEATURE VALUE  sensors_set_value(first chip, ...)
 *   sensors SYS CONF dochipsets            sensors_do_chip_sets(NULL)
 *   sensors SYS CONF features CHIP         sensors_parse_chip_name(CHIP), sensors_get_features
 *   sensors SYS CONF subfeature FEAT TYPE  sensors_get_subfeature(first chip, FEAT, TYPE)
 *   sensors SYS CONF adapter NR            sensors_get_adapter_name(i2c bus NR)
 *   sensors SYS CONF parsename NAME        sensors_parse_chip_name(NAME)
 *   sensors SYS CONF parsebus NAME         sensors_parse_bus_id(NAME)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sensors.h>

/* lib/error.h (its name clashes with glibc's <error.h>) and lib/data.h, which the
   public headers do not install */
const char *sensors_strerror(int errnum);
int sensors_parse_bus_id(const char *name, sensors_bus_id *bus);

#define CONF_FILE "errtrail-sensors.conf"

static const struct {
	const char *name, *text;
} confs[] = {
	{"none", ""},
	{"syntax", "chip \"fake-*\"\nbogus"},
	{"undecl", "chip \"lm78-i2c-1-2d\"\n    label temp1 \"CPU\"\n"},
	{"divzero", "chip \"fake-*\"\n    compute temp1 @/0, @*1\n"},
	{"recursion", "chip \"fake-*\"\n    compute temp1 temp1_input, @\n"},
	{"lognegative", "chip \"fake-*\"\n    compute temp1 `(@-100), @\n"},
	{"setdivzero", "chip \"fake-*\"\n    compute temp1 @*1, @/0\n"},
	{"setbad", "chip \"fake-*\"\n    set temp1_max 1/0\n"},
	{"setunknown", "chip \"fake-*\"\n    set temp9_max 5\n"},
};

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static void put(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		die(path);
	if (chmod(path, mode) != 0)
		die(path);
}

static void dir(const char *path)
{
	if (mkdir(path, 0755) != 0)
		die(path);
}

static void fake_sysfs(const char *sys)
{
	if (unshare(CLONE_NEWNS) != 0)
		die("unshare(CLONE_NEWNS)");
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
		die("mount / private");
	if (mount("tmpfs", "/sys/class", "tmpfs", 0, "mode=0755") != 0)
		die("mount tmpfs /sys/class");
	if (strcmp(sys, "empty") == 0)
		return;
	if (strcmp(sys, "hwmonfile") == 0) {
		put("/sys/class/hwmon", "x\n", 0644);
		return;
	}
	if (strcmp(sys, "i2cfile") == 0) {
		put("/sys/class/i2c-adapter", "x\n", 0644);
		return;
	}
	dir("/sys/class/hwmon");
	dir("/sys/class/hwmon/hwmon0");
	if (strcmp(sys, "badsubsys") == 0) {
		put("/sys/class/hwmon/hwmon0/name", "fake\n", 0444);
		put("/sys/class/hwmon/hwmon0/temp1_input", "42000\n", 0444);
		dir("/sys/class/errtrail-dev");
		put("/sys/class/errtrail-dev/subsystem", "not a link\n", 0444);
		if (symlink("../../errtrail-dev", "/sys/class/hwmon/hwmon0/device") != 0)
			die("symlink device");
		return;
	}
	if (strcmp(sys, "fake") != 0) {
		fprintf(stderr, "unknown sysfs %s\n", sys);
		exit(2);
	}
	put("/sys/class/hwmon/hwmon0/name", "fake\n", 0444);
	put("/sys/class/hwmon/hwmon0/temp1_input", "42000\n", 0444);
	put("/sys/class/hwmon/hwmon0/temp1_max", "80000\n", 0644);
	put("/sys/class/hwmon/hwmon0/temp1_crit", "90000\n", 0444);
	put("/sys/class/hwmon/hwmon0/temp2_input", "43000\n", 0200);
	put("/sys/class/hwmon/hwmon0/temp3_input", "44000\n", 0444);
	put("/sys/class/hwmon/hwmon0/in0_input", "abc\n", 0444);
	dir("/sys/class/i2c-adapter");
	dir("/sys/class/i2c-adapter/i2c-3");
	put("/sys/class/i2c-adapter/i2c-3/name", "Fake adapter\n", 0444);
}

static int rc(const char *what, int r)
{
	printf("%s = %d (%s)\n", what, r, r ? sensors_strerror(r) : "-");
	return r < 0 ? 1 : 0;
}

static const sensors_chip_name *first_chip(void)
{
	int nr = 0;
	const sensors_chip_name *chip = sensors_get_detected_chips(NULL, &nr);

	if (!chip) {
		fprintf(stderr, "no chip detected\n");
		exit(2);
	}
	return chip;
}

static int subfeature_nr(const sensors_chip_name *chip, const char *name)
{
	const sensors_feature *feature;
	const sensors_subfeature *sub;
	int f = 0, s;
	char *end;
	long n = strtol(name, &end, 10);

	if (*name && !*end)
		return (int)n;
	while ((feature = sensors_get_features(chip, &f))) {
		s = 0;
		while ((sub = sensors_get_all_subfeatures(chip, feature, &s)))
			if (strcmp(sub->name, name) == 0)
				return sub->number;
	}
	fprintf(stderr, "no subfeature %s\n", name);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *mode, *conf = NULL;
	sensors_chip_name name;
	FILE *f;
	size_t i;
	int r;

	if (argc < 4)
		return 2;
	for (i = 0; i < sizeof(confs) / sizeof(confs[0]); i++)
		if (strcmp(confs[i].name, argv[2]) == 0)
			conf = confs[i].text;
	if (!conf) {
		fprintf(stderr, "unknown configuration %s\n", argv[2]);
		return 2;
	}
	mode = argv[3];
	fake_sysfs(argv[1]);

	f = fopen(CONF_FILE, "w");
	if (!f || fputs(conf, f) < 0 || fclose(f) != 0)
		die(CONF_FILE);
	f = fopen(CONF_FILE, "r");
	if (!f)
		die(CONF_FILE);
	r = sensors_init(f);
	fclose(f);
	if (rc("sensors_init", r) || strcmp(mode, "init") == 0)
		return 0;
	if (strcmp(argv[1], "fake") == 0 &&
	    unlink("/sys/class/hwmon/hwmon0/temp3_input") != 0)
		die("unlink temp3_input");

	if (strcmp(mode, "get") == 0 && argc == 5) {
		const sensors_chip_name *chip = first_chip();
		double value = 0;

		r = sensors_get_value(chip, subfeature_nr(chip, argv[4]), &value);
		printf("value %g\n", value);
		return rc("sensors_get_value", r);
	}
	if (strcmp(mode, "set") == 0 && argc == 6) {
		const sensors_chip_name *chip = first_chip();

		return rc("sensors_set_value",
			  sensors_set_value(chip, subfeature_nr(chip, argv[4]), atof(argv[5])));
	}
	if (strcmp(mode, "dochipsets") == 0)
		return rc("sensors_do_chip_sets", sensors_do_chip_sets(NULL));
	if (strcmp(mode, "features") == 0 && argc == 5) {
		int nr = 0;

		if (rc("sensors_parse_chip_name", sensors_parse_chip_name(argv[4], &name)))
			return 2;
		printf("sensors_get_features = %p\n", (void *)sensors_get_features(&name, &nr));
		return 0;
	}
	if (strcmp(mode, "subfeature") == 0 && argc == 6) {
		const sensors_chip_name *chip = first_chip();
		const sensors_feature *feature;
		int nr = 0;

		while ((feature = sensors_get_features(chip, &nr)))
			if (strcmp(feature->name, argv[4]) == 0)
				break;
		if (!feature)
			return 2;
		printf("sensors_get_subfeature = %p\n",
		       (void *)sensors_get_subfeature(chip, feature,
						      (sensors_subfeature_type)strtol(argv[5], NULL, 0)));
		return 0;
	}
	if (strcmp(mode, "adapter") == 0 && argc == 5) {
		sensors_bus_id bus = {SENSORS_BUS_TYPE_I2C, (short)atoi(argv[4])};
		const char *adapter = sensors_get_adapter_name(&bus);

		printf("sensors_get_adapter_name = %s\n", adapter ? adapter : "(null)");
		return 0;
	}
	if (strcmp(mode, "parsename") == 0 && argc == 5)
		return rc("sensors_parse_chip_name", sensors_parse_chip_name(argv[4], &name));
	if (strcmp(mode, "parsebus") == 0 && argc == 5) {
		sensors_bus_id bus;

		return rc("sensors_parse_bus_id", sensors_parse_bus_id(argv[4], &bus));
	}
	fprintf(stderr, "unknown mode %s\n", mode);
	return 2;
}
