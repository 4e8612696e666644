/* libxcrypt driver: hashes a passphrase or makes a setting with bad input.
 *
 *   hash rn SETTING [SIZE]        crypt_rn("password", SETTING, data, SIZE)
 *   hash ra SETTING               crypt_ra("password", SETTING, &data (NULL), &size)
 *   hash gensalt_rn PREFIX COUNT OUTSIZE
 *                                 crypt_gensalt_rn(PREFIX, COUNT, NULL, 0, out, OUTSIZE)
 *   hash gensalt_ra PREFIX COUNT  crypt_gensalt_ra(PREFIX, COUNT, NULL, 0)
 *   hash gensalt PREFIX COUNT     crypt_gensalt(PREFIX, COUNT, NULL, 0)
 *   hash checksalt SETTING        crypt_checksalt(SETTING)
 *
 * Every '@' in SETTING or PREFIX is turned into '$' before the call, so that the
 * arguments need no shell quoting ("@y@j9T@abc" is "$y$j9T$abc").  No files, no
 * network.  The passphrase is always "password".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <crypt.h>

static char *dollars(const char *arg)
{
    char *s = strdup(arg);
    for (char *p = s; *p; p++)
        if (*p == '@')
            *p = '$';
    return s;
}

static int report(const char *what, const char *res)
{
    int e = errno;
    if (res)
        printf("%s: \"%s\"\n", what, res);
    else
        printf("%s: NULL (errno %d: %s)\n", what, e, strerror(e));
    return res ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s rn|ra|gensalt_rn|gensalt_ra|gensalt|checksalt ARG...\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    char *arg = dollars(argv[2]);
    errno = 0;

    if (!strcmp(mode, "rn")) {
        static struct crypt_data data;
        int size = argc > 3 ? atoi(argv[3]) : (int) sizeof data;
        return report("crypt_rn", crypt_rn("password", arg, &data, size));
    }
    if (!strcmp(mode, "ra")) {
        void *data = NULL;
        int size = 0;
        int rc = report("crypt_ra", crypt_ra("password", arg, &data, &size));
        free(data);
        return rc;
    }
    if (!strcmp(mode, "gensalt_rn") && argc > 4) {
        char out[CRYPT_GENSALT_OUTPUT_SIZE];
        return report("crypt_gensalt_rn",
                      crypt_gensalt_rn(arg, strtoul(argv[3], NULL, 10), NULL, 0, out,
                                       atoi(argv[4])));
    }
    if (!strcmp(mode, "gensalt_ra") && argc > 3) {
        char *s = crypt_gensalt_ra(arg, strtoul(argv[3], NULL, 10), NULL, 0);
        int rc = report("crypt_gensalt_ra", s);
        free(s);
        return rc;
    }
    if (!strcmp(mode, "gensalt") && argc > 3)
        return report("crypt_gensalt", crypt_gensalt(arg, strtoul(argv[3], NULL, 10), NULL, 0));
    if (!strcmp(mode, "checksalt")) {
        int r = crypt_checksalt(arg);
        printf("crypt_checksalt: %d\n", r);
        return r != CRYPT_SALT_OK;
    }
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
}
