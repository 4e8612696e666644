/* realworld corpus driver: libnvme's device-level calls (linux.c, ioctl.c) on files that are
 * not NVMe devices. Every mode that needs a file descriptor opens /tmp/errtrail-libnvme-dev,
 * which it writes afresh (8 KiB of zeros): a regular file, where an NVMe character device was
 * expected, so NVMe ioctls fail with ENOTTY.
 *
 * dev open NAME          nvme_open(NAME) (opens /dev/NAME; NAME must look like nvme<N>[n<M>])
 * dev fw SIZE XFER       nvme_fw_download_seq(fd, SIZE, XFER, 0, buf)
 * dev nsid               nvme_get_nsid(fd, &nsid)
 * dev reset              nvme_ctrl_reset(fd)
 * dev logpage LEN XFER   nvme_get_log_page(fd, XFER, args) for the SMART log, LEN bytes
 * dev getlog ARGSIZE     nvme_get_log(args) with args.args_size = ARGSIZE
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <libnvme.h>

#define DEVFILE "/tmp/errtrail-libnvme-dev"

static int open_devfile(void)
{
	static char zeros[8192];
	int fd = open(DEVFILE, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, zeros, sizeof(zeros)) != sizeof(zeros)) {
		perror(DEVFILE);
		exit(2);
	}
	return fd;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	static unsigned char buf[16384];
	int rc;

	if (!strcmp(mode, "open") && argc > 2) {
		rc = nvme_open(argv[2]);
		printf("nvme_open(%s): %d (%s)\n", argv[2], rc, strerror(errno));
	} else if (!strcmp(mode, "fw") && argc > 3) {
		int fd = open_devfile();
		__u32 size = strtoul(argv[2], NULL, 0), xfer = strtoul(argv[3], NULL, 0);

		if (size > sizeof(buf))
			size = sizeof(buf);
		rc = nvme_fw_download_seq(fd, size, xfer, 0, buf);
		printf("nvme_fw_download_seq: %d (%s)\n", rc, strerror(errno));
	} else if (!strcmp(mode, "nsid")) {
		int fd = open_devfile();
		__u32 nsid = 0;

		rc = nvme_get_nsid(fd, &nsid);
		printf("nvme_get_nsid: %d nsid %u (%s)\n", rc, nsid, strerror(errno));
	} else if (!strcmp(mode, "reset")) {
		int fd = open_devfile();

		rc = nvme_ctrl_reset(fd);
		printf("nvme_ctrl_reset: %d (%s)\n", rc, strerror(errno));
	} else if ((!strcmp(mode, "logpage") && argc > 3) || (!strcmp(mode, "getlog") && argc > 2)) {
		int fd = open_devfile();
		struct nvme_get_log_args args = {
			.args_size = sizeof(args),
			.fd = fd,
			.timeout = NVME_DEFAULT_IOCTL_TIMEOUT,
			.lid = NVME_LOG_LID_SMART,
			.len = sizeof(struct nvme_smart_log),
			.log = buf,
			.nsid = NVME_NSID_ALL,
			.csi = NVME_CSI_NVM,
			.lsi = NVME_LOG_LSI_NONE,
			.lsp = NVME_LOG_LSP_NONE,
			.uuidx = NVME_UUID_NONE,
		};

		if (!strcmp(mode, "logpage")) {
			args.len = strtoul(argv[2], NULL, 0);
			if (args.len > sizeof(buf))
				args.len = sizeof(buf);
			rc = nvme_get_log_page(fd, strtoul(argv[3], NULL, 0), &args);
			printf("nvme_get_log_page: %d (%s)\n", rc, strerror(errno));
		} else {
			args.args_size = atoi(argv[2]);
			rc = nvme_get_log(&args);
			printf("nvme_get_log: %d (%s)\n", rc, strerror(errno));
		}
	} else {
		fprintf(stderr, "usage: dev open NAME | fw SIZE XFER | nsid | reset | logpage LEN XFER | getlog ARGSIZE\n");
		return 2;
	}
	return 0;
}
