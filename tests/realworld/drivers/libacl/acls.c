/* realworld corpus driver: libacl calls with bad input.
 *   acls getfile PATH access|default     acl_get_file(PATH, TYPE)
 *   acls getfilenew PATH access|default  the same on PATH created afresh (a regular file)
 *   acls fromtext TEXT                   acl_from_text(TEXT)
 *   acls check TEXT                      acl_check(acl_from_text(TEXT), NULL)
 *   acls permcopy SRC DST                perm_copy_file(SRC, DST, NULL), SRC created afresh
 * Nothing is changed but the files getfilenew and permcopy create.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
/* the headers in the tree say EXPORT where the installed ones say extern */
#define EXPORT extern
#include <sys/acl.h>
#include <acl/libacl.h>

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

static acl_type_t type_of(const char *s)
{
	return !strcmp(s, "default") ? ACL_TYPE_DEFAULT : ACL_TYPE_ACCESS;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "getfile") && argc > 3) {
		printf("%p\n", (void *) acl_get_file(argv[2], type_of(argv[3])));
	} else if (!strcmp(argv[1], "getfilenew") && argc > 3) {
		if (fresh(argv[2]) < 0)
			return 2;
		printf("%p\n", (void *) acl_get_file(argv[2], type_of(argv[3])));
	} else if (!strcmp(argv[1], "fromtext")) {
		printf("%p\n", (void *) acl_from_text(argv[2]));
	} else if (!strcmp(argv[1], "check")) {
		acl_t acl = acl_from_text(argv[2]);

		if (acl == NULL)
			return 2;
		printf("%#x\n", acl_check(acl, NULL));
		acl_free(acl);
	} else if (!strcmp(argv[1], "permcopy") && argc > 3) {
		if (fresh(argv[2]) < 0)
			return 2;
		printf("%d\n", perm_copy_file(argv[2], argv[3], NULL));
	} else {
		return 2;
	}
	return 0;
}
