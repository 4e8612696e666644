/* accuracy: `return filter(inner(x));` where filter only forwards its argument:
 * the value is the inner call's. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define SECTOR_SIZE 512

struct blkdev {
	const char *name;
	unsigned long nsectors;
	unsigned long bad_sector;
	int debug;
};

static int debug_level;

/* log the error when debugging and pass it on unchanged */
static int trace_err(int err)
{
	if (err < 0 && debug_level > 1)
		fprintf(stderr, "blkdev: error %d\n", err);
	return err;
}

static int read_sector(const struct blkdev *dev, unsigned long sector, void *buf)
{
	if (sector >= dev->nsectors)
		return -ENXIO;
	if (sector == dev->bad_sector)
		return -EIO;
	memset(buf, 0, SECTOR_SIZE);
	return SECTOR_SIZE;
}

int blkdev_read_block(const struct blkdev *dev, unsigned long block, void *buf)
{
	unsigned long sector;

	if (!dev || !buf)
		return -EINVAL;
	debug_level = dev->debug;
	sector = block * 8;
	if (sector / 8 != block)
		return -EOVERFLOW;
	return trace_err(read_sector(dev, sector, buf));
}

int main(void)
{
	static char buf[SECTOR_SIZE];
	struct blkdev dev = { "vdb", 4096, 80, 0 };

	printf("%d\n", blkdev_read_block(&dev, 10, buf));
	return 0;
}
