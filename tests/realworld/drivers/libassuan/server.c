/* libassuan pipe-server scenarios: argv[1] selects one.  The server reads its commands from
 * a pipe the driver fills and closes first, and writes its replies to /dev/null; no client
 * runs.  INPUT is registered with its standard handler (assuan_register_command with a NULL
 * handler), then assuan_accept() and assuan_process() run.
 *   input-number - the command is "INPUT FD=abc"
 *   input-file   - the command is "INPUT FILE=/etc/passwd"
 *   toolong      - the command line is 1100 'A's and a newline (ASSUAN_LINELENGTH is 1002)
 */
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <assuan.h>

int main(int argc, char **argv)
{
  assuan_context_t ctx;
  gpg_error_t err;
  const char *what = argc > 1 ? argv[1] : "input-number";
  char line[1200];
  int in[2];
  assuan_fd_t fds[2];

  if (!strcmp (what, "input-number"))
    strcpy (line, "INPUT FD=abc\n");
  else if (!strcmp (what, "input-file"))
    strcpy (line, "INPUT FILE=/etc/passwd\n");
  else if (!strcmp (what, "toolong"))
    {
      memset (line, 'A', 1100);
      strcpy (line + 1100, "\n");
    }
  else
    {
      fprintf (stderr, "unknown scenario %s\n", what);
      return 2;
    }
  if (!assuan_check_version (NULL) || assuan_new (&ctx) || pipe (in))
    return 2;
  if (write (in[1], line, strlen (line)) != (ssize_t)strlen (line) || close (in[1]))
    return 2;
  fds[0] = in[0];
  fds[1] = open ("/dev/null", O_WRONLY);
  if (fds[1] < 0)
    return 2;
  err = assuan_init_pipe_server (ctx, fds);
  if (!err)
    err = assuan_register_command (ctx, "INPUT", NULL, NULL);
  if (!err)
    err = assuan_accept (ctx);
  if (err)
    {
      printf ("setup: %u (%s)\n", err, gpg_strerror (err));
      return 2;
    }
  err = assuan_process (ctx);
  printf ("assuan_process: %u (%s <%s>), input fd %d\n", err, gpg_strerror (err),
          gpg_strsource (err), assuan_get_input_fd (ctx));
  assuan_release (ctx);
  return 0;
}
