/* Build DNS queries for a name given as an argument.
 *
 *   query create NAME   ares_create_query(NAME, IN, A, ..., max_udp_size 0)
 *   query mk NAME       ares_mkquery(NAME, IN, A, ...)
 */
#include <stdio.h>
#include <string.h>
#include <ares.h>

#define CLASS_IN 1  /* C_IN */
#define TYPE_A 1    /* T_A */

int main(int argc, char **argv)
{
  unsigned char *q = NULL;
  int qlen = 0, rc;

  if (argc != 3) {
    fprintf(stderr, "usage: query create|mk NAME\n");
    return 2;
  }
  ares_library_init(ARES_LIB_INIT_ALL);
  if (!strcmp(argv[1], "create"))
    rc = ares_create_query(argv[2], CLASS_IN, TYPE_A, 0x1234, 1, &q, &qlen, 0);
  else
    rc = ares_mkquery(argv[2], CLASS_IN, TYPE_A, 0x1234, 1, &q, &qlen);
  printf("%s %s: %d (%s), %d bytes\n", argv[1], argv[2], rc, ares_strerror(rc), qlen);
  if (q)
    ares_free_string(q);
  ares_library_cleanup();
  return rc == ARES_SUCCESS ? 0 : 1;
}
