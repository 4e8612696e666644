/* libksba reader scenarios: argv[1] selects one.
 *   fd-dir       - a reader on a file descriptor of a directory (/tmp/errtrail-libksba-dir)
 *   file-empty   - a reader on a stdio stream of an empty file
 *                  (/tmp/errtrail-libksba-empty, written afresh)
 */
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <ksba.h>

int main(int argc, char **argv)
{
  ksba_reader_t reader;
  gpg_error_t err;
  char buf[64];
  size_t nread = 0;
  const char *what = argc > 1 ? argv[1] : "fd-dir";
  FILE *fp = NULL;
  int fd = -1;

  if (!ksba_check_version (NULL) || ksba_reader_new (&reader))
    return 2;
  if (!strcmp (what, "fd-dir"))
    {
      const char *dir = "/tmp/errtrail-libksba-dir";
      mkdir (dir, 0700);
      fd = open (dir, O_RDONLY);
      if (fd < 0 || ksba_reader_set_fd (reader, fd))
        return 2;
    }
  else if (!strcmp (what, "file-empty"))
    {
      const char *path = "/tmp/errtrail-libksba-empty";
      fp = fopen (path, "w");
      if (!fp || fclose (fp))
        return 2;
      fp = fopen (path, "r");
      if (!fp || ksba_reader_set_file (reader, fp))
        return 2;
    }
  else
    {
      fprintf (stderr, "unknown scenario %s\n", what);
      return 2;
    }
  err = ksba_reader_read (reader, buf, sizeof buf, &nread);
  printf ("reader_read: %u (%s), %zu bytes, reader_error %u\n",
          err, gpg_strerror (err), nread, ksba_reader_error (reader));
  ksba_reader_release (reader);
  if (fp)
    fclose (fp);
  if (fd >= 0)
    close (fd);
  return 0;
}
