/* realworld corpus driver: libtracefs's instance and tracing-file helpers.
 *
 * alloc NAME           tracefs_instance_alloc(NULL, NAME) (an instance that does not exist)
 * allocdir             tracefs_instance_alloc(F, NULL) where F is a regular file this driver
 *                      writes afresh, /tmp/errtrail-libtracefs-notdir
 * open FILE            tracefs_instance_file_open(NULL, FILE, -1) in the top instance
 * tracer NAME          tracefs_tracer_set(NULL, TRACEFS_TRACER_CUSTOM, NAME): a tracer the
 *                      kernel does not have is refused by the write to current_tracer, and
 *                      the tracer in use is left as it was
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <event-parse.h>
#include <tracefs.h>

int main(int argc, char **argv)
{
	struct tracefs_instance *inst;
	const char *path = "/tmp/errtrail-libtracefs-notdir";
	FILE *f;
	int ret;

	if (argc < 2) {
		fprintf(stderr, "usage: instance alloc NAME | allocdir | open FILE | tracer NAME\n");
		return 2;
	}
	if (!strcmp(argv[1], "alloc") && argc > 2) {
		inst = tracefs_instance_alloc(NULL, argv[2]);
		printf("instance_alloc: %p\n", (void *)inst);
		tracefs_instance_free(inst);
	} else if (!strcmp(argv[1], "allocdir")) {
		f = fopen(path, "w");
		if (!f)
			return 2;
		fputs("not a tracing directory\n", f);
		fclose(f);
		inst = tracefs_instance_alloc(path, NULL);
		printf("instance_alloc: %p\n", (void *)inst);
		tracefs_instance_free(inst);
		remove(path);
	} else if (!strcmp(argv[1], "open") && argc > 2) {
		ret = tracefs_instance_file_open(NULL, argv[2], -1);
		printf("file_open: %d\n", ret);
	} else if (!strcmp(argv[1], "tracer") && argc > 2) {
		ret = tracefs_tracer_set(NULL, TRACEFS_TRACER_CUSTOM, argv[2]);
		printf("tracer_set: %d\n", ret);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	return 0;
}
