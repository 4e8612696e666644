/* realworld corpus driver: libselinux on a system without SELinux.
 *   system getfilecon PATH    getfilecon_raw(PATH) (a path that does not exist)
 *   system check CONTEXT      security_check_context(CONTEXT): no selinuxfs is mounted
 *   system checkfake CONTEXT  security_check_context_raw(CONTEXT) with the selinuxfs mount
 *                             point set (set_selinuxmnt) to a directory this driver makes in
 *                             /tmp, whose "context" entry is a directory, not selinuxfs's file
 *   system class NAME         string_to_security_class(NAME) with the mount point set to a
 *                             directory whose class/NAME/perms/write holds 99 (a permission
 *                             index past the 32 bits of an access vector)
 *   system getcon             getcon_raw(): the kernel has no SELinux, so reading
 *                             /proc/thread-self/attr/current fails with EINVAL
 *   system backend N          selabel_open(N, NULL, 0) (a backend number out of range)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <selinux/selinux.h>
#include <selinux/label.h>

#define FAKE "/tmp/errtrail-selinuxfs"

static void put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, text, strlen(text)) < 0 || close(fd) < 0) {
		perror(path);
		exit(2);
	}
}

static void fake_selinuxfs(const char *class)
{
	char path[256];

	mkdir(FAKE, 0755);
	mkdir(FAKE "/context", 0755);
	mkdir(FAKE "/class", 0755);
	snprintf(path, sizeof(path), FAKE "/class/%s", class);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), FAKE "/class/%s/index", class);
	put(path, "6\n");
	snprintf(path, sizeof(path), FAKE "/class/%s/perms", class);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), FAKE "/class/%s/perms/write", class);
	put(path, "99\n");
	set_selinuxmnt(FAKE);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "getcon";
	const char *arg = argc > 2 ? argv[2] : "";
	long rc;

	if (!strcmp(mode, "getfilecon")) {
		char *con = NULL;

		rc = getfilecon_raw(arg, &con);
		freecon(con);
	} else if (!strcmp(mode, "check")) {
		rc = security_check_context(arg);
	} else if (!strcmp(mode, "checkfake")) {
		fake_selinuxfs("file");
		rc = security_check_context_raw(arg);
	} else if (!strcmp(mode, "class")) {
		fake_selinuxfs(arg);
		rc = string_to_security_class(arg);
	} else if (!strcmp(mode, "getcon")) {
		char *con = NULL;

		rc = getcon_raw(&con);
		freecon(con);
	} else if (!strcmp(mode, "backend")) {
		struct selabel_handle *h = selabel_open(atoi(arg), NULL, 0);

		rc = h ? 0 : -1;
		if (h)
			selabel_close(h);
	} else {
		return 2;
	}
	printf("%s: %ld (%s)\n", mode, rc, strerror(errno));
	return 0;
}
