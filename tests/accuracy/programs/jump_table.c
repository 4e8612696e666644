/* accuracy: a dense `switch (cmd)` whose cases return different values (gcc -O2
 * turns it into a table lookup: only the switch line is traced). */
#include <errno.h>
#include <stdio.h>

/* admin commands of a storage controller */
enum fw_cmd {
	FW_CMD_IDENTIFY = 1,
	FW_CMD_GET_LOG,
	FW_CMD_GET_FEATURE,
	FW_CMD_SET_FEATURE,
	FW_CMD_FORMAT,
	FW_CMD_DOWNLOAD,
	FW_CMD_COMMIT,
	FW_CMD_SANITIZE,
	FW_CMD_SELF_TEST,
};

/* may a read-only handle issue cmd? 0 if so, else why not */
int fw_cmd_permitted(unsigned int cmd)
{
	switch (cmd) {
	case FW_CMD_IDENTIFY:
		return 0;
	case FW_CMD_GET_LOG:
		return 0;
	case FW_CMD_GET_FEATURE:
		return 0;
	case FW_CMD_SET_FEATURE:
		return -EPERM;
	case FW_CMD_FORMAT:
		return -EACCES;
	case FW_CMD_DOWNLOAD:
		return -EROFS;
	case FW_CMD_COMMIT:
		return -EBUSY;
	case FW_CMD_SANITIZE:
		return -EOPNOTSUPP;
	case FW_CMD_SELF_TEST:
		return -EAGAIN;
	default:
		return -ENOTTY;
	}
}

int main(void)
{
	printf("%d\n", fw_cmd_permitted(FW_CMD_GET_LOG));
	printf("%d\n", fw_cmd_permitted(FW_CMD_DOWNLOAD));
	printf("%d\n", fw_cmd_permitted(0x42));
	return 0;
}
