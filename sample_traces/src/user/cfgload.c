/*
 * cfgload.c - a user-space program written for errtrail's samples: it reads
 * "key=value" lines and fails with an errno on the first bad one. Traced as
 * process("/usr/local/bin/cfgload"); built with: gcc -g -O0 -o cfgload cfgload.c
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct config {
	int port;
	int workers;
};

static int parse_line(const char *line, struct config *cfg)
{
	const char *eq = strchr(line, '=');
	int value;

	if (eq == NULL)
		return -EINVAL;
	if (sscanf(eq + 1, "%d", &value) != 1)
		return -EINVAL;
	if (strncmp(line, "port", 4) == 0)
		cfg->port = value;
	else if (strncmp(line, "workers", 7) == 0)
		cfg->workers = value;
	else
		return -ENOENT;
	return 0;
}

int load_config(const char *path, struct config *cfg)
{
	char line[128];
	int lineno = 0;
	int err = 0;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return -errno;
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		err = parse_line(line, cfg);
		if (err)
			break;
	}
	fclose(f);
	return err;
}

int main(int argc, char **argv)
{
	struct config cfg = { 80, 1 };
	int err = load_config(argc > 1 ? argv[1] : "/etc/cfgload.conf", &cfg);

	if (err) {
		fprintf(stderr, "cfgload: %s\n", strerror(-err));
		return 1;
	}
	printf("port=%d workers=%d\n", cfg.port, cfg.workers);
	return 0;
}
