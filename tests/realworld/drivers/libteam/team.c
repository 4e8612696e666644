/* libteam driver: argv[1] selects the scenario. Runs in a network namespace of its
 * own (unshare(CLONE_NEWNET), root), which has only "lo" (ifindex 1), so no device of
 * the machine is looked at or changed. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <team.h>

int main(int argc, char **argv)
{
	struct team_handle *th;
	const char *what = argc > 1 ? argv[1] : "";
	long rc = 0;

	if (unshare(CLONE_NEWNET) != 0) {
		perror("unshare(CLONE_NEWNET)");
		return 2;
	}
	th = team_alloc();
	if (!th) {
		fprintf(stderr, "team_alloc failed\n");
		return 2;
	}
	if (!strcmp(what, "init") && argc > 2) {
		rc = team_init(th, strtoul(argv[2], NULL, 0));
	} else if (!strcmp(what, "create") && argc > 2) {
		rc = team_create(th, argv[2]);
	} else if (!strcmp(what, "destroy")) {
		rc = team_destroy(th);
	} else if (!strcmp(what, "name2index") && argc > 2) {
		rc = team_ifname2ifindex(th, argv[2]);
	} else if (!strcmp(what, "index2name") && argc > 2) {
		char name[32];
		rc = team_ifindex2ifname(th, strtoul(argv[2], NULL, 0), name, sizeof(name)) != NULL;
	} else if (!strcmp(what, "hwaddr") && argc > 3) {
		char addr[64];
		unsigned int len = strtoul(argv[3], NULL, 0);
		rc = team_hwaddr_get(th, strtoul(argv[2], NULL, 0), addr,
				     len < sizeof(addr) ? len : sizeof(addr));
	} else if (!strcmp(what, "hwaddrlen") && argc > 2) {
		rc = team_hwaddr_len_get(th, strtoul(argv[2], NULL, 0));
	} else if (!strcmp(what, "option-port")) {
		/* format string with a port index but no name */
		rc = team_get_option(th, "p", (uint32_t) 1) != NULL;
	} else if (!strcmp(what, "option") && argc > 2) {
		rc = team_get_option(th, "n", argv[2]) != NULL;
	} else if (!strcmp(what, "mode")) {
		char *mode = NULL;
		rc = team_get_mode_name(th, &mode);
	} else if (!strcmp(what, "fromstr") && argc > 3) {
		/* "!": an option to be tracked need not exist yet */
		struct team_option *opt = team_get_option(th, "n!", argv[2]);
		rc = opt ? team_set_option_value_from_string(th, opt, argv[3]) : -1;
	} else {
		fprintf(stderr, "usage: %s init|create|destroy|name2index|index2name|hwaddr|hwaddrlen|option-port|option|mode|fromstr ...\n", argv[0]);
		return 2;
	}
	printf("%s: %ld\n", what, rc);
	team_free(th);
	return 0;
}
