/* libassuan client scenarios: argv[1] selects one.  No server runs: the client end of a
 * socketpair is handed to assuan_socket_connect_fd() after the driver has written the
 * "server's" lines into the other end (the greeting "OK Pleased to meet you" and one
 * response), then assuan_transact() sends "GETINFO version" with no callbacks.
 *   err      - the response is "ERR 67108881 No secret key <GPG Agent>"
 *   inquire  - the response is "INQUIRE PINENTRY_LAUNCHED 1234" (then "ERR 83886179 Operation cancelled")
 *   bogus    - the response is "HELLO world", no Assuan response keyword
 *   badfd    - assuan_socket_connect_fd() on a descriptor of /dev/null opened write-only,
 *              so reading the greeting fails
 */
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
#include <assuan.h>

int main(int argc, char **argv)
{
  assuan_context_t ctx;
  gpg_error_t err;
  const char *what = argc > 1 ? argv[1] : "err";
  const char *reply;
  int sv[2];
  char buf[512];

  if (!assuan_check_version (NULL) || assuan_new (&ctx))
    return 2;
  if (!strcmp (what, "badfd"))
    {
      int fd = open ("/dev/null", O_WRONLY);
      if (fd < 0)
        return 2;
      err = assuan_socket_connect_fd (ctx, fd, 0);
      printf ("assuan_socket_connect_fd: %u (%s <%s>)\n", err, gpg_strerror (err),
              gpg_strsource (err));
      assuan_release (ctx);
      return 0;
    }
  if (!strcmp (what, "err"))
    reply = "ERR 67108881 No secret key <GPG Agent>\n";
  else if (!strcmp (what, "inquire"))
    reply = "INQUIRE PINENTRY_LAUNCHED 1234\nERR 83886179 Operation cancelled\n";
  else if (!strcmp (what, "bogus"))
    reply = "HELLO world\n";
  else
    {
      fprintf (stderr, "unknown scenario %s\n", what);
      return 2;
    }
  if (socketpair (AF_UNIX, SOCK_STREAM, 0, sv))
    return 2;
  snprintf (buf, sizeof buf, "OK Pleased to meet you\n%s", reply);
  if (write (sv[1], buf, strlen (buf)) != (ssize_t)strlen (buf))
    return 2;
  err = assuan_socket_connect_fd (ctx, sv[0], 0);
  if (err)
    {
      printf ("assuan_socket_connect_fd: %u (%s)\n", err, gpg_strerror (err));
      return 2;
    }
  err = assuan_transact (ctx, "GETINFO version", NULL, NULL, NULL, NULL, NULL, NULL);
  printf ("assuan_transact: %u (%s <%s>)\n", err, gpg_strerror (err), gpg_strsource (err));
  assuan_release (ctx);
  close (sv[1]);
  return 0;
}
