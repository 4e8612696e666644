/* realworld corpus driver: libuv address conversions with bad input.
 *   inet ip4 ADDR      uv_ip4_addr(ADDR, 80, ...)
 *   inet pton4 ADDR    uv_inet_pton(AF_INET, ADDR, ...)
 *   inet ntop4 SIZE    uv_inet_ntop(AF_INET, 192.168.100.200, buf, SIZE)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

int main(int argc, char **argv)
{
	struct sockaddr_in sin;
	unsigned char raw[16];
	char buf[64];

	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "ip4")) {
		printf("%d\n", uv_ip4_addr(argv[2], 80, &sin));
	} else if (!strcmp(argv[1], "pton4")) {
		printf("%d\n", uv_inet_pton(AF_INET, argv[2], raw));
	} else if (!strcmp(argv[1], "ntop4")) {
		unsigned char addr[4] = {192, 168, 100, 200};
		printf("%d\n", uv_inet_ntop(AF_INET, addr, buf, (size_t) atoi(argv[2])));
	} else {
		return 2;
	}
	return 0;
}
