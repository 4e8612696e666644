/* libpci config-space reads through the dump and sysfs access methods, on files under /tmp:
 *   dump short       a bus dump (lspci -F) holding 8 bytes of 00:01.0's config space; read 64
 *   sysfs noconfig   sysfs.path pointing at a tree whose 0000:00:01.0 has no config file */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lib/pci.h"

int main(int argc, char **argv)
{
  struct pci_access *a;
  struct pci_dev *d;
  u8 buf[64];
  int ok;

  if (argc < 3)
    return 2;
  a = pci_alloc();
  if (!strcmp(argv[1], "dump") && !strcmp(argv[2], "short"))
    {
      const char *name = "/tmp/errtrail-libpci-dump.txt";
      FILE *f = fopen(name, "w");
      if (!f)
	return 2;
      fputs("00:01.0 Host bridge: Intel Corporation 440FX - 82441FX PMC [Natoma]\n"
	    "00: 86 80 37 12 07 00 00 00\n\n", f);
      fclose(f);
      a->method = PCI_ACCESS_DUMP;
      pci_set_param(a, "dump.name", (char *) name);
      pci_init(a);
      pci_scan_bus(a);
      d = a->devices;
      if (!d)
	return 2;
    }
  else if (!strcmp(argv[1], "sysfs") && !strcmp(argv[2], "noconfig"))
    {
      mkdir("/tmp/errtrail-libpci-sysfs", 0755);
      mkdir("/tmp/errtrail-libpci-sysfs/devices", 0755);
      mkdir("/tmp/errtrail-libpci-sysfs/devices/0000:00:01.0", 0755);
      remove("/tmp/errtrail-libpci-sysfs/devices/0000:00:01.0/config");
      a->method = PCI_ACCESS_SYS_BUS_PCI;
      pci_set_param(a, "sysfs.path", "/tmp/errtrail-libpci-sysfs");
      pci_init(a);
      d = pci_get_dev(a, 0, 0, 1, 0);
    }
  else
    return 2;
  memset(buf, 0, sizeof(buf));
  ok = pci_read_block(d, 0, buf, sizeof(buf));
  printf("%s %s: read_block(0, %zu) = %d\n", argv[1], argv[2], sizeof(buf), ok);
  if (d != a->devices)
    pci_free_dev(d);
  pci_cleanup(a);
  return !ok;
}
