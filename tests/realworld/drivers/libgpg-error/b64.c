/* Base64 decoder/encoder of libgpg-error (gpgrt_b64dec_*, gpgrt_b64enc_*).
 * argv[1] selects the scenario:
 *   dec-eof TEXT      decode TEXT (a PEM block, "\n" written as "|") with the
 *                     title "" and call gpgrt_b64dec_proc once more after the
 *                     END line has been seen
 *   dec-bad TEXT      decode TEXT plainly (no title), then gpgrt_b64dec_finish
 *   enc-finish-dec    gpgrt_b64enc_finish on a state made by gpgrt_b64dec_start
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gpgrt.h>

static char *unbar(const char *s)
{
    char *t = strdup(s), *p;
    for (p = t; *p; p++)
        if (*p == '|')
            *p = '\n';
    return t;
}

int main(int argc, char **argv)
{
    gpgrt_b64state_t st;
    gpg_err_code_t ec;
    size_t n = 0;
    char *buf;

    if (!gpgrt_check_version(NULL))
        return 2;
    if (argc < 2)
        return 2;
    if (!strcmp(argv[1], "dec-eof") && argc > 2) {
        char again[] = "QUJD\n";
        st = gpgrt_b64dec_start("");
        buf = unbar(argv[2]);
        ec = gpgrt_b64dec_proc(st, buf, strlen(buf), &n);
        printf("first proc: %u (%zu bytes)\n", ec, n);
        ec = gpgrt_b64dec_proc(st, again, strlen(again), &n);
        printf("second proc: %u %s\n", ec, gpg_strerror(ec));
        gpgrt_b64dec_finish(st);
        free(buf);
        return ec ? 1 : 0;
    }
    if (!strcmp(argv[1], "dec-bad") && argc > 2) {
        st = gpgrt_b64dec_start(NULL);
        buf = unbar(argv[2]);
        ec = gpgrt_b64dec_proc(st, buf, strlen(buf), &n);
        printf("proc: %u (%zu bytes)\n", ec, n);
        ec = gpgrt_b64dec_finish(st);
        printf("finish: %u %s\n", ec, gpg_strerror(ec));
        free(buf);
        return ec ? 1 : 0;
    }
    if (!strcmp(argv[1], "enc-finish-dec")) {
        st = gpgrt_b64dec_start(NULL);
        ec = gpgrt_b64enc_finish(st);
        printf("enc finish: %u %s\n", ec, gpg_strerror(ec));
        return ec ? 1 : 0;
    }
    fprintf(stderr, "unknown scenario\n");
    return 2;
}
