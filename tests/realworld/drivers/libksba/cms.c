/* libksba CMS parsing: argv[1] is the input in hex; ksba_cms_parse() reads
 * it from a memory reader and the driver reports where the first stage stopped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ksba.h>

int main(int argc, char **argv)
{
  ksba_cms_t cms;
  ksba_reader_t reader;
  ksba_stop_reason_t stop;
  gpg_error_t err;
  unsigned char buf[256];
  size_t len = 0;
  const char *hex = argc > 1 ? argv[1] : "30";

  for (; hex[0] && hex[1] && len < sizeof buf; hex += 2)
    {
      unsigned int b;
      if (sscanf (hex, "%2x", &b) != 1)
        return 2;
      buf[len++] = b;
    }
  if (!ksba_check_version (NULL) || ksba_reader_new (&reader)
      || ksba_reader_set_mem (reader, buf, len)
      || ksba_cms_new (&cms) || ksba_cms_set_reader_writer (cms, reader, NULL))
    return 2;
  err = ksba_cms_parse (cms, &stop);
  printf ("cms_parse(%zu bytes): %u (%s), stop reason %d\n", len, err, gpg_strerror (err), (int)stop);
  ksba_cms_release (cms);
  ksba_reader_release (reader);
  return 0;
}
