/* libipset's set types and set cache (types.c), with the built-in types
 * registered by ipset_load_types(). Modes:
 *   check TYPENAME REVISION  ipset_type_check(): a type as the kernel would
 *                            report it (family inet), e.g. a revision this
 *                            userspace does not know
 *   create TYPENAME          ipset_type_get(IPSET_CMD_CREATE) for a type name
 *   resolve TYPENAME         ipset_typename_resolve()
 *   swap FROM TO             ipset_cache_swap() on a cache holding "a" and "b"
 * No kernel is asked: the paths judged fail before any netlink message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libipset/session.h>
#include <libipset/data.h>
#include <libipset/types.h>
#include <libipset/nfproto.h>

int main(int argc, char **argv)
{
	struct ipset_session *session;
	struct ipset_data *data;
	const char *mode;
	uint8_t family = NFPROTO_IPV4;

	if (argc < 3) {
		fprintf(stderr, "usage: %s MODE ARGS...\n", argv[0]);
		return 2;
	}
	mode = argv[1];
	ipset_load_types();
	session = ipset_session_init(NULL, NULL);
	if (!session)
		return 2;
	data = ipset_session_data(session);

	if (!strcmp(mode, "check") && argc > 3) {
		uint8_t revision = (uint8_t)atoi(argv[3]);
		const struct ipset_type *t;

		ipset_data_set(data, IPSET_SETNAME, "blocklist");
		ipset_data_set(data, IPSET_OPT_TYPENAME, argv[2]);
		ipset_data_set(data, IPSET_OPT_FAMILY, &family);
		ipset_data_set(data, IPSET_OPT_REVISION, &revision);
		t = ipset_type_check(session);
		printf("check(%s, %u) = %p\n", argv[2], revision, (void *)t);
		if (!t)
			printf("report: %s", ipset_session_report_msg(session));
		ipset_session_fini(session);
		return t ? 0 : 1;
	} else if (!strcmp(mode, "create")) {
		const struct ipset_type *t;

		ipset_data_set(data, IPSET_SETNAME, "blocklist");
		ipset_data_set(data, IPSET_OPT_TYPENAME, argv[2]);
		t = ipset_type_get(session, IPSET_CMD_CREATE);
		printf("create(%s) = %p\n", argv[2], (void *)t);
		if (!t)
			printf("report: %s", ipset_session_report_msg(session));
		ipset_session_fini(session);
		return t ? 0 : 1;
	} else if (!strcmp(mode, "resolve")) {
		const char *name = ipset_typename_resolve(argv[2]);

		printf("resolve(%s) = %s\n", argv[2], name ? name : "(null)");
		ipset_session_fini(session);
		return name ? 0 : 1;
	} else if (!strcmp(mode, "swap") && argc > 3) {
		const struct ipset_type *hash_ip = NULL;
		const struct ipset_type *t;
		int ret;

		for (t = ipset_types(); t; t = t->next)
			if (!strcmp(t->name, "hash:ip")) {
				hash_ip = t;
				break;
			}
		if (!hash_ip)
			return 2;
		ipset_cache_add("a", hash_ip, NFPROTO_IPV4);
		ipset_cache_add("b", hash_ip, NFPROTO_IPV4);
		ret = ipset_cache_swap(argv[2], argv[3]);
		printf("swap(%s, %s) = %d\n", argv[2], argv[3], ret);
		ipset_session_fini(session);
		return ret < 0 ? 1 : 0;
	}
	fprintf(stderr, "unknown mode %s\n", mode);
	return 2;
}
