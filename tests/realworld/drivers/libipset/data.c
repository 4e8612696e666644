/* libipset's data blob (data.c): an address stored before the family is set.
 * argv[1]: "ip", "ip_to" or "ip2" (which address option); argv[2]: "none"
 * (no family set) or "inet". */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <libipset/data.h>
#include <libipset/nfproto.h>

int main(int argc, char **argv)
{
	struct ipset_data *data;
	enum ipset_opt opt;
	struct in_addr addr;
	int ret;

	if (argc < 3) {
		fprintf(stderr, "usage: %s ip|ip_to|ip2 none|inet\n", argv[0]);
		return 2;
	}
	if (!strcmp(argv[1], "ip"))
		opt = IPSET_OPT_IP;
	else if (!strcmp(argv[1], "ip_to"))
		opt = IPSET_OPT_IP_TO;
	else if (!strcmp(argv[1], "ip2"))
		opt = IPSET_OPT_IP2;
	else
		return 2;
	data = ipset_data_init();
	if (!data)
		return 2;
	if (!strcmp(argv[2], "inet")) {
		uint8_t family = NFPROTO_IPV4;

		ipset_data_set(data, IPSET_OPT_FAMILY, &family);
	}
	inet_pton(AF_INET, "192.0.2.1", &addr);
	ret = ipset_data_set(data, opt, &addr);
	printf("data_set(%s, family %s) = %d\n", argv[1], argv[2], ret);
	ipset_data_fini(data);
	return ret < 0 ? 1 : 0;
}
