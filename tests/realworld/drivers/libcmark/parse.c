/* Render the Markdown given as argv[1] to HTML with cmark_markdown_to_html().
 * Characters that do not survive the tracer's command line (spaces, newlines,
 * bytes outside ASCII) are given as %XX escapes, decoded before the call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmark.h>

static int hex(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int main(int argc, char **argv) {
  const char *in = argc > 1 ? argv[1] : "";
  size_t n = strlen(in), len = 0;
  char *text = malloc(n + 1);
  for (size_t i = 0; i < n; i++) {
    if (in[i] == '%' && i + 2 < n && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
      text[len++] = (char)(hex(in[i + 1]) * 16 + hex(in[i + 2]));
      i += 2;
    } else {
      text[len++] = in[i];
    }
  }
  char *html = cmark_markdown_to_html(text, len, CMARK_OPT_DEFAULT);
  fputs(html, stdout);
  free(html);
  free(text);
  return 0;
}
