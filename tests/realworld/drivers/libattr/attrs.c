/* realworld corpus driver: libattr calls with bad input, on a file created afresh.
 *   attrs remove FILE NAME     attr_remove(FILE, NAME, 0) (FILE has no attributes)
 *   attrs setname FILE LEN     attr_set(FILE, a name of LEN 'a's, "v", 1, 0)
 *   attrs list FILE SIZE       attr_list(FILE, buf, SIZE, 0, zeroed cursor), FILE with user.errtrail
 *   attrs multi FILE NAME      attr_multi(FILE, {remove NAME, set errtrail=v}, 2, 0)
 *   attrs copy SRC DST         attr_copy_file(SRC, DST, NULL, NULL) (SRC is not created)
 *   attrs conf FILE            attr_copy_file(FILE, FILE.dst, NULL, NULL) after writing a bad
 *                              xattr.conf into /tmp/errtrail-attr-etc, the library's
 *                              --sysconfdir (FILE with user.errtrail, FILE.dst created too)
 * FILE is unlinked and created empty first (except for copy).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/xattr.h>
/* the headers in the tree say EXPORT where the installed ones say extern */
#define EXPORT extern
#include <attr/attributes.h>
#include <attr/libattr.h>

#define CONF_DIR "/tmp/errtrail-attr-etc"

static int fresh(const char *path)
{
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static const char bad_conf[] =
	"# errtrail: the third line has a word after its action\n"
	"system.nfs4_acl\tpermissions\n"
	"user.errtrail skip extra\n";

int main(int argc, char **argv)
{
	if (argc < 4 && !(argc == 3 && !strcmp(argv[1], "conf")))
		return 2;
	if (strcmp(argv[1], "copy") && fresh(argv[2]) < 0)
		return 2;
	if (!strcmp(argv[1], "remove")) {
		printf("%d\n", attr_remove(argv[2], argv[3], 0));
	} else if (!strcmp(argv[1], "setname")) {
		int len = atoi(argv[3]);
		char *name = malloc(len + 1);

		if (name == NULL)
			return 2;
		memset(name, 'a', len);
		name[len] = '\0';
		printf("%d\n", attr_set(argv[2], name, "v", 1, 0));
		free(name);
	} else if (!strcmp(argv[1], "list")) {
		attrlist_cursor_t cursor;
		char buf[4096];
		int size = atoi(argv[3]);

		if (size > (int) sizeof(buf) ||
		    setxattr(argv[2], "user.errtrail", "v", 1, 0) < 0)
			return 2;
		memset(&cursor, 0, sizeof(cursor));
		printf("%d\n", attr_list(argv[2], buf, size, 0, &cursor));
	} else if (!strcmp(argv[1], "multi")) {
		char value[] = "v";
		attr_multiop_t ops[2] = {
			{ .am_opcode = ATTR_OP_REMOVE, .am_attrname = argv[3] },
			{ .am_opcode = ATTR_OP_SET, .am_attrname = "errtrail",
			  .am_attrvalue = value, .am_length = 1 },
		};

		printf("%d\n", attr_multi(argv[2], ops, 2, 0));
	} else if (!strcmp(argv[1], "copy")) {
		printf("%d\n", attr_copy_file(argv[2], argv[3], NULL, NULL));
	} else if (!strcmp(argv[1], "conf")) {
		char dst[4096];
		FILE *f;

		snprintf(dst, sizeof(dst), "%s.dst", argv[2]);
		if (fresh(dst) < 0 || setxattr(argv[2], "user.errtrail", "v", 1, 0) < 0)
			return 2;
		mkdir(CONF_DIR, 0755);
		f = fopen(CONF_DIR "/xattr.conf", "w");
		if (f == NULL || fputs(bad_conf, f) == EOF || fclose(f) != 0)
			return 2;
		printf("%d\n", attr_copy_file(argv[2], dst, NULL, NULL));
	} else {
		return 2;
	}
	return 0;
}
