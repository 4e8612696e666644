/* Make a channel from a resolv.conf the driver writes, then change it.
 *
 *   channel sortlist TEXT   ares_set_sortlist(channel, TEXT)
 *   channel servers TEXT    ares_set_servers_csv(channel, TEXT)
 *   channel search TEXT     resolv.conf gets "search TEXT" (ares_init_options reads it)
 *
 * The file is /tmp/errtrail-libcares-channel/resolv.conf, written afresh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ares.h>

#define DIR "/tmp/errtrail-libcares-channel"
#define CONF DIR "/resolv.conf"

int main(int argc, char **argv)
{
  struct ares_options opts;
  ares_channel channel = NULL;
  FILE *f;
  int rc;

  if (argc != 3) {
    fprintf(stderr, "usage: channel sortlist|servers|search TEXT\n");
    return 2;
  }
  unsetenv("LOCALDOMAIN");
  unsetenv("RES_OPTIONS");
  mkdir(DIR, 0755);
  f = fopen(CONF, "w");
  if (!f) {
    perror(CONF);
    return 2;
  }
  fprintf(f, "nameserver 127.0.0.1\n");
  if (!strcmp(argv[1], "search"))
    fprintf(f, "search %s\n", argv[2]);
  fclose(f);

  ares_library_init(ARES_LIB_INIT_ALL);
  memset(&opts, 0, sizeof(opts));
  opts.resolvconf_path = CONF;
  rc = ares_init_options(&channel, &opts, ARES_OPT_RESOLVCONF);
  printf("ares_init_options: %d (%s)\n", rc, ares_strerror(rc));
  if (rc != ARES_SUCCESS)
    return 1;

  if (!strcmp(argv[1], "sortlist"))
    rc = ares_set_sortlist(channel, argv[2]);
  else if (!strcmp(argv[1], "servers"))
    rc = ares_set_servers_csv(channel, argv[2]);
  else {
    struct ares_options got;
    int mask;
    rc = ares_save_options(channel, &got, &mask);
    if (rc == ARES_SUCCESS) {
      printf("%d search domain(s)\n", got.ndomains);
      ares_destroy_options(&got);
    }
  }
  printf("%s %s: %d (%s)\n", argv[1], argv[2], rc, ares_strerror(rc));
  ares_destroy(channel);
  ares_library_cleanup();
  return rc == ARES_SUCCESS ? 0 : 1;
}
