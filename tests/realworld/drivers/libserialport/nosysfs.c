/* libserialport driver: port enumeration and lookup on a system whose sysfs is
 * missing or no longer lists the device (a container without /sys, a USB adapter
 * unplugged after it was found).
 *
 *   nosysfs list                 sp_list_ports() with an empty /sys
 *   nosysfs copy NAME            sp_get_port_by_name(NAME) with the real /sys, then
 *                                sp_copy_port() of it once /sys is empty
 *
 * The driver runs as root: it enters a mount namespace of its own (unshare(CLONE_NEWNS),
 * every mount made private) and mounts an empty tmpfs over /sys there, which the rest
 * of the machine never sees.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <libserialport.h>

static void hide_sysfs(void)
{
	if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0
	    || mount("errtrail-nosysfs", "/sys", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=16k") != 0) {
		perror("hiding /sys");
		exit(2);
	}
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "list")) {
		struct sp_port **list = NULL;
		hide_sysfs();
		enum sp_return rc = sp_list_ports(&list);
		printf("sp_list_ports = %d (errno %d)\n", rc, sp_last_error_code());
		if (rc == SP_OK)
			sp_free_port_list(list);
		return rc == SP_OK ? 0 : 1;
	}
	if (argc >= 3 && !strcmp(argv[1], "copy")) {
		struct sp_port *port = NULL, *copy = NULL;
		enum sp_return rc = sp_get_port_by_name(argv[2], &port);
		printf("sp_get_port_by_name(%s) = %d\n", argv[2], rc);
		if (rc != SP_OK)
			return 2;
		hide_sysfs();
		rc = sp_copy_port(port, &copy);
		printf("sp_copy_port = %d\n", rc);
		sp_free_port(copy);
		sp_free_port(port);
		return rc == SP_OK ? 0 : 1;
	}
	fprintf(stderr, "usage: nosysfs list | nosysfs copy NAME\n");
	return 2;
}
