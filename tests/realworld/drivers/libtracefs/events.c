/* realworld corpus driver: libtracefs's event files.
 *
 * read SYSTEM EVENT FILE    tracefs_event_file_read(NULL, SYSTEM, EVENT, FILE, &size)
 * enable SYSTEM EVENT       tracefs_event_enable(NULL, SYSTEM, EVENT) ("-" for NULL); only
 *                           used with names that match no event, so nothing is enabled
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <event-parse.h>
#include <tracefs.h>

/* Arguments cannot carry spaces through the tracer's command line: unspace() turns each
 * '+' into a space, and "-" stands for NULL. */

static char *unspace(char *s)
{
	char *p;

	if (!strcmp(s, "-"))
		return NULL;
	for (p = s; *p; p++)
		if (*p == '+')
			*p = ' ';
	return s;
}

int main(int argc, char **argv)
{
	char *content;
	int size = 0;
	int ret;

	if (argc < 4) {
		fprintf(stderr, "usage: events read SYSTEM EVENT FILE | enable SYSTEM EVENT\n");
		return 2;
	}
	if (!strcmp(argv[1], "read") && argc > 4) {
		content = tracefs_event_file_read(NULL, unspace(argv[2]), unspace(argv[3]),
						  unspace(argv[4]), &size);
		printf("event_file_read: %s (%d bytes)\n", content ? "ok" : "NULL", size);
		free(content);
	} else if (!strcmp(argv[1], "enable")) {
		ret = tracefs_event_enable(NULL, unspace(argv[2]), unspace(argv[3]));
		printf("event_enable: %d\n", ret);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	return 0;
}
