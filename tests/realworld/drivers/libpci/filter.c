/* libpci filter parsing (lspci -s / -d): argv[1] = "slot" or "id", argv[2] = the expression. */
#include <stdio.h>
#include <string.h>
#include "lib/pci.h"

int main(int argc, char **argv)
{
  struct pci_filter f;
  char *err;

  if (argc < 3)
    return 2;
  pci_filter_init(NULL, &f);
  if (!strcmp(argv[1], "slot"))
    err = pci_filter_parse_slot(&f, argv[2]);
  else if (!strcmp(argv[1], "id"))
    err = pci_filter_parse_id(&f, argv[2]);
  else
    return 2;
  printf("%s %s: %s\n", argv[1], argv[2], err ? err : "ok");
  return err ? 1 : 0;
}
