/* errtrail real-library driver for libvterm: feed a byte string to a terminal and query it.
 *
 *   term SETUP INPUT [QUERY ARGS...]
 *
 * SETUP:  state      - a VTermState whose settermprop callback refuses every property
 *         screen     - a VTermScreen (no alternate screen buffer enabled)
 *         altscreen  - a VTermScreen with the alternate screen enabled
 * INPUT:  bytes fed to vterm_input_write(); "\e" is ESC, "\xHH" a byte, "\\" a backslash
 * QUERY:  none | text R0 C0 R1 C1 | chars R0 C0 R1 C1 | cell ROW COL
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <vterm.h>

static int refuse_termprop(VTermProp prop, VTermValue *val, void *user)
{
  (void)val; (void)user;
  printf("settermprop %d refused\n", (int)prop);
  return 0;
}

static size_t unescape(const char *in, char *out)
{
  size_t n = 0;
  while(*in) {
    if(in[0] == '\\' && in[1] == 'e') { out[n++] = 0x1b; in += 2; }
    else if(in[0] == '\\' && in[1] == 'x' && in[2] && in[3]) {
      char hex[3] = { in[2], in[3], 0 };
      out[n++] = (char)strtol(hex, NULL, 16); in += 4;
    }
    else if(in[0] == '\\' && in[1] == '\\') { out[n++] = '\\'; in += 2; }
    else out[n++] = *in++;
  }
  return n;
}

int main(int argc, char **argv)
{
  if(argc < 3) {
    fprintf(stderr, "usage: %s state|screen|altscreen INPUT [QUERY...]\n", argv[0]);
    return 2;
  }
  VTerm *vt = vterm_new(5, 20);
  vterm_set_utf8(vt, 1);
  VTermScreen *screen = NULL;

  if(strcmp(argv[1], "state") == 0) {
    static VTermStateCallbacks cbs = { .settermprop = refuse_termprop };
    VTermState *state = vterm_obtain_state(vt);
    vterm_state_reset(state, 1);
    vterm_state_set_callbacks(state, &cbs, NULL);
  }
  else {
    screen = vterm_obtain_screen(vt);
    if(strcmp(argv[1], "altscreen") == 0)
      vterm_screen_enable_altscreen(screen, 1);
    vterm_screen_reset(screen, 1);
  }

  char *buf = malloc(strlen(argv[2]) + 1);
  size_t len = unescape(argv[2], buf);
  size_t done = vterm_input_write(vt, buf, len);
  printf("input: %zu of %zu bytes\n", done, len);

  int rc = 0;
  if(argc >= 4 && screen) {
    const char *q = argv[3];
    if((strcmp(q, "text") == 0 || strcmp(q, "chars") == 0) && argc >= 8) {
      VTermRect rect = { .start_row = atoi(argv[4]), .start_col = atoi(argv[5]),
                         .end_row = atoi(argv[6]), .end_col = atoi(argv[7]) };
      if(q[0] == 't') {
        char text[256];
        size_t n = vterm_screen_get_text(screen, text, sizeof text, rect);
        printf("text: %zu bytes \"%.*s\"\n", n, (int)(n < sizeof text ? n : sizeof text), text);
        rc = n == 0;
      }
      else {
        uint32_t chars[64];
        size_t n = vterm_screen_get_chars(screen, chars, 64, rect);
        printf("chars: %zu\n", n);
        rc = n == 0;
      }
    }
    else if(strcmp(q, "cell") == 0 && argc >= 6) {
      VTermPos pos = { .row = atoi(argv[4]), .col = atoi(argv[5]) };
      VTermScreenCell cell;
      int ok = vterm_screen_get_cell(screen, pos, &cell);
      printf("cell (%d,%d): %s\n", pos.row, pos.col, ok ? "ok" : "out of range");
      if(ok)
        printf("  char U+%04X width %d\n", (unsigned)cell.chars[0], cell.width);
      rc = !ok;
    }
  }

  vterm_free(vt);
  free(buf);
  return rc;
}
