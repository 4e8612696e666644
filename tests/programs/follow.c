/* Failures several calls deep, for errtrail-collect gdb --follow (tests/test_follow.py).
 * argv[1] picks the shape; each prints what the top function returned. The top functions
 * are noinline: at -O2 gcc would inline them into main, leaving no call to trace. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef WITH_LIB
/* follow_lib.c, built as a shared library: called through the PLT */
int lib_check(int value);

__attribute__((noinline)) int apply(int value)
{
	int err;

	err = lib_check(value);
	if (err)
		return err;
	return 0;
}
#endif

/* three levels: configure -> parse_iface -> check_mtu */
static int check_mtu(int mtu)
{
	if (mtu < 68)
		return -ERANGE;
	if (mtu > 9000)
		return -EINVAL;
	return 0;
}

static int parse_iface(const char *line, int *mtu)
{
	int err;
	int value = 0;

	if (sscanf(line, "mtu %d", &value) != 1)
		return -EBADMSG;
	err = check_mtu(value);
	if (err)
		return err;
	*mtu = value;
	return 0;
}

__attribute__((noinline)) int configure(const char **lines, int n)
{
	int i, err = 0, mtu = 0;

	for (i = 0; i < n; i++) {
		err = parse_iface(lines[i], &mtu);
		if (err < 0)
			goto out;
	}
out:
	return err;
}

/* five levels, one a pass-through wrapper: level1 -> level2 -> level3 -> lib_err(level4)
 * -> level5 */
static int lib_err(int err)
{
	if (err < 0)
		errno = -err;
	return err;
}

static int level5(int blocks)
{
	int free_blocks = 8;

	if (blocks > free_blocks)
		return -ENOSPC;
	return 0;
}

static int level4(int blocks)
{
	int ret;

	ret = level5(blocks * 2);
	return ret;
}

static int level3(int blocks)
{
	return lib_err(level4(blocks));
}

static int level2(int blocks)
{
	int rc = level3(blocks);

	if (rc)
		return rc;
	return 1;
}

__attribute__((noinline)) int level1(int blocks)
{
	int rc;

	rc = level2(blocks);
	return rc;
}

/* the errno rewritten on the way up: read_file's -ENOENT becomes -EINVAL */
static int read_file(const char *path)
{
	if (access(path, R_OK) != 0)
		return -ENOENT;
	return 0;
}

__attribute__((noinline)) int open_config(const char *path)
{
	int err;

	err = read_file(path);
	if (err < 0)
		return -EINVAL;
	return 0;
}

/* recursion: the failure is three calls of walk down */
__attribute__((noinline)) int walk(int depth, int limit)
{
	int err;

	if (depth > limit)
		return -ELOOP;
	err = walk(depth + 1, limit);
	return err;
}

/* two threads failing differently */
static const char *thread_lines[2][1] = { { "mtu 9216" }, { "mtu 12" } };

static void *worker(void *arg)
{
	long i = (long)arg;

	usleep(20000 * i);
	printf("thread %ld configure %d\n", i, configure(thread_lines[i], 1));
	return NULL;
}

int main(int argc, char **argv)
{
	const char *shape = argc > 1 ? argv[1] : "three";

	setvbuf(stdout, NULL, _IONBF, 0);
	if (strcmp(shape, "three") == 0) {
		const char *lines[] = { "mtu 1500", "mtu 9216" };
		printf("configure %d\n", configure(lines, 2));
	} else if (strcmp(shape, "five") == 0) {
		printf("level1 %d\n", level1(2));
		printf("level1 %d\n", level1(6));
	} else if (strcmp(shape, "rewrite") == 0) {
		printf("open_config %d\n", open_config("/nonexistent/errtrail.conf"));
	} else if (strcmp(shape, "recurse") == 0) {
		printf("walk %d\n", walk(0, 3));
	} else if (strcmp(shape, "threads") == 0) {
		pthread_t t[2];
		for (long i = 0; i < 2; i++)
			pthread_create(&t[i], NULL, worker, (void *)i);
		for (int i = 0; i < 2; i++)
			pthread_join(t[i], NULL);
	} else if (strcmp(shape, "random") == 0) {
		/* One call in 40 fails, which one differs from run to run. */
		int bad;
		srand((unsigned)getpid() ^ (unsigned)time(NULL));
		bad = rand() % 40;
		for (int i = 0; i < 40; i++) {
			char line[32];
			const char *lines[1] = { line };
			snprintf(line, sizeof line, "mtu %d", i == bad ? 65536 : 1500 + i);
			if (configure(lines, 1) < 0)
				printf("call %d failed\n", i);
		}
	} else if (strcmp(shape, "attach") == 0) {
		/* For -p PID: ready, then a failing call every 50 ms for 3 s. */
		const char *lines[] = { "mtu 9216" };
		printf("ready\n");
		for (int i = 0; i < 60; i++) {
			usleep(50000);
			configure(lines, 1);
		}
#ifdef WITH_LIB
	} else if (strcmp(shape, "lib") == 0) {
		printf("apply %d\n", apply(7));
#endif
	}
	return 0;
}
