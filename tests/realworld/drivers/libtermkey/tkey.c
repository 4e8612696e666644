/* libtermkey driver: argv[1] selects the scenario, argv[2] (where used) is a key
 * name, or a key string in hex.
 *
 * Every instance is made for TERM=xterm (the system terminfo entry, read through
 * unibilium) with TERMKEY_FLAG_UTF8, so the locale does not matter.  Files the
 * scenarios use as the terminal live under /tmp/errtrail-libtermkey-tty/, made afresh.
 *
 *   new_badfd        termkey_new() on descriptor 99, which is not open
 *   start_rdonly     termkey_new() on a regular file opened O_RDONLY
 *   stop_closed      termkey_new() on a file opened O_RDWR, close() it, termkey_destroy()
 *   getkey_stopped   termkey_getkey() after termkey_stop()
 *   waitkey_abstract termkey_waitkey() on termkey_new_abstract()'s instance (no fd)
 *   waitkey_wronly   termkey_waitkey() on the write end of a pipe
 *   advise_wronly    termkey_advisereadable() on the write end of a pipe
 *   advise_full      termkey_push_bytes() 300 bytes, then termkey_advisereadable()
 *   push_full        termkey_push_bytes() 300 bytes, then 1 more
 *   strpkey HEX FMT  termkey_strpkey() on the bytes HEX with format FMT (decimal)
 *   keyname2sym NAME termkey_keyname2sym(NAME)
 *   lookup NAME      termkey_lookup_keyname(NAME)
 *   bufsize_huge     termkey_set_buffer_size(1 << 62)
 *   string_stale     two OSC strings read with termkey_getkey(), then
 *                    termkey_interpret_string() on the first key
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <termkey.h>

#define DIR "/tmp/errtrail-libtermkey-tty"

static void env(void)
{
  unsetenv("TERMINFO");
  unsetenv("TERMINFO_DIRS");
  setenv("TERM", "xterm", 1);
}

static char *tty_file(void)
{
  static char path[] = DIR "/tty";
  mkdir(DIR, 0700);
  unlink(path);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if(fd < 0) { perror(path); exit(2); }
  close(fd);
  return path;
}

/* Not with TERMKEY_FLAG_NOSTART: termkey_destroy() of an instance never started
 * crashes in the terminfo driver's free_driver() (free_trie() of its NULL root). */
static TermKey *abstract(int flags)
{
  TermKey *tk = termkey_new_abstract("xterm", TERMKEY_FLAG_UTF8 | flags);
  if(!tk) { perror("termkey_new_abstract"); exit(2); }
  return tk;
}

static size_t unhex(const char *hex, char *out, size_t max)
{
  size_t n = 0;
  while(hex[0] && hex[1] && n < max - 1) {
    unsigned int b;
    sscanf(hex, "%2x", &b);
    out[n++] = (char)b;
    hex += 2;
  }
  out[n] = 0;
  return n;
}

static void result(const char *what, TermKeyResult r)
{
  printf("%s: %d (errno %d %s)\n", what, (int)r, errno, strerror(errno));
}

