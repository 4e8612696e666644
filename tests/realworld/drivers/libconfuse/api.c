/* realworld corpus driver: libConfuse's setters and getters with bad arguments.
 *
 * api MODE: parses "host web {}" (one titled section) into a fresh cfg_t, then
 *
 *   setmulti  cfg_setmulti(cfg, "ports", 2, {"1", "x"})   ("x" is no integer)
 *   setnint   cfg_setnint(cfg, "port", 8080, 1)           (index 1 of a single value)
 *   getopt    cfg_getint(cfg, "prot")                     (misspelt option name)
 *   gettsec   cfg_gettsec(cfg, "host", "db")              (no section titled "db")
 *   getnsec   cfg_getnsec(cfg, "host", 3)                 (one section, index 3)
 *   rmtsec    cfg_rmtsec(cfg, "host", "db")               (no section titled "db")
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <confuse.h>

static cfg_opt_t host_opts[] = {
	CFG_INT("port", 22, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t opts[] = {
	CFG_STR("name", "example", CFGF_NONE),
	CFG_INT("port", 80, CFGF_NONE),
	CFG_INT_LIST("ports", 0, CFGF_NONE),
	CFG_SEC("host", host_opts, CFGF_MULTI | CFGF_TITLE),
	CFG_END()
};

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	cfg_t *cfg;
	int rc;

	cfg = cfg_init(opts, CFGF_NONE);
	if (!cfg) {
		perror("cfg_init");
		return 1;
	}
	if (cfg_parse_buf(cfg, "host web {}\n") != CFG_SUCCESS) {
		fprintf(stderr, "setup parse failed\n");
		return 1;
	}

	errno = 0;
	if (!strcmp(mode, "setmulti")) {
		char *values[] = { "1", "x" };

		rc = cfg_setmulti(cfg, "ports", 2, values);
		printf("cfg_setmulti: %d (%s)\n", rc, strerror(errno));
	} else if (!strcmp(mode, "setnint")) {
		rc = cfg_setnint(cfg, "port", 8080, 1);
		printf("cfg_setnint: %d (%s)\n", rc, strerror(errno));
	} else if (!strcmp(mode, "getopt")) {
		printf("cfg_getint: %ld\n", cfg_getint(cfg, "prot"));
	} else if (!strcmp(mode, "gettsec")) {
		cfg_t *sec = cfg_gettsec(cfg, "host", "db");

		printf("cfg_gettsec: %p (%s)\n", (void *)sec, strerror(errno));
	} else if (!strcmp(mode, "getnsec")) {
		cfg_t *sec = cfg_getnsec(cfg, "host", 3);

		printf("cfg_getnsec: %p (%s)\n", (void *)sec, strerror(errno));
	} else if (!strcmp(mode, "rmtsec")) {
		rc = cfg_rmtsec(cfg, "host", "db");
		printf("cfg_rmtsec: %d\n", rc);
	} else {
		fprintf(stderr, "usage: api setmulti|setnint|getopt|gettsec|getnsec|rmtsec\n");
		return 2;
	}
	cfg_free(cfg);
	return 0;
}
