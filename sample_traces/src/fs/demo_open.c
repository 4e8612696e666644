// SPDX-License-Identifier: GPL-2.0
/*
 * demo_open.c - a small kernel-style open path written for errtrail's samples.
 *
 * It is not kernel code: it only has the shape of a syscall implementation
 * (early returns, ERR_PTR pointers, goto cleanup labels) so that the sample
 * traces in ../../ have real line numbers to point at.
 */
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/fs.h>

struct demo_open_how {
	unsigned int flags;
	unsigned int mode;
};

static int demo_check_flags(const struct demo_open_how *how)
{
	if (how->flags & ~0x7ffu)
		return -EINVAL;
	return 0;
}

long demo_do_open(int dfd, const char __user *filename, struct demo_open_how *how)
{
	struct demo_name *name;
	struct file *f;
	int fd;
	int err;

	err = demo_check_flags(how);
	if (err)
		return err;

	name = demo_getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);

	fd = demo_get_unused_fd(how->flags);
	if (fd < 0) {
		err = fd;
		goto out_name;
	}

	f = demo_filp_open(dfd, name, how);
	if (IS_ERR(f)) {
		err = PTR_ERR(f);
		goto out_fd;
	}
	demo_fd_install(fd, f);
	demo_putname(name);
	return fd;

out_fd:
	demo_put_unused_fd(fd);
out_name:
	demo_putname(name);
	return err;
}
