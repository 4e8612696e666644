/* realworld corpus driver: libseccomp filter building with bad input.
 *   filter init ACTION        seccomp_init(ACTION) (ACTION in hex, not a valid action)
 *   filter ruleaction ACTION  seccomp_rule_add(ctx, ACTION, read, 1, A0 == 0)
 *   filter duparg             seccomp_rule_add(ctx, ERRNO(1), read, 2, A0 == 0, A0 == 1)
 *   filter arch ARCH NR       seccomp_arch_add(ctx, ARCH), then seccomp_rule_add(ctx, ERRNO(1), NR, 0)
 *   filter exportbpf FD       with SCMP_FLTATR_API_SYSRAWRC set, seccomp_export_bpf(ctx, FD)
 * No filter is ever loaded into the kernel.
 */
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	scmp_filter_ctx ctx;

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "init") && argc > 2) {
		ctx = seccomp_init((uint32_t) strtoul(argv[2], NULL, 16));
		printf("%p\n", (void *) ctx);
		return 0;
	}
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (ctx == NULL)
		return 2;
	if (!strcmp(argv[1], "ruleaction") && argc > 2) {
		printf("%d\n", seccomp_rule_add(ctx, (uint32_t) strtoul(argv[2], NULL, 16),
						SCMP_SYS(read), 1, SCMP_A0(SCMP_CMP_EQ, 0)));
	} else if (!strcmp(argv[1], "duparg")) {
		printf("%d\n", seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1), SCMP_SYS(read), 2,
						SCMP_A0(SCMP_CMP_EQ, 0), SCMP_A0(SCMP_CMP_EQ, 1)));
	} else if (!strcmp(argv[1], "arch") && argc > 3) {
		if (seccomp_arch_add(ctx, seccomp_arch_resolve_name(argv[2])))
			return 2;
		printf("%d\n", seccomp_rule_add(ctx, SCMP_ACT_ERRNO(1), atoi(argv[3]), 0));
	} else if (!strcmp(argv[1], "exportbpf") && argc > 2) {
		if (seccomp_attr_set(ctx, SCMP_FLTATR_API_SYSRAWRC, 1))
			return 2;
		printf("%d\n", seccomp_export_bpf(ctx, atoi(argv[2])));
	} else {
		return 2;
	}
	seccomp_release(ctx);
	return 0;
}
