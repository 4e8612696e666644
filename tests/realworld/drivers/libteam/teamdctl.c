/* libteamdctl driver: connects to the teamd of a team device that has no teamd
 * running (no socket under /var/run/teamd/), or through a CLI type that does not
 * exist. argv: TEAM_NAME CLI_TYPE ("-" for none: try every CLI). */
#include <stdio.h>
#include <string.h>
#include <teamdctl.h>

int main(int argc, char **argv)
{
	struct teamdctl *tdc;
	const char *team = argc > 1 ? argv[1] : "errtrail0";
	const char *cli = argc > 2 && strcmp(argv[2], "-") ? argv[2] : NULL;
	int rc;

	tdc = teamdctl_alloc();
	if (!tdc) {
		fprintf(stderr, "teamdctl_alloc failed\n");
		return 2;
	}
	rc = teamdctl_connect(tdc, team, NULL, cli);
	printf("teamdctl_connect: %d\n", rc);
	if (rc == 0)
		teamdctl_disconnect(tdc);
	teamdctl_free(tdc);
	return 0;
}
