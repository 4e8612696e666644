/* libksba string conversions: argv[1] selects the API, argv[2] is its input.
 *   oid STRING      - ksba_oid_from_str()
 *   version STRING  - ksba_check_version()
 *   module NAME     - ksba_asn_create_tree() for the ASN.1 module NAME
 */
#include <stdio.h>
#include <string.h>
#include <ksba.h>

int main(int argc, char **argv)
{
  gpg_error_t err;
  unsigned char *der = NULL;
  size_t derlen = 0;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s oid|version|module STRING\n", argv[0]);
      return 2;
    }
  if (!strcmp (argv[1], "oid"))
    {
      err = ksba_oid_from_str (argv[2], &der, &derlen);
      printf ("oid_from_str(%s): %u (%s), %zu bytes\n", argv[2], err, gpg_strerror (err), derlen);
    }
  else if (!strcmp (argv[1], "version"))
    {
      const char *v = ksba_check_version (argv[2]);
      printf ("check_version(%s): %s\n", argv[2], v ? v : "NULL");
    }
  else if (!strcmp (argv[1], "module"))
    {
      ksba_asn_tree_t tree = NULL;

      err = ksba_asn_create_tree (argv[2], &tree);
      printf ("asn_create_tree(%s): %u (%s)\n", argv[2], err, gpg_strerror (err));
      ksba_asn_tree_release (tree);
    }
  else
    {
      fprintf (stderr, "unknown api %s\n", argv[1]);
      return 2;
    }
  ksba_free (der);
  return 0;
}
