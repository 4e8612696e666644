/* errtrail real-library driver: libpam environment, items and pam_get_user().
 * argv[1] selects the scenario. */
#include <security/pam_appl.h>
#include <security/pam_modules.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int conv_mode;  /* 0: success without a response, 1: PAM_SYSTEM_ERR */

static int conv_fn(int n, const struct pam_message **msg, struct pam_response **resp, void *data)
{
    (void)n; (void)msg; (void)data;
    *resp = NULL;
    return conv_mode == 0 ? PAM_SUCCESS : PAM_SYSTEM_ERR;
}

int main(int argc, char **argv)
{
    struct pam_conv conv = { conv_fn, NULL };
    pam_handle_t *pamh = NULL;
    const char *what = argc > 1 ? argv[1] : "getenv";
    const char *arg = argc > 2 ? argv[2] : "";
    const char *dir = "/tmp/errtrail-libpam-env";
    int rc;

    mkdir(dir, 0755);
    FILE *f = fopen("/tmp/errtrail-libpam-env/login", "w");
    if (!f) { perror("config"); return 2; }
    fputs("# errtrail: no modules\n", f);
    fclose(f);

    /* pam_get_user needs a handle without a user */
    rc = pam_start_confdir("login", strcmp(what, "getuser") ? "nobody" : NULL, &conv, dir, &pamh);
    if (rc != PAM_SUCCESS) {
        printf("pam_start: %d\n", rc);
        return 1;
    }
    pam_putenv(pamh, "LANG=C");
    if (!strcmp(what, "putenv")) {
        rc = pam_putenv(pamh, arg);
        printf("pam_putenv(%s): %d (%s)\n", arg, rc, pam_strerror(pamh, rc));
    } else if (!strcmp(what, "getenv")) {
        const char *v = pam_getenv(pamh, arg);
        printf("pam_getenv(%s): %s\n", arg, v ? v : "(null)");
        rc = v ? PAM_SUCCESS : PAM_BAD_ITEM;
    } else if (!strcmp(what, "getuser")) {
        const char *user = NULL;
        conv_mode = atoi(arg);
        rc = pam_get_user(pamh, &user, "user: ");
        printf("pam_get_user: %d (%s) %s\n", rc, pam_strerror(pamh, rc), user ? user : "(null)");
    } else {
        fprintf(stderr, "unknown scenario %s\n", what);
        return 2;
    }
    pam_end(pamh, rc);
    return 0;
}
