/* libmicrohttpd response objects with bad input: headers an application adds,
 * headers it removes, file responses at impossible offsets.
 * No daemon, no network.  argv[1] selects the scenario. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <microhttpd.h>

static struct MHD_Response *buffer_response(void)
{
  static char body[] = "hello\n";
  return MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_PERSISTENT);
}

static int temp_file(void)
{
  const char *path = "/tmp/errtrail-libmicrohttpd-body";
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || write(fd, "0123456789\n", 11) != 11) {
    perror(path);
    return -1;
  }
  return fd;
}

int main(int argc, char **argv)
{
  struct MHD_Response *r;
  const char *what = argc > 1 ? argv[1] : "";

  if (strcmp(what, "header") == 0 && argc > 3) {
    /* header NAME VALUE: add one header to a buffer response */
    r = buffer_response();
    printf("add %s: %d\n", argv[2], (int) MHD_add_response_header(r, argv[2], argv[3]));
    MHD_destroy_response(r);
  } else if (strcmp(what, "header-nl") == 0 && argc > 2) {
    /* header-nl NAME: a value with an embedded newline (header injection) */
    r = buffer_response();
    printf("add %s: %d\n", argv[2], (int) MHD_add_response_header(r, argv[2], "a\nInjected: 1"));
    MHD_destroy_response(r);
  } else if (strcmp(what, "conn-crlf") == 0) {
    /* "Connection: close\r\nX-Injected: 1" */
    r = buffer_response();
    printf("add Connection: %d\n",
           (int) MHD_add_response_header(r, "Connection", "close\r\nX-Injected: 1"));
    MHD_destroy_response(r);
  } else if (strcmp(what, "del") == 0 && argc > 5) {
    /* del ADDNAME ADDVALUE DELNAME DELVALUE: add one header, then delete another */
    r = buffer_response();
    printf("add %s: %d\n", argv[2], (int) MHD_add_response_header(r, argv[2], argv[3]));
    printf("del %s: %d\n", argv[4], (int) MHD_del_response_header(r, argv[4], argv[5]));
    MHD_destroy_response(r);
  } else if (strcmp(what, "fd-offset") == 0 && argc > 3) {
    /* fd-offset SIZE OFFSET: a file response starting at OFFSET */
    int fd = temp_file();
    uint64_t size = strtoull(argv[2], NULL, 0), off = strtoull(argv[3], NULL, 0);
    if (fd < 0)
      return 2;
    r = MHD_create_response_from_fd_at_offset64(size, fd, off);
    printf("response: %p\n", (void *) r);
    if (r)
      MHD_destroy_response(r);
    else
      close(fd);
  } else if (strcmp(what, "reason") == 0 && argc > 2) {
    unsigned code = (unsigned) strtoul(argv[2], NULL, 10);
    printf("reason %u: %zu \"%s\"\n", code, MHD_get_reason_phrase_len_for(code),
           MHD_get_reason_phrase_for(code));
  } else {
    fprintf(stderr, "usage: %s header|header-nl|conn-crlf|del|fd-offset|reason ...\n", argv[0]);
    return 2;
  }
  return 0;
}
