/* libircclient colour and session-allocation driver, run out of memory: the process's
 * address space is capped with RLIMIT_AS at what it maps and its heap is used up before
 * the call, so the library's next malloc() fails.  argv[1] selects the call:
 *   tomirc   irc_color_convert_to_mirc("[B]hi[/B]")
 *   strip    irc_color_strip_from_mirc("\x02hi\x02")
 *   frommirc irc_color_convert_from_mirc("\x02hi\x02")
 *   session  irc_create_session()
 * argv[2] "nooom" makes the same call with memory left (to see it succeed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <libircclient.h>

static irc_callbacks_t callbacks;

static void use_up_memory(void)
{
	long pages = 0, page = sysconf(_SC_PAGESIZE);
	FILE *f = fopen("/proc/self/statm", "r");
	struct rlimit rl;
	size_t size;

	if (!f || fscanf(f, "%ld", &pages) != 1) {
		perror("/proc/self/statm");
		exit(2);
	}
	fclose(f);
	rl.rlim_cur = rl.rlim_max = (rlim_t)pages * (rlim_t)page;
	if (setrlimit(RLIMIT_AS, &rl) < 0) {
		perror("setrlimit");
		exit(2);
	}
	/* Take every chunk the heap still has, large ones first, never freeing one. */
	for (size = 4096; size >= 8; size /= 2)
		while (malloc(size) != NULL)
			;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int oom = !(argc > 2 && !strcmp(argv[2], "nooom"));
	const char *mirc = "\x02hi\x02";
	void *r;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (oom)
		use_up_memory();

	if (!strcmp(mode, "tomirc"))
		r = irc_color_convert_to_mirc("[B]hi[/B]");
	else if (!strcmp(mode, "strip"))
		r = irc_color_strip_from_mirc(mirc);
	else if (!strcmp(mode, "frommirc"))
		r = irc_color_convert_from_mirc(mirc);
	else if (!strcmp(mode, "session"))
		r = irc_create_session(&callbacks);
	else {
		fprintf(stderr, "usage: %s tomirc|strip|frommirc|session [nooom]\n", argv[0]);
		return 2;
	}
	printf("%s: %s\n", mode, r ? "allocated" : "NULL");
	return 0;
}
