/* accuracy: a chain of checks each `return -EINVAL;` and a final `return 0;`, which
 * gcc -O2 merges into one exit. */
#include <errno.h>
#include <stdio.h>

#define TMR_ONESHOT  0x1u
#define TMR_PERIODIC 0x2u
#define TMR_ABSOLUTE 0x4u
#define TMR_FLAGS    (TMR_ONESHOT | TMR_PERIODIC | TMR_ABSOLUTE)
#define TMR_MAX_NS   1000000000L

struct timer_spec {
	unsigned int flags;
	long value_ns;
	long interval_ns;
};

int timer_spec_check(const struct timer_spec *ts)
{
	if (ts->flags & ~TMR_FLAGS)
		return -EINVAL;
	if ((ts->flags & TMR_ONESHOT) && (ts->flags & TMR_PERIODIC))
		return -EINVAL;
	if (ts->value_ns < 0 || ts->value_ns >= TMR_MAX_NS)
		return -EINVAL;
	if (ts->interval_ns < 0 || ts->interval_ns >= TMR_MAX_NS)
		return -EINVAL;
	if ((ts->flags & TMR_PERIODIC) && ts->interval_ns == 0)
		return -EINVAL;
	return 0;
}

int main(void)
{
	struct timer_spec both = { TMR_ONESHOT | TMR_PERIODIC, 1000, 0 };
	struct timer_spec ok = { TMR_ONESHOT, 1000, 0 };
	struct timer_spec periodic = { TMR_PERIODIC, 5000, 0 };

	printf("%d\n", timer_spec_check(&both));
	printf("%d\n", timer_spec_check(&ok));
	printf("%d\n", timer_spec_check(&periodic));
	return 0;
}
