/* realworld corpus driver: libmagic (file 5.44) calls with bad input.
 * Every mode works in a fresh directory errtrail-libmagic/ under the current directory,
 * where it writes the magic files it needs:
 *   good.magic    one entry:  0 string ERRTRAIL errtrail test data
 *   named.magic   an entry of set 0 (string, then a "use" continuation) and a named
 *                 entry of set 1 ("name" type and one continuation): 2 + 2 struct magic
 *   magic.d/      a directory of magic files 10-good, 20-bad, 30-good; 20-bad's line
 *                 has a type file does not know ("0 errtrailtype x bad")
 * Modes:
 *   magic setparam N    magic_setparam(ms, N, &value): N names no parameter
 *   magic compilefsize  magic_compile(ms, "named.magic") with the file size limit
 *                       (RLIMIT_FSIZE, SIGXFSZ ignored) at the header and set 0 of the
 *                       output named.magic.mgc: writing set 1 fails with EFBIG (the driver
 *                       compiles once without a limit to learn the record size)
 *   magic compileisdir  magic_compile(ms, "good.magic") where good.magic.mgc is a
 *                       directory (open for writing fails with EISDIR)
 *   magic loaddir       magic_load(ms, "magic.d"): the second of three files has a bad line
 *   magic loadmissing P magic_load(ms, P) of a missing file (no P.mgc either)
 *   magic descriptor    magic_descriptor(ms, fd) of an fd the driver opened and closed
 *                       (after loading good.magic)
 *   magic symlink       magic_file(ms, "dangling") with MAGIC_ERROR: a symbolic link to a
 *                       missing file
 *   magic buffer        magic_buffer(ms, "ERRTRAIL", 8) before any magic_load()
 *   magic pipeelf       magic_descriptor(ms, fd) of a pipe holding the first 4096 bytes of
 *                       the driver's own ELF file (read from /proc/self/exe), with the
 *                       file descriptor limit (RLIMIT_NOFILE) set to the lowest free
 *                       descriptor number: file_tryelf() cannot seek the pipe, so
 *                       file_pipe2file() copies it to a temporary file, and mkstemp()
 *                       fails with EMFILE
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <magic.h>

static void need(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		exit(2);
	}
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	need(f != NULL, path);
	need(fputs(text, f) >= 0 && fclose(f) == 0, path);
}

static magic_t open_loaded(int flags)
{
	magic_t ms = magic_open(flags);

	need(ms != NULL, "magic_open");
	if (magic_load(ms, "good.magic") != 0) {
		fprintf(stderr, "magic_load: %s\n", magic_error(ms));
		exit(2);
	}
	return ms;
}

static void report_int(const char *what, int rc, magic_t ms)
{
	printf("%s: %d (errno %d, magic_errno %d: %s)\n", what, rc, errno, magic_errno(ms),
	       magic_error(ms) ? magic_error(ms) : "-");
}

static void report_str(const char *what, const char *s, magic_t ms)
{
	printf("%s: %s (errno %d, magic_errno %d: %s)\n", what, s ? s : "NULL", errno,
	       magic_errno(ms), magic_error(ms) ? magic_error(ms) : "-");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	magic_t ms;

	need(system("rm -rf errtrail-libmagic") == 0, "rm");
	need(mkdir("errtrail-libmagic", 0700) == 0 && chdir("errtrail-libmagic") == 0,
	     "errtrail-libmagic");
	write_file("good.magic", "0\tstring\tERRTRAIL\terrtrail test data\n");

	if (!strcmp(mode, "setparam") && argc > 2) {
		size_t value = 10;

		ms = magic_open(0);
		need(ms != NULL, "magic_open");
		errno = 0;
		report_int("magic_setparam", magic_setparam(ms, atoi(argv[2]), &value), ms);
	} else if (!strcmp(mode, "compilefsize")) {
		struct rlimit rl;
		struct stat st;
		off_t record;

		write_file("named.magic",
			   "0\tname\terrtrail-part\n"
			   ">0\tstring\tx\tnamed part\n"
			   "0\tstring\tERRTRAIL\terrtrail test data\n"
			   ">8\tuse\terrtrail-part\n");
		ms = magic_open(0);
		need(ms != NULL, "magic_open");
		/* header + 2 records of set 0 + 2 of set 1 */
		need(magic_compile(ms, "named.magic") == 0, "magic_compile (no limit)");
		need(stat("named.magic.mgc", &st) == 0 && st.st_size % 5 == 0, "named.magic.mgc");
		record = st.st_size / 5;
		need(unlink("named.magic.mgc") == 0, "unlink");
		magic_close(ms);
		ms = magic_open(0);
		need(ms != NULL, "magic_open");
		signal(SIGXFSZ, SIG_IGN);
		rl.rlim_cur = rl.rlim_max = 3 * record;
		need(setrlimit(RLIMIT_FSIZE, &rl) == 0, "setrlimit");
		errno = 0;
		report_int("magic_compile", magic_compile(ms, "named.magic"), ms);
	} else if (!strcmp(mode, "compileisdir")) {
		need(mkdir("good.magic.mgc", 0700) == 0, "mkdir good.magic.mgc");
		ms = magic_open(0);
		need(ms != NULL, "magic_open");
		errno = 0;
		report_int("magic_compile", magic_compile(ms, "good.magic"), ms);
	} else if (!strcmp(mode, "loaddir")) {
		need(mkdir("magic.d", 0700) == 0, "mkdir magic.d");
		write_file("magic.d/10-good", "0\tstring\tERRTRAIL\terrtrail test data\n");
		write_file("magic.d/20-bad", "0\terrtrailtype\tx\tbad\n");
		write_file("magic.d/30-good", "0\tstring\tLIARTRRE\treversed test data\n");
		ms = magic_open(0);
		need(ms != NULL, "magic_open");
		errno = 0;
		report_int("magic_load", magic_load(ms, "magic.d"), ms);
	} else if (!strcmp(mode, "loadmissing") && argc > 2) {
		ms = magic_open(0);
		need(ms != NULL, "magic_open");
		errno = 0;
		report_int("magic_load", magic_load(ms, argv[2]), ms);
	} else if (!strcmp(mode, "descriptor")) {
		int fd = open("good.magic", O_RDONLY);

		need(fd >= 0 && close(fd) == 0, "good.magic");
		ms = open_loaded(0);
		errno = 0;
		report_str("magic_descriptor", magic_descriptor(ms, fd), ms);
	} else if (!strcmp(mode, "symlink")) {
		need(symlink("errtrail-missing-target", "dangling") == 0, "symlink");
		ms = open_loaded(MAGIC_ERROR);
		errno = 0;
		report_str("magic_file", magic_file(ms, "dangling"), ms);
	} else if (!strcmp(mode, "buffer")) {
		ms = magic_open(0);
		need(ms != NULL, "magic_open");
		errno = 0;
		report_str("magic_buffer", magic_buffer(ms, "ERRTRAIL", 8), ms);
	} else if (!strcmp(mode, "pipeelf")) {
		char elf[4096];
		struct rlimit rl;
		int fds[2], self, lowest;

		self = open("/proc/self/exe", O_RDONLY);
		need(self >= 0 && read(self, elf, sizeof(elf)) == sizeof(elf) && close(self) == 0,
		     "/proc/self/exe");
		ms = open_loaded(0);
		need(pipe(fds) == 0, "pipe");
		need(write(fds[1], elf, sizeof(elf)) == sizeof(elf) && close(fds[1]) == 0, "write");
		lowest = dup(0);
		need(lowest >= 0 && close(lowest) == 0, "dup");
		rl.rlim_cur = rl.rlim_max = lowest;
		need(setrlimit(RLIMIT_NOFILE, &rl) == 0, "setrlimit");
		errno = 0;
		report_str("magic_descriptor", magic_descriptor(ms, fds[0]), ms);
	} else {
		fprintf(stderr, "usage: magic setparam N | compilefsize | compileisdir | loaddir |"
			" loadmissing PATH | descriptor | symlink | buffer | pipeelf\n");
		return 2;
	}
	magic_close(ms);
	return 0;
}
