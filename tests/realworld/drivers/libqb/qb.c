/* realworld corpus driver: libqb (2.0.6) arrays, maps, logging, ring buffers, IPC, loops
 * and the internal unix helpers, called with bad arguments.  libqb returns -errno (or NULL
 * with errno set).  The files it makes (ring buffers, a read-only file, a directory) are
 * made in a fresh errtrail-libqb/ under the current directory.
 * Modes:
 *   qb array-range          qb_array_index(a of 4 elements, no autogrow, 10)
 *   qb array-grow           qb_array_index(a of 4 elements, autogrow 4, 70000)
 *   qb array-autogrow       qb_array_create_2(4, 8, 17)
 *   qb skiplist-notify      qb_map_notify_add(skiplist holding "a", "b", DELETED)
 *   qb trie-notify-dup      qb_map_notify_add(trie, "a", DELETED) twice, same callback
 *   qb trie-notify-del      qb_map_notify_del(trie holding "a", "a", a callback never added)
 *   qb log-size             qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_SIZE, 4096)
 *   qb log-journal          qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_USE_JOURNAL, 1)
 *   qb log-blackbox         qb_log_ctl(QB_LOG_BLACKBOX, QB_LOG_CONF_ENABLED, 1), size never set
 *   qb log-regex            qb_log_filter_ctl(STDERR, ADD, FUNCTION_REGEX, "[a", LOG_DEBUG)
 *   qb log-filter-dup       qb_log_filter_ctl(STDERR, ADD, FILE, "x.c", LOG_DEBUG) twice
 *   qb log-custom-full      qb_log_custom_open() until it fails
 *   qb log-file PATH        qb_log_file_open(PATH)
 *   qb log-reopen PATH      qb_log_file_open(errtrail-libqb/ok.log), then qb_log_file_reopen(PATH)
 *   qb bb-print PATH        qb_log_blackbox_print_from_file(PATH)
 *   qb bb-print-garbage     the same on a 64-byte file of 0x5a bytes
 *   qb unlink-dir           qb_sys_unlink_or_truncate(a directory, truncate fallback)
 *   qb mmap-file-ro         qb_sys_mmap_file_open(a file, 4096, O_RDONLY)
 *   qb circular-ro          qb_sys_circular_mmap(a file opened O_RDONLY, 4096)
 *   qb cloexec-badfd        qb_sys_fd_nonblock_cloexec_set(-1)
 *   qb rb-open-missing      qb_rb_open(errtrail-libqb/none/rb, 4096, 0, 0): not created
 *   qb rb-write-big         qb_rb_chunk_write(rb of 4096 bytes, 8192 bytes)
 *   qb rb-read-small        qb_rb_chunk_write(100 bytes), then qb_rb_chunk_read into 10
 *   qb ipcc-connect         qb_ipcc_connect("errtrail-no-such-server", 1024)
 *   qb poll-add-file        qb_loop_poll_add(loop, a regular file's descriptor)
 *   qb poll-mod-unknown     qb_loop_poll_mod(loop, descriptor 0, never added)
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include <qb/qbdefs.h>
#include <qb/qbarray.h>
#include <qb/qbipcc.h>
#include <qb/qblog.h>
#include <qb/qbloop.h>
#include <qb/qbmap.h>
#include <qb/qbrb.h>

/* libqb's internal helpers (lib/util_int.h), not in its public headers */
int32_t qb_sys_mmap_file_open(char *path, const char *file, size_t bytes, uint32_t file_flags);
int32_t qb_sys_circular_mmap(int32_t fd, void **buf, size_t bytes);
int32_t qb_sys_fd_nonblock_cloexec_set(int32_t fd);
int32_t qb_sys_unlink_or_truncate(const char *path, int32_t truncate_fallback);

#define DIR_ "errtrail-libqb"

static char dir[PATH_MAX];

static void notified(uint32_t event, char *key, void *old_value, void *value, void *user_data)
{
	(void)event, (void)key, (void)old_value, (void)value, (void)user_data;
}

static void other(uint32_t event, char *key, void *old_value, void *value, void *user_data)
{
	(void)event, (void)key, (void)old_value, (void)value, (void)user_data;
}

static void logged(int32_t t, struct qb_log_callsite *cs, struct timespec *timestamp, const char *msg)
{
	(void)t, (void)cs, (void)timestamp, (void)msg;
}

static int32_t dispatched(int32_t fd, int32_t revents, void *data)
{
	(void)fd, (void)revents, (void)data;
	return 0;
}

