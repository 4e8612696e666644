/* realworld corpus driver: a GPT on an 8 MiB image file, changed in ways it cannot be.
 *
 * gpt MODE: the image /tmp/errtrail-fdisk-gpt.img is created afresh with a GPT and two
 * partitions (#1 at 2048 for 4096 sectors, #2 right after it for 4096), then: npart0
 * (fdisk_gpt_set_npartitions() to 0 entries), uuid (fdisk_set_partition() of #1 with
 * the UUID "not-a-uuid"), name (of #1 with the name "ok" followed by the 4-byte UTF-8
 * sequence of U+1F600, which GPT's UTF-16 names cannot hold), resize (of #1 with size
 * 12000 sectors, which partition #2 is in the way of), used (fdisk_add_partition()
 * asking for partition number 2, which is in use).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libfdisk.h>

static const char image[] = "/tmp/errtrail-fdisk-gpt.img";

static int add(struct fdisk_context *cxt, size_t partno, uint64_t start, uint64_t size)
{
	struct fdisk_partition *pa = fdisk_new_partition();
	int rc;

	if (!pa)
		return -1;
	fdisk_partition_set_partno(pa, partno);
	fdisk_partition_set_start(pa, start);
	fdisk_partition_set_size(pa, size);
	rc = fdisk_add_partition(cxt, pa, NULL);
	fdisk_unref_partition(pa);
	return rc;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "npart0";
	struct fdisk_context *cxt = fdisk_new_context();
	struct fdisk_partition *pa = fdisk_new_partition();
	int fd, rc;

	if (!cxt || !pa)
		return 2;
	fd = open(image, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || ftruncate(fd, 8 << 20) != 0 || close(fd) != 0) {
		perror(image);
		return 2;
	}
	if (fdisk_assign_device(cxt, image, 0) != 0 || fdisk_create_disklabel(cxt, "gpt") != 0
	    || add(cxt, 0, 2048, 4096) != 0 || add(cxt, 1, 6144, 4096) != 0) {
		fprintf(stderr, "cannot set up the GPT on %s\n", image);
		return 2;
	}
	if (strcmp(mode, "npart0") == 0)
		rc = fdisk_gpt_set_npartitions(cxt, 0);
	else if (strcmp(mode, "uuid") == 0) {
		fdisk_partition_set_uuid(pa, "not-a-uuid");
		rc = fdisk_set_partition(cxt, 0, pa);
	} else if (strcmp(mode, "name") == 0) {
		fdisk_partition_set_name(pa, "ok\xf0\x9f\x98\x80");
		rc = fdisk_set_partition(cxt, 0, pa);
	} else if (strcmp(mode, "resize") == 0) {
		fdisk_partition_set_size(pa, 12000);
		rc = fdisk_set_partition(cxt, 0, pa);
	} else if (strcmp(mode, "used") == 0)
		rc = add(cxt, 1, 12288, 1024);
	else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? strerror(-rc) : "ok");
	fdisk_unref_partition(pa);
	fdisk_deassign_device(cxt, 1);
	fdisk_unref_context(cxt);
	return 0;
}
