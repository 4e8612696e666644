// SPDX-License-Identifier: GPL-2.0
/*
 * demo_sched.c - a kernel-style attribute setter with many locals, written for
 * errtrail's samples: its $$vars$ lines are longer than MAXSTRINGLEN, so stap
 * cuts them. Not kernel code.
 */
#include <linux/errno.h>
#include <linux/uaccess.h>

struct demo_sched_attr {
	unsigned int size;
	unsigned int policy;
	unsigned long long flags;
	int nice;
	unsigned int priority;
	unsigned long long runtime;
	unsigned long long deadline;
	unsigned long long period;
	unsigned int util_min;
	unsigned int util_max;
	int cpus[4];
	char name[16];
};

int demo_sched_setattr(int pid, struct demo_sched_attr __user *uattr, unsigned int flags)
{
	struct demo_sched_attr attr;
	struct demo_sched_attr old;
	unsigned long long budget;
	char mode;
	int retval;

	if (!uattr || pid < 0 || flags)
		return -EINVAL;

	retval = demo_copy_attr(uattr, &attr);
	if (retval)
		return retval;
	demo_get_attr(pid, &old);

	mode = attr.policy == 6 ? 'd' : 'n';
	budget = attr.runtime;
	if (mode == 'd' && budget > attr.deadline)
		return -EINVAL;
	if (attr.deadline > attr.period)
		return -EINVAL;

	return demo_apply_attr(pid, &attr);
}