static int rc(const char *what, long r)
{
	printf("%s = %ld (%s)\n", what, r, r < 0 ? strerror((int)-r) : "-");
	return r < 0 ? 1 : 0;
}

static int null(const char *what, const void *p)
{
	int e = errno;

	printf("%s = %p (errno %d %s)\n", what, p, p ? 0 : e, p ? "-" : strerror(e));
	return p ? 0 : 1;
}

static void mkfile(const char *path, int byte, size_t n)
{
	FILE *f = fopen(path, "w");
	size_t i;

	if (!f) {
		perror(path);
		exit(2);
	}
	for (i = 0; i < n; i++)
		fputc(byte, f);
	fclose(f);
}

static void setup(void)
{
	char cwd[PATH_MAX - 64];

	if (!getcwd(cwd, sizeof(cwd))) {
		perror("getcwd");
		exit(2);
	}
	snprintf(dir, sizeof(dir), "%s/%s", cwd, DIR_);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		perror(dir);
		exit(2);
	}
}

static qb_ringbuffer_t *rb_create(void)
{
	char name[PATH_MAX];
	qb_ringbuffer_t *rb;

	snprintf(name, sizeof(name), "%s/rb-%d", dir, (int)getpid());
	rb = qb_rb_open(name, 4096, QB_RB_FLAG_CREATE, 0);
	if (!rb) {
		perror("qb_rb_open(create)");
		exit(2);
	}
	return rb;
}

