/* libid3tag frames and fields built by hand: id3_frame_new(), id3_field_set*().
 * argv[1]: frameid ID | latin1 TEXT | language LANG
 * (in TEXT, "\n" written as the two characters backslash-n stands for a newline) */
#include <stdio.h>
#include <string.h>
#include <id3tag.h>

int main(int argc, char **argv)
{
  const char *what = argc > 1 ? argv[1] : "frameid";
  const char *arg = argc > 2 ? argv[2] : "";

  if (strcmp(what, "frameid") == 0) {
    struct id3_frame *f = id3_frame_new(arg);
    printf("id3_frame_new(%s): %p\n", arg, (void *) f);
    if (f)
      id3_frame_delete(f);
    return f == 0;
  }
  if (strcmp(what, "latin1") == 0) {
    /* the URL of a WCOM frame */
    char text[256];
    size_t n = 0;
    for (const char *p = arg; *p && n < sizeof text - 1; ++p) {
      if (p[0] == '\\' && p[1] == 'n') {
        text[n++] = '\n';
        ++p;
      }
      else
        text[n++] = *p;
    }
    text[n] = 0;
    struct id3_frame *f = id3_frame_new("WCOM");
    if (!f)
      return 2;
    int rc = id3_field_setlatin1(id3_frame_field(f, 0), (id3_latin1_t const *) text);
    printf("id3_field_setlatin1: %d\n", rc);
    id3_frame_delete(f);
    return rc != 0;
  }
  if (strcmp(what, "language") == 0) {
    /* the language of a COMM frame */
    struct id3_frame *f = id3_frame_new("COMM");
    if (!f)
      return 2;
    int rc = id3_field_setlanguage(id3_frame_field(f, 1), arg);
    printf("id3_field_setlanguage(%s): %d\n", arg, rc);
    id3_frame_delete(f);
    return rc != 0;
  }
  fprintf(stderr, "unknown scenario %s\n", what);
  return 2;
}
