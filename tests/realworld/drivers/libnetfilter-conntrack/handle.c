/* realworld corpus driver: libnetfilter_conntrack handles over one nfnetlink handle.
 * Opens one NETLINK_NETFILTER socket (nfnl_open(); root is not needed, nothing is sent
 * to the kernel and no group is joined).
 *
 *   busy   nfct_open_nfnl() for NFNL_SUBSYS_CTNETLINK_EXP, then nfct_open_nfnl() for
 *          NFNL_SUBSYS_NONE (both subsystems) on the same nfnetlink handle
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libnfnetlink/libnfnetlink.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";
	struct nfnl_handle *nfnlh;
	struct nfct_handle *exp, *both;

	if (strcmp(op, "busy") != 0) {
		fprintf(stderr, "unknown scenario %s\n", op);
		return 2;
	}
	nfnlh = nfnl_open();
	if (!nfnlh) {
		perror("nfnl_open");
		return 2;
	}
	exp = nfct_open_nfnl(nfnlh, NFNL_SUBSYS_CTNETLINK_EXP, 0);
	printf("nfct_open_nfnl(EXP): %p\n", (void *)exp);
	errno = 0;
	both = nfct_open_nfnl(nfnlh, NFNL_SUBSYS_NONE, 0);
	printf("nfct_open_nfnl(NONE): %p (%s)\n", (void *)both, strerror(errno));
	nfnl_close(nfnlh);
	return both == NULL;
}
