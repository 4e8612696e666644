/* libpci ID-to-name lookups with a small pci.ids written under /tmp/errtrail-libpci-names:
 *   load missing     pci_load_name_list() on a file that does not exist
 *   load gzmissing   the same for a name ending in .gz (and its uncompressed sibling missing)
 *   load novendor    a pci.ids whose "S" (generic subsystem) block names an unknown vendor
 *   load dup         a pci.ids listing vendor 8086 twice
 *   lookup VENDOR    pci_lookup_name(PCI_LOOKUP_VENDOR | PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB)
 *                    with a pci.ids that only knows 8086 and a cache file that does not exist
 * The access is initialised with the dump method on an empty bus dump (lspci -F), which gives it
 * libpci's default error, warning and debug handlers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/pci.h"

#define DIR "/tmp/errtrail-libpci-names"

static void write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  if (!f)
    {
      perror(path);
      exit(2);
    }
  fputs(text, f);
  fclose(f);
}

int main(int argc, char **argv)
{
  struct pci_access *a;
  char path[256];

  if (argc < 3)
    return 2;
  mkdir(DIR, 0755);
  remove(DIR "/missing.ids");
  remove(DIR "/missing.ids.gz");
  remove(DIR "/nocache");
  a = pci_alloc();
  pci_set_param(a, "net.cache_name", DIR "/nocache");
  pci_set_param(a, "hwdb.disable", "1");
  write_file(DIR "/empty.dump", "");
  a->method = PCI_ACCESS_DUMP;
  pci_set_param(a, "dump.name", DIR "/empty.dump");
  pci_init(a);

  if (!strcmp(argv[1], "load"))
    {
      if (!strcmp(argv[2], "missing"))
	snprintf(path, sizeof(path), "%s", DIR "/missing.ids");
      else if (!strcmp(argv[2], "gzmissing"))
	snprintf(path, sizeof(path), "%s", DIR "/missing.ids.gz");
      else if (!strcmp(argv[2], "novendor"))
	{
	  snprintf(path, sizeof(path), "%s", DIR "/novendor.ids");
	  write_file(path, "# test list\n8086  Intel Corporation\n\t1237  440FX - 82441FX PMC [Natoma]\nS 1234\n\t0001  Some subsystem\n");
	}
      else if (!strcmp(argv[2], "dup"))
	{
	  snprintf(path, sizeof(path), "%s", DIR "/dup.ids");
	  write_file(path, "8086  Intel Corporation\n\t1237  440FX - 82441FX PMC [Natoma]\n8086  Intel again\n");
	}
      else
	return 2;
      pci_set_name_list_path(a, strdup(path), 1);
      int ok = pci_load_name_list(a);
      printf("load %s: %d\n", path, ok);
      pci_cleanup(a);
      return !ok;
    }
  else if (!strcmp(argv[1], "lookup"))
    {
      char buf[128];
      int vendor = (int) strtol(argv[2], NULL, 16);
      snprintf(path, sizeof(path), "%s", DIR "/small.ids");
      write_file(path, "8086  Intel Corporation\n");
      pci_set_name_list_path(a, strdup(path), 1);
      char *name = pci_lookup_name(a, buf, sizeof(buf),
				   PCI_LOOKUP_VENDOR | PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB, vendor);
      printf("vendor %04x: %s\n", vendor, name ? name : "(null)");
      pci_cleanup(a);
      return name == NULL;
    }
  return 2;
}
