/* realworld corpus driver: libcap-ng calls that fail, also for root.
 *   capng getfd PATH           capng_get_caps_fd() of PATH created afresh (no
 *                              security.capability xattr)
 *   capng getproc              capng_get_caps_process() after capng_setpid() of a
 *                              child that has exited and been reaped
 *   capng updatev CAP...       capng_get_caps_process(), then capng_updatev(CAPNG_ADD,
 *                              CAPNG_EFFECTIVE, CAP..., -1) (up to 4 numbers)
 *   capng ambient INH AMB...   capng_get_caps_process(), CAP INH added to the
 *                              inheritable set, each AMB to the ambient set, then
 *                              capng_apply(CAPNG_SELECT_CAPS | CAPNG_SELECT_AMBIENT)
 *   capng changeid UID GID     capng_get_caps_process(), then capng_change_id(UID, GID,
 *                              CAPNG_INIT_SUPP_GRP)
 * Only the process itself (its gid, its capability sets) and the files getfd creates
 * are changed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cap-ng.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "getfd") && argc > 2) {
		int fd;

		unlink(argv[2]);
		fd = open(argv[2], O_RDWR | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			return 2;
		printf("%d\n", capng_get_caps_fd(fd));
		close(fd);
	} else if (!strcmp(argv[1], "getproc")) {
		pid_t pid = fork();

		if (pid < 0)
			return 2;
		if (pid == 0)
			_exit(0);
		if (waitpid(pid, NULL, 0) != pid)
			return 2;
		capng_setpid(pid);
		printf("%d\n", capng_get_caps_process());
	} else if (!strcmp(argv[1], "updatev")) {
		unsigned int c[4] = { -1, -1, -1, -1 };
		int i;

		for (i = 0; i < 4 && i + 2 < argc; i++)
			c[i] = strtoul(argv[i + 2], NULL, 0);
		if (capng_get_caps_process())
			return 2;
		printf("%d\n", capng_updatev(CAPNG_ADD, CAPNG_EFFECTIVE, c[0], c[1], c[2], c[3],
					     (unsigned int)-1));
	} else if (!strcmp(argv[1], "ambient") && argc > 3) {
		int i;

		if (capng_get_caps_process())
			return 2;
		if (capng_update(CAPNG_ADD, CAPNG_INHERITABLE, atoi(argv[2])))
			return 2;
		for (i = 3; i < argc; i++)
			if (capng_update(CAPNG_ADD, CAPNG_AMBIENT, atoi(argv[i])))
				return 2;
		printf("%d\n", capng_apply(CAPNG_SELECT_CAPS | CAPNG_SELECT_AMBIENT));
	} else if (!strcmp(argv[1], "changeid") && argc > 3) {
		if (capng_get_caps_process())
			return 2;
		printf("%d\n", capng_change_id(atoi(argv[2]), atoi(argv[3]), CAPNG_INIT_SUPP_GRP));
	} else {
		return 2;
	}
	return 0;
}
