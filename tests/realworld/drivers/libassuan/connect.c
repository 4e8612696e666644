/* libassuan socket-connect scenarios: argv[1] selects one.  No server runs.
 *   relative  - assuan_socket_connect() on "S.gpg-agent" (no leading slash, no URL scheme)
 *   missing   - assuan_socket_connect() on /tmp/errtrail-libassuan-none/S.gpg-agent
 *               (the directory is removed first, so no socket file exists)
 *   redirect  - assuan_socket_connect() on /tmp/errtrail-libassuan-redirect, a regular file
 *               written afresh as a socket redirection whose "${" is never closed
 *   toolong   - assuan_sock_set_sockaddr_un() on a 124-byte name under /tmp/errtrail-libassuan-
 *               (longer than sun_path's 108 bytes; the file does not exist)
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <assuan.h>

int main(int argc, char **argv)
{
  assuan_context_t ctx;
  gpg_error_t err;
  const char *what = argc > 1 ? argv[1] : "relative";

  if (!assuan_check_version (NULL) || assuan_sock_init () || assuan_new (&ctx))
    return 2;
  if (!strcmp (what, "relative"))
    err = assuan_socket_connect (ctx, "S.gpg-agent", ASSUAN_INVALID_PID, 0);
  else if (!strcmp (what, "missing"))
    {
      const char *dir = "/tmp/errtrail-libassuan-none";
      unlink ("/tmp/errtrail-libassuan-none/S.gpg-agent");
      rmdir (dir);
      err = assuan_socket_connect (ctx, "/tmp/errtrail-libassuan-none/S.gpg-agent",
                                   ASSUAN_INVALID_PID, 0);
    }
  else if (!strcmp (what, "redirect"))
    {
      const char *path = "/tmp/errtrail-libassuan-redirect";
      FILE *fp = fopen (path, "w");
      if (!fp || fputs ("%Assuan%\nsocket=${HOME\n", fp) < 0 || fclose (fp))
        return 2;
      err = assuan_socket_connect (ctx, path, ASSUAN_INVALID_PID, 0);
    }
  else if (!strcmp (what, "toolong"))
    {
      char name[126];
      struct sockaddr_un addr;
      int redirected = -1, rc;
      snprintf (name, sizeof name, "/tmp/errtrail-libassuan-%0100d", 0);
      unlink (name);
      rc = assuan_sock_set_sockaddr_un (name, (struct sockaddr *)&addr, &redirected);
      printf ("assuan_sock_set_sockaddr_un(%zu bytes): %d (%m), redirected %d\n",
              strlen (name), rc, redirected);
      assuan_release (ctx);
      return 0;
    }
  else
    {
      fprintf (stderr, "unknown scenario %s\n", what);
      return 2;
    }
  printf ("assuan_socket_connect: %u (%s <%s>)\n", err, gpg_strerror (err), gpg_strsource (err));
  assuan_release (ctx);
  return 0;
}
