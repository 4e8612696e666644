/* accuracy: several checks `goto einval;` to one `return -EINVAL;` at the end: the
 * goto of the check that failed. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>

#define SB_MAGIC 0xef53u

struct super_block {
	uint16_t magic;
	uint32_t log_block_size;
	uint32_t blocks_count;
	uint32_t first_data_block;
	uint32_t inodes_per_group;
	uint32_t inode_size;
};

int sb_check(const struct super_block *sb)
{
	uint32_t block_size;

	if (sb->magic != SB_MAGIC)
		goto einval;
	if (sb->log_block_size > 6)
		goto einval;
	block_size = 1024u << sb->log_block_size;
	if (sb->blocks_count == 0)
		goto einval;
	if (sb->first_data_block >= sb->blocks_count)
		goto einval;
	if (sb->inode_size < 128 || sb->inode_size > block_size)
		goto einval;
	if (sb->inode_size & (sb->inode_size - 1))
		goto einval;
	if (sb->inodes_per_group == 0)
		goto einval;
	return 0;

einval:
	return -EINVAL;
}

int main(void)
{
	struct super_block sb = { SB_MAGIC, 2, 8192, 0, 2048, 6144 };

	printf("%d\n", sb_check(&sb));
	return 0;
}
