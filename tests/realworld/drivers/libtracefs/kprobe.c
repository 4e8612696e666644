/* realworld corpus driver: libtracefs's kprobe descriptors (only allocated, never created).
 *
 * kretprobe EVENT ADDR FORMAT MAX   tracefs_kretprobe_alloc(NULL, EVENT, ADDR, FORMAT, MAX)
 *                                   ("-" for NULL)
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
	struct tracefs_dynevent *kp;

	if (argc < 6 || strcmp(argv[1], "kretprobe")) {
		fprintf(stderr, "usage: kprobe kretprobe EVENT ADDR FORMAT MAX\n");
		return 2;
	}
	kp = tracefs_kretprobe_alloc(NULL, unspace(argv[2]), unspace(argv[3]), unspace(argv[4]),
				     (unsigned int)strtoul(argv[5], NULL, 0));
	printf("kretprobe_alloc: %s\n", kp ? "ok" : "NULL");
	tracefs_dynevent_free(kp);
	return 0;
}
