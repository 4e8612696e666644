/* realworld corpus driver: libssh's client configuration (ssh_config) parsing.
 *
 * config parse FILENAME     ssh_options_parse_config() of FILENAME (it may hold %-escapes,
 *                           which libssh expands first) for a session to host example.org
 * config jump VALUE         writes /tmp/errtrail-libssh-config/jump holding three option
 *                           lines and "ProxyJump VALUE", then ssh_options_parse_config() of it
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <libssh/libssh.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "parse";
	const char *path = NULL;
	ssh_session session;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: config parse FILENAME | jump VALUE\n");
		return 2;
	}
	ssh_init();
	session = ssh_new();
	if (session == NULL || ssh_options_set(session, SSH_OPTIONS_HOST, "example.org") < 0) {
		fprintf(stderr, "session setup failed\n");
		return 2;
	}
	if (strcmp(mode, "parse") == 0) {
		path = argv[2];
	} else if (strcmp(mode, "jump") == 0) {
		FILE *f;

		mkdir("/tmp/errtrail-libssh-config", 0755);
		path = "/tmp/errtrail-libssh-config/jump";
		f = fopen(path, "w");
		if (!f) {
			perror(path);
			return 2;
		}
		fprintf(f, "# errtrail\nPort 2222\nUser alice\nConnectTimeout 5\nProxyJump %s\n", argv[2]);
		fclose(f);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	rc = ssh_options_parse_config(session, path);
	printf("%s: %d (%s)\n", mode, rc, ssh_get_error(session));
	ssh_free(session);
	ssh_finalize();
	return 0;
}
