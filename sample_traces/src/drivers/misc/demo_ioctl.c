// SPDX-License-Identifier: GPL-2.0
/*
 * demo_ioctl.c - a kernel-module-style ioctl handler written for errtrail's
 * samples (traced as module("demo_ioctl")). Not kernel code.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/uaccess.h>

#define DEMO_IOC_GET	0x8004d001
#define DEMO_IOC_SET	0x4004d002
#define DEMO_MAX_LEVEL	7

struct demo_dev {
	int level;
	int busy;
};

long demo_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct demo_dev *dev = filp->private_data;
	int __user *uarg = (int __user *)arg;
	int level;
	long ret = 0;

	if (dev->busy)
		return -EBUSY;

	switch (cmd) {
	case DEMO_IOC_GET:
		if (put_user(dev->level, uarg))
			ret = -EFAULT;
		break;
	case DEMO_IOC_SET:
		if (get_user(level, uarg)) {
			ret = -EFAULT;
			break;
		}
		if (level < 0 || level > DEMO_MAX_LEVEL) {
			ret = -EINVAL;
			break;
		}
		dev->level = level;
		break;
	default:
		ret = -ENOTTY;
	}
	return ret;
}
