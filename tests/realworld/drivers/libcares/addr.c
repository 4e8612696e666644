/* ares_inet_pton() on an address given as an argument.
 *
 *   addr 4|6 TEXT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/socket.h>
#include <ares.h>

int main(int argc, char **argv)
{
  unsigned char out[16];
  int af, rc;

  if (argc != 3) {
    fprintf(stderr, "usage: addr 4|6 TEXT\n");
    return 2;
  }
  af = atoi(argv[1]) == 6 ? AF_INET6 : AF_INET;
  errno = 0;
  rc = ares_inet_pton(af, argv[2], out);
  printf("ares_inet_pton(%s, %s) = %d (errno %d)\n", argv[1], argv[2], rc, errno);
  return rc == 1 ? 0 : 1;
}
