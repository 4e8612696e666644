/* libassuan version check: assuan_check_version(argv[1]); the library is 2.5.5.
 *   9.0.0 - a version newer than the library's
 *   2.5   - a version string without its micro number
 */
#include <stdio.h>
#include <assuan.h>

int main(int argc, char **argv)
{
  const char *req = argc > 1 ? argv[1] : "9.0.0";
  const char *v = assuan_check_version (req);
  printf ("assuan_check_version(\"%s\"): %s\n", req, v ? v : "(null)");
  return 0;
}
