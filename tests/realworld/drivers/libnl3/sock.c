/* realworld corpus driver: libnl-3 sockets used wrongly.
 *   sock proto             nl_connect() with netlink protocol 99 (the kernel has 32 at most)
 *   sock inuse             nl_connect() of a second NETLINK_ROUTE socket given the local port
 *                          the first one holds
 *   sock simple            nl_send_simple() of a 2-page payload into a message of one page
 *                          (the socket is never connected: the append fails first)
 *   sock closed            nl_send_auto() on a connected socket whose fd the caller closed
 *                          behind libnl's back (sendmsg() fails with EBADF)
 *   sock genl              genl_ctrl_resolve(sk, "nlctrl") on a socket never connected
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/msg.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <linux/rtnetlink.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "proto";
	struct nl_sock *sk = nl_socket_alloc();
	int rc;

	if (!sk)
		return 2;
	if (!strcmp(mode, "proto")) {
		rc = nl_connect(sk, 99);
	} else if (!strcmp(mode, "inuse")) {
		struct nl_sock *first = nl_socket_alloc();

		if (!first || nl_connect(first, NETLINK_ROUTE) < 0)
			return 2;
		nl_socket_set_local_port(sk, nl_socket_get_local_port(first));
		rc = nl_connect(sk, NETLINK_ROUTE);
		nl_socket_free(first);
	} else if (!strcmp(mode, "simple")) {
		static char payload[8192];

		rc = nl_send_simple(sk, RTM_GETLINK, NLM_F_DUMP, payload, sizeof(payload));
	} else if (!strcmp(mode, "closed")) {
		struct nl_msg *msg;

		if (nl_connect(sk, NETLINK_ROUTE) < 0)
			return 2;
		msg = nlmsg_alloc_simple(RTM_GETLINK, NLM_F_DUMP);
		if (!msg)
			return 2;
		close(nl_socket_get_fd(sk));
		rc = nl_send_auto(sk, msg);
		nlmsg_free(msg);
	} else if (!strcmp(mode, "genl")) {
		rc = genl_ctrl_resolve(sk, "nlctrl");
	} else {
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, nl_geterror(rc));
	nl_socket_free(sk);
	return 0;
}