int main(int argc, char **argv)
{
	char path[PATH_MAX], buf[8192];
	const char *mode;
	int32_t r, i;

	if (argc < 2)
		return 2;
	mode = argv[1];
	setup();

	if (strcmp(mode, "array-range") == 0 || strcmp(mode, "array-grow") == 0) {
		int grow = mode[6] == 'g';
		qb_array_t *a = qb_array_create_2(4, 8, grow ? 4 : 0);
		void *e;

		if (!a)
			return 2;
		return rc("qb_array_index", qb_array_index(a, grow ? 70000 : 10, &e));
	}
	if (strcmp(mode, "array-autogrow") == 0)
		return null("qb_array_create_2", qb_array_create_2(4, 8, 17));

	if (strcmp(mode, "skiplist-notify") == 0) {
		qb_map_t *m = qb_skiplist_create();

		qb_map_put(m, "a", "1");
		return rc("qb_map_notify_add", qb_map_notify_add(m, "b", notified,
								 QB_MAP_NOTIFY_DELETED, NULL));
	}
	if (strcmp(mode, "trie-notify-dup") == 0) {
		qb_map_t *m = qb_trie_create();

		if (rc("qb_map_notify_add", qb_map_notify_add(m, "a", notified,
							      QB_MAP_NOTIFY_DELETED, NULL)))
			return 2;
		return rc("qb_map_notify_add", qb_map_notify_add(m, "a", notified,
								 QB_MAP_NOTIFY_DELETED, NULL));
	}
	if (strcmp(mode, "trie-notify-del") == 0) {
		qb_map_t *m = qb_trie_create();

		qb_map_put(m, "a", "1");
		if (rc("qb_map_notify_add", qb_map_notify_add(m, "a", notified,
							      QB_MAP_NOTIFY_DELETED, NULL)))
			return 2;
		return rc("qb_map_notify_del", qb_map_notify_del(m, "a", other,
								 QB_MAP_NOTIFY_DELETED));
	}

	if (strncmp(mode, "log-", 4) == 0 || strncmp(mode, "bb-", 3) == 0)
		qb_log_init("errtrail-qb", LOG_USER, LOG_EMERG);
	if (strcmp(mode, "log-size") == 0)
		return rc("qb_log_ctl", qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_SIZE, 4096));
	if (strcmp(mode, "log-journal") == 0)
		return rc("qb_log_ctl", qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_USE_JOURNAL, 1));
	if (strcmp(mode, "log-blackbox") == 0)
		return rc("qb_log_ctl", qb_log_ctl(QB_LOG_BLACKBOX, QB_LOG_CONF_ENABLED, QB_TRUE));
	if (strcmp(mode, "log-regex") == 0)
		return rc("qb_log_filter_ctl",
			  qb_log_filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_ADD,
					    QB_LOG_FILTER_FUNCTION_REGEX, "[a", LOG_DEBUG));
	if (strcmp(mode, "log-filter-dup") == 0) {
		if (rc("qb_log_filter_ctl", qb_log_filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_ADD,
							      QB_LOG_FILTER_FILE, "x.c",
							      LOG_DEBUG)))
			return 2;
		return rc("qb_log_filter_ctl", qb_log_filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_ADD,
								 QB_LOG_FILTER_FILE, "x.c",
								 LOG_DEBUG));
	}
	if (strcmp(mode, "log-custom-full") == 0) {
		for (i = 0; i < 64; i++) {
			r = qb_log_custom_open(logged, NULL, NULL, NULL);
			if (r < 0)
				return rc("qb_log_custom_open", r);
			printf("qb_log_custom_open = %d\n", r);
		}
		return 2;
	}
	if (strcmp(mode, "log-file") == 0 && argc == 3)
		return rc("qb_log_file_open", qb_log_file_open(argv[2]));
	if (strcmp(mode, "log-reopen") == 0 && argc == 3) {
		snprintf(path, sizeof(path), "%s/ok.log", dir);
		r = qb_log_file_open(path);
		if (rc("qb_log_file_open", r))
			return 2;
		return rc("qb_log_file_reopen", qb_log_file_reopen(r, argv[2]));
	}
	if (strcmp(mode, "bb-print") == 0 && argc == 3)
		return rc("qb_log_blackbox_print_from_file", qb_log_blackbox_print_from_file(argv[2]));
	if (strcmp(mode, "bb-print-garbage") == 0) {
		snprintf(path, sizeof(path), "%s/garbage.bb", dir);
		mkfile(path, 0x5a, 64);
		return rc("qb_log_blackbox_print_from_file", qb_log_blackbox_print_from_file(path));
	}

	if (strcmp(mode, "unlink-dir") == 0) {
		snprintf(path, sizeof(path), "%s/subdir", dir);
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			return 2;
		return rc("qb_sys_unlink_or_truncate", qb_sys_unlink_or_truncate(path, QB_TRUE));
	}
	if (strcmp(mode, "mmap-file-ro") == 0) {
		char out[PATH_MAX];

		snprintf(path, sizeof(path), "%s/ro-file", dir);
		mkfile(path, 0, 16);
		return rc("qb_sys_mmap_file_open", qb_sys_mmap_file_open(out, path, 4096, O_RDONLY));
	}
	if (strcmp(mode, "circular-ro") == 0) {
		void *p;
		int fd;

		snprintf(path, sizeof(path), "%s/ro-file", dir);
		mkfile(path, 0, 8192);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return 2;
		return rc("qb_sys_circular_mmap", qb_sys_circular_mmap(fd, &p, 4096));
	}
	if (strcmp(mode, "cloexec-badfd") == 0)
		return rc("qb_sys_fd_nonblock_cloexec_set", qb_sys_fd_nonblock_cloexec_set(-1));

	if (strcmp(mode, "rb-open-missing") == 0) {
		snprintf(path, sizeof(path), "%s/none/rb", dir);
		return null("qb_rb_open", qb_rb_open(path, 4096, 0, 0));
	}
	if (strcmp(mode, "rb-write-big") == 0) {
		qb_ringbuffer_t *rb = rb_create();
		ssize_t n = qb_rb_chunk_write(rb, buf, sizeof(buf));

		qb_rb_close(rb);
		return rc("qb_rb_chunk_write", n);
	}
	if (strcmp(mode, "rb-read-small") == 0) {
		qb_ringbuffer_t *rb = rb_create();
		ssize_t n;

		memset(buf, 'x', 100);
		if (rc("qb_rb_chunk_write", qb_rb_chunk_write(rb, buf, 100))) {
			qb_rb_close(rb);
			return 2;
		}
		n = qb_rb_chunk_read(rb, buf, 10, 0);
		qb_rb_close(rb);
		return rc("qb_rb_chunk_read", n);
	}

	if (strcmp(mode, "ipcc-connect") == 0)
		return null("qb_ipcc_connect", qb_ipcc_connect("errtrail-no-such-server", 1024));

	if (strcmp(mode, "poll-add-file") == 0 || strcmp(mode, "poll-mod-unknown") == 0) {
		qb_loop_t *l = qb_loop_create();

		if (!l)
			return 2;
		if (mode[5] == 'a') {
			int fd;

			snprintf(path, sizeof(path), "%s/poll-file", dir);
			mkfile(path, 0, 16);
			fd = open(path, O_RDONLY);
			if (fd < 0)
				return 2;
			return rc("qb_loop_poll_add", qb_loop_poll_add(l, QB_LOOP_MED, fd, POLLIN,
								      NULL, dispatched));
		}
		return rc("qb_loop_poll_mod", qb_loop_poll_mod(l, QB_LOOP_MED, 0, POLLIN, NULL,
							      dispatched));
	}
	fprintf(stderr, "unknown mode %s\n", mode);
	return 2;
}