int main(int argc, char **argv)
{
  if(argc < 2) {
    fprintf(stderr, "usage: %s SCENARIO [ARG...]\n", argv[0]);
    return 2;
  }
  const char *s = argv[1];
  TERMKEY_CHECK_VERSION;
  env();

  if(!strcmp(s, "new_badfd")) {
    close(99);
    TermKey *tk = termkey_new(99, TERMKEY_FLAG_UTF8);
    printf("termkey_new(99): %p (errno %d %s)\n", (void *)tk, errno, strerror(errno));
    return tk ? 1 : 0;
  }
  if(!strcmp(s, "start_rdonly")) {
    int fd = open(tty_file(), O_RDONLY);
    TermKey *tk = termkey_new(fd, TERMKEY_FLAG_UTF8);
    printf("termkey_new(rdonly): %p (errno %d %s)\n", (void *)tk, errno, strerror(errno));
    return tk ? 1 : 0;
  }
  if(!strcmp(s, "stop_closed")) {
    int fd = open(tty_file(), O_RDWR);
    TermKey *tk = termkey_new(fd, TERMKEY_FLAG_UTF8);
    if(!tk) { perror("termkey_new"); return 2; }
    close(fd);
    termkey_destroy(tk);
    printf("termkey_destroy after close(%d) (errno %d %s)\n", fd, errno, strerror(errno));
    return 0;
  }
  if(!strcmp(s, "getkey_stopped")) {
    TermKey *tk = abstract(0);
    termkey_stop(tk);
    termkey_push_bytes(tk, "a", 1);
    TermKeyKey key;
    result("termkey_getkey", termkey_getkey(tk, &key));
    termkey_destroy(tk);
    return 0;
  }
  if(!strcmp(s, "waitkey_abstract")) {
    TermKey *tk = abstract(0);
    TermKeyKey key;
    result("termkey_waitkey", termkey_waitkey(tk, &key));
    termkey_destroy(tk);
    return 0;
  }
  if(!strcmp(s, "waitkey_wronly") || !strcmp(s, "advise_wronly") || !strcmp(s, "advise_full")) {
    int p[2];
    if(pipe(p) < 0) { perror("pipe"); return 2; }
    int full = !strcmp(s, "advise_full");
    TermKey *tk = termkey_new(full ? p[0] : p[1], TERMKEY_FLAG_UTF8);
    if(!tk) { perror("termkey_new"); return 2; }
    if(!strcmp(s, "waitkey_wronly")) {
      TermKeyKey key;
      result("termkey_waitkey", termkey_waitkey(tk, &key));
    }
    else {
      if(full) {
        char buf[300];
        memset(buf, 'a', sizeof buf);
        printf("pushed %zu\n", termkey_push_bytes(tk, buf, sizeof buf));
      }
      result("termkey_advisereadable", termkey_advisereadable(tk));
    }
    termkey_destroy(tk);
    return 0;
  }
  if(!strcmp(s, "push_full")) {
    TermKey *tk = abstract(0);
    char buf[300];
    memset(buf, 'a', sizeof buf);
    printf("pushed %zu\n", termkey_push_bytes(tk, buf, sizeof buf));
    size_t n = termkey_push_bytes(tk, "b", 1);
    printf("termkey_push_bytes: %zd (errno %d %s)\n", (ssize_t)n, errno, strerror(errno));
    termkey_destroy(tk);
    return 0;
  }
  if(!strcmp(s, "strpkey") && argc > 3) {
    TermKey *tk = abstract(0);
    char str[64];
    unhex(argv[2], str, sizeof str);
    TermKeyKey key;
    const char *end = termkey_strpkey(tk, str, &key, atoi(argv[3]));
    printf("termkey_strpkey: %s\n", end ? "parsed" : "NULL");
    termkey_destroy(tk);
    return 0;
  }
  if(!strcmp(s, "keyname2sym") && argc > 2) {
    TermKey *tk = abstract(0);
    printf("termkey_keyname2sym(%s): %d\n", argv[2], termkey_keyname2sym(tk, argv[2]));
    termkey_destroy(tk);
    return 0;
  }
  if(!strcmp(s, "lookup") && argc > 2) {
    TermKey *tk = abstract(0);
    TermKeySym sym;
    const char *end = termkey_lookup_keyname(tk, argv[2], &sym);
    printf("termkey_lookup_keyname(%s): %s\n", argv[2], end ? end : "NULL");
    termkey_destroy(tk);
    return 0;
  }
  if(!strcmp(s, "bufsize_huge")) {
    TermKey *tk = abstract(0);
    int ok = termkey_set_buffer_size(tk, (size_t)1 << 62);
    printf("termkey_set_buffer_size: %d (errno %d %s), size %zu\n", ok, errno, strerror(errno),
           termkey_get_buffer_size(tk));
    termkey_destroy(tk);
    return 0;
  }
  if(!strcmp(s, "string_stale")) {
    TermKey *tk = abstract(0);
    static const char osc[] = "\x1b]0;one\x1b\\\x1b]0;two\x1b\\";
    termkey_push_bytes(tk, osc, sizeof osc - 1);
    TermKeyKey first, second;
    result("termkey_getkey 1", termkey_getkey(tk, &first));
    result("termkey_getkey 2", termkey_getkey(tk, &second));
    const char *str = NULL;
    result("termkey_interpret_string(first)", termkey_interpret_string(tk, &first, &str));
    termkey_destroy(tk);
    return 0;
  }
  fprintf(stderr, "unknown scenario %s\n", s);
  return 2;
}
