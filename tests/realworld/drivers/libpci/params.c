/* libpci access parameters and methods (lspci -O / -A):
 *   set NAME VALUE   pci_set_param()
 *   get NAME         pci_get_param()
 *   method NAME      pci_lookup_method() */
#include <stdio.h>
#include <string.h>
#include "lib/pci.h"

int main(int argc, char **argv)
{
  struct pci_access *a;
  int rc = 0;

  if (argc < 3)
    return 2;
  if (!strcmp(argv[1], "method"))
    {
      int m = pci_lookup_method(argv[2]);
      printf("method %s: %d\n", argv[2], m);
      return m < 0;
    }
  a = pci_alloc();
  if (!strcmp(argv[1], "set") && argc > 3)
    {
      int r = pci_set_param(a, argv[2], argv[3]);
      printf("set %s=%s: %d\n", argv[2], argv[3], r);
      rc = r != 0;
    }
  else if (!strcmp(argv[1], "get"))
    {
      char *v = pci_get_param(a, argv[2]);
      printf("get %s: %s\n", argv[2], v ? v : "(null)");
      rc = v == NULL;
    }
  else
    rc = 2;
  pci_cleanup(a);
  return rc;
}
