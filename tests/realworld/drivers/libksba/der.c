/* libksba DER builder: argv[1] selects the scenario.
 *   unclosed - a SEQUENCE is opened with ksba_der_add_tag() and given an INTEGER,
 *              but ksba_der_add_end() is never called before ksba_der_builder_get()
 */
#include <stdio.h>
#include <string.h>
#include <ksba.h>

int main(int argc, char **argv)
{
  ksba_der_t d;
  gpg_error_t err;
  unsigned char *der = NULL;
  size_t derlen = 0;
  const char *what = argc > 1 ? argv[1] : "unclosed";
  static const unsigned char one[] = { 0x01 };

  if (!ksba_check_version (NULL) || !(d = ksba_der_builder_new (0)))
    return 2;
  if (!strcmp (what, "unclosed"))
    {
      ksba_der_add_tag (d, KSBA_CLASS_UNIVERSAL, KSBA_TYPE_SEQUENCE);
      ksba_der_add_val (d, KSBA_CLASS_UNIVERSAL, KSBA_TYPE_INTEGER, one, sizeof one);
    }
  else
    {
      fprintf (stderr, "unknown scenario %s\n", what);
      return 2;
    }
  err = ksba_der_builder_get (d, &der, &derlen);
  printf ("der_builder_get: %u (%s), %zu\n", err, gpg_strerror (err), derlen);
  ksba_free (der);
  ksba_der_release (d);
  return 0;
}
