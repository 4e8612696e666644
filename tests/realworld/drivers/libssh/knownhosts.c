/* realworld corpus driver: libssh's known_hosts line parser.
 *
 * knownhosts HOST PATTERN TYPE B64: ssh_known_hosts_parse_line(HOST, "PATTERN TYPE B64
 * comment") (the line is put together here: arguments keep no spaces).
 */
#include <stdio.h>
#include <string.h>
#include <libssh/libssh.h>

int main(int argc, char **argv)
{
	struct ssh_knownhosts_entry *entry = NULL;
	char line[4096];
	int rc;

	if (argc < 5) {
		fprintf(stderr, "usage: knownhosts HOST PATTERN TYPE B64\n");
		return 2;
	}
	ssh_init();
	snprintf(line, sizeof(line), "%s %s %s errtrail@example", argv[2], argv[3], argv[4]);
	rc = ssh_known_hosts_parse_line(argv[1], line, &entry);
	printf("parse_line: %d\n", rc);
	ssh_knownhosts_entry_free(entry);
	ssh_finalize();
	return 0;
}
