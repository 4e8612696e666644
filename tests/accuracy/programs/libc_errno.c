/* accuracy: -errno after a failing libc call: `fd = open(...); if (fd < 0) { err =
 * -errno; goto out; }`, and a read() inside the condition (`if (read(...) != n)
 * return -errno;`). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#define FW_MAGIC 0x46575631u

struct fw_header {
	uint32_t magic;
	uint32_t version;
	uint32_t size;
};

int fw_read_header(int fd, struct fw_header *hdr)
{
	if (read(fd, hdr, sizeof(*hdr)) != sizeof(*hdr))
		return -errno;
	if (hdr->magic != FW_MAGIC)
		return -ENOEXEC;
	if (hdr->size == 0)
		return -ENODATA;
	return 0;
}

int fw_load(const char *path, struct fw_header *hdr)
{
	int fd, err;

	if (!path || !hdr)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	err = fw_read_header(fd, hdr);
	close(fd);
out:
	if (err)
		fprintf(stderr, "fw: cannot load %s: %d\n", path, err);
	return err;
}

int main(void)
{
	struct fw_header hdr;
	int fd;

	printf("%d\n", fw_load("/lib/firmware/errtrail-missing.bin", &hdr));
	/* a directory opens but cannot be read: EISDIR */
	fd = open("/", O_RDONLY | O_DIRECTORY);
	printf("%d\n", fw_read_header(fd, &hdr));
	close(fd);
	return 0;
}
