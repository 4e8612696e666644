/* errtrail real-library driver for libargon2: verifying passwords against encoded hashes.
 *
 *   verify TYPE ENCODED PWD
 *       argon2_verify(ENCODED, PWD, strlen(PWD), TYPE)
 *
 * TYPE is 0 (Argon2d), 1 (Argon2i), 2 (Argon2id) or any other number. ENCODED takes
 * %XX escapes ("%24" for "$", which does not survive the tracer's command line),
 * decoded before the call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <argon2.h>

static char *unescape(const char *s) {
    char *out = malloc(strlen(s) + 1), *o = out;

    while (*s) {
        if (s[0] == '%' && s[1] && s[2]) {
            char hex[3] = {s[1], s[2], 0};
            *o++ = (char)strtol(hex, NULL, 16);
            s += 3;
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
    return out;
}

int main(int argc, char **argv) {
    char *encoded;
    int rc;

    if (argc != 5 || strcmp(argv[1], "verify") != 0) {
        fprintf(stderr, "usage: verify verify TYPE ENCODED PWD\n");
        return 2;
    }
    encoded = unescape(argv[3]);
    rc = argon2_verify(encoded, argv[4], strlen(argv[4]), (argon2_type)strtol(argv[2], NULL, 0));
    printf("verify %s: %d (%s)\n", encoded, rc, argon2_error_message(rc));
    free(encoded);
    return rc == ARGON2_OK ? 0 : 1;
}
