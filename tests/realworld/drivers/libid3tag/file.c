/* libid3tag file interface: id3_file_open/id3_file_fdopen/id3_file_update with bad input.
 * argv[1]: missing | badfd | pipe | readonly */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <id3tag.h>

int main(int argc, char **argv)
{
  const char *what = argc > 1 ? argv[1] : "missing";

  if (strcmp(what, "missing") == 0) {
    /* a file that is not there */
    unlink("/tmp/errtrail-libid3tag-missing.mp3");
    struct id3_file *f = id3_file_open("/tmp/errtrail-libid3tag-missing.mp3",
                                       ID3_FILE_MODE_READONLY);
    printf("id3_file_open: %p\n", (void *) f);
    return f == 0;
  }
  if (strcmp(what, "badfd") == 0) {
    /* a descriptor that was closed already */
    FILE *tmp = fopen("/tmp/errtrail-libid3tag-badfd.mp3", "wb");
    if (!tmp)
      return 2;
    int fd = dup(fileno(tmp));
    fclose(tmp);
    close(fd);
    struct id3_file *f = id3_file_fdopen(fd, ID3_FILE_MODE_READONLY);
    printf("id3_file_fdopen(%d): %p\n", fd, (void *) f);
    unlink("/tmp/errtrail-libid3tag-badfd.mp3");
    return f == 0;
  }
  if (strcmp(what, "pipe") == 0) {
    /* an unseekable stream: the read end of a pipe holding an ID3v2 header */
    int fds[2];
    if (pipe(fds) != 0)
      return 2;
    static const unsigned char hdr[10] = { 'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0 };
    if (write(fds[1], hdr, sizeof hdr) != sizeof hdr)
      return 2;
    close(fds[1]);
    struct id3_file *f = id3_file_fdopen(fds[0], ID3_FILE_MODE_READONLY);
    printf("id3_file_fdopen(pipe): %p\n", (void *) f);
    return f == 0;
  }
  if (strcmp(what, "readonly") == 0) {
    /* update a file opened read-only */
    const char *path = "/tmp/errtrail-libid3tag-readonly.mp3";
    FILE *tmp = fopen(path, "wb");
    if (!tmp)
      return 2;
    static const unsigned char frame[4] = { 0xff, 0xfb, 0x90, 0x00 };
    fwrite(frame, 1, sizeof frame, tmp);
    fclose(tmp);
    struct id3_file *f = id3_file_open(path, ID3_FILE_MODE_READONLY);
    if (!f)
      return 2;
    int rc = id3_file_update(f);
    printf("id3_file_update: %d\n", rc);
    id3_file_close(f);
    unlink(path);
    return rc != 0;
  }
  fprintf(stderr, "unknown scenario %s\n", what);
  return 2;
}
