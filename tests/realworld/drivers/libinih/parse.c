/* errtrail real-library corpus: libinih driver.
 *
 *   parse open PATH             ini_parse(PATH)
 *   parse file TEXT [REJECT]    write TEXT to /tmp/errtrail-libinih-<pid>/test.ini, ini_parse() it
 *   parse fp TEXT [REJECT]      write TEXT to that file, fopen() it, ini_parse_file()
 *   parse string TEXT [REJECT]  ini_parse_string(TEXT)
 *   parse stream TEXT [REJECT]  ini_parse_stream() with fgets over fmemopen(TEXT)
 *
 * TEXT: '|' is a newline, %XX a byte (%20 a space, %3B ';'); spaces and newlines do not
 * survive the tracer's command line. The handler prints each call and returns 0 (an error)
 * when the name or the value equals REJECT.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

static const char *reject;

static int handler(void *user, const char *section, const char *name, const char *value)
{
    (void)user;
    int ok = !(reject && ((name && !strcmp(name, reject)) || (value && !strcmp(value, reject))));
    printf("handler [%s] %s = %s -> %d\n", section, name ? name : "(null)",
           value ? value : "(null)", ok);
    return ok;
}

static char *decode(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    while (*s) {
        if (*s == '|') {
            *o++ = '\n';
            s++;
        } else if (*s == '%' && s[1] && s[2]) {
            char hex[3] = {s[1], s[2], 0};
            *o++ = (char)strtol(hex, NULL, 16);
            s += 3;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return out;
}

static char dir[64], path[96];

static void write_file(const char *text)
{
    snprintf(dir, sizeof dir, "/tmp/errtrail-libinih-%d", (int)getpid());
    snprintf(path, sizeof path, "%s/test.ini", dir);
    mkdir(dir, 0700);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
}

static void cleanup(void)
{
    if (path[0])
        unlink(path);
    if (dir[0])
        rmdir(dir);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s open|file|fp|string|stream ARG [REJECT]\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    if (argc > 3)
        reject = argv[3];
    int rc;
    if (!strcmp(mode, "open")) {
        errno = 0;
        rc = ini_parse(argv[2], handler, NULL);
        printf("ini_parse(%s) = %d (%s)\n", argv[2], rc, strerror(errno));
        return 0;
    }
    char *text = decode(argv[2]);
    if (!strcmp(mode, "file")) {
        write_file(text);
        rc = ini_parse(path, handler, NULL);
        printf("ini_parse = %d\n", rc);
    } else if (!strcmp(mode, "fp")) {
        write_file(text);
        FILE *f = fopen(path, "r");
        if (!f) {
            perror(path);
            return 2;
        }
        rc = ini_parse_file(f, handler, NULL);
        fclose(f);
        printf("ini_parse_file = %d\n", rc);
    } else if (!strcmp(mode, "string")) {
        rc = ini_parse_string(text, handler, NULL);
        printf("ini_parse_string = %d\n", rc);
    } else if (!strcmp(mode, "stream")) {
        FILE *f = fmemopen(text, strlen(text) ? strlen(text) : 1, "r");
        if (!f) {
            perror("fmemopen");
            return 2;
        }
        rc = ini_parse_stream((ini_reader)fgets, f, handler, NULL);
        fclose(f);
        printf("ini_parse_stream = %d\n", rc);
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    cleanup();
    free(text);
    return 0;
}
