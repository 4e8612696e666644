/* realworld corpus driver: libbsd calls with bad input.
 *   bsd dehumanize STR       dehumanize_number(STR)
 *   bsd readpass             readpassphrase(..., RPP_STDIN) with stdin closed
 *   bsd pidfile PATH         pidfile_open(PATH, 0600, NULL) (the cases name a PATH
 *                            whose directory does not exist)
 *   bsd pidlocked PATH       pidfile_open(PATH) and pidfile_write() it, then
 *                            pidfile_open(PATH, 0600, &pid) again while the first
 *                            holds the lock
 *   bsd inet STR             inet_net_pton(AF_INET, STR) (libbsd's, linked before libc)
 *   bsd expand STR           expand_number(STR)
 *   bsd nlist PATH           nlist(PATH) of a small ELF64 file written afresh whose
 *                            header claims 1000 section headers
 * Nothing is changed but the files under PATH.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <bsd/libutil.h>
#include <bsd/nlist.h>
#include <bsd/readpassphrase.h>
#include <bsd/stdlib.h>
#include "../elfgen.h"

static void many_sections(Elf64_Ehdr *eh)
{
	eh->e_shnum = 1000;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "dehumanize") && argc > 2) {
		int64_t n = 0;

		printf("%d\n", dehumanize_number(argv[2], &n));
	} else if (!strcmp(argv[1], "readpass")) {
		char buf[64];

		close(STDIN_FILENO);
		printf("%p\n", (void *)readpassphrase("pw: ", buf, sizeof(buf), RPP_STDIN));
	} else if (!strcmp(argv[1], "pidfile") && argc > 2) {
		printf("%p\n", (void *)pidfile_open(argv[2], 0600, NULL));
	} else if (!strcmp(argv[1], "pidlocked") && argc > 2) {
		struct pidfh *first;
		pid_t other = 0;

		unlink(argv[2]);
		first = pidfile_open(argv[2], 0600, NULL);
		if (first == NULL || pidfile_write(first))
			return 2;
		printf("%p\n", (void *)pidfile_open(argv[2], 0600, &other));
		printf("%d\n", (int)other);
		pidfile_remove(first);
	} else if (!strcmp(argv[1], "inet") && argc > 2) {
		unsigned char dst[16];

		printf("%d\n", inet_net_pton(AF_INET, argv[2], dst, sizeof(dst)));
	} else if (!strcmp(argv[1], "expand") && argc > 2) {
		uint64_t n = 0;

		printf("%d\n", expand_number(argv[2], &n));
	} else if (!strcmp(argv[1], "nlist") && argc > 2) {
		static const unsigned char text[16] = { 0xc3 };
		struct elfgen_section secs[] = { { ".text", SHT_PROGBITS, text, sizeof(text) } };
		struct nlist nl[2] = { { .n_name = "main" }, { .n_name = NULL } };

		elfgen_write(argv[2], ET_EXEC, EM_X86_64, secs, 1, many_sections);
		printf("%d\n", nlist(argv[2], nl));
	} else {
		return 2;
	}
	return 0;
}
