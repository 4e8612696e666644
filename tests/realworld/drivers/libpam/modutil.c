/* errtrail real-library driver: libpam's pam_modutil helpers.
 * argv[1] selects the scenario. */
#include <security/pam_appl.h>
#include <security/pam_modutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int conv_fn(int n, const struct pam_message **msg, struct pam_response **resp, void *data)
{
    (void)n; (void)msg; (void)data;
    *resp = NULL;
    return PAM_CONV_ERR;
}

int main(int argc, char **argv)
{
    struct pam_conv conv = { conv_fn, NULL };
    pam_handle_t *pamh = NULL;
    const char *what = argc > 1 ? argv[1] : "searchkey";
    const char *arg = argc > 2 ? argv[2] : "";
    const char *dir = "/tmp/errtrail-libpam-modutil";
    int rc;

    mkdir(dir, 0755);
    FILE *f = fopen("/tmp/errtrail-libpam-modutil/login", "w");
    if (!f) { perror("config"); return 2; }
    fputs("# errtrail: no modules\n", f);
    fclose(f);
    rc = pam_start_confdir("login", "nobody", &conv, dir, &pamh);
    if (rc != PAM_SUCCESS) {
        printf("pam_start: %d\n", rc);
        return 1;
    }
    if (!strcmp(what, "searchkey")) {
        /* arg: a login.defs-style file name, argv[3]: the key */
        char *v = pam_modutil_search_key(pamh, arg, argc > 3 ? argv[3] : "UMASK");
        printf("search_key(%s): %s\n", arg, v ? v : "(null)");
        free(v);
    } else if (!strcmp(what, "passwd")) {
        /* a small passwd file written afresh; arg: the user name to look for */
        f = fopen("/tmp/errtrail-libpam-modutil/passwd", "w");
        if (!f) { perror("passwd"); return 2; }
        fputs("root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n", f);
        fclose(f);
        rc = pam_modutil_check_user_in_passwd(pamh, arg, "/tmp/errtrail-libpam-modutil/passwd");
        printf("check_user_in_passwd(%s): %d (%s)\n", arg, rc, pam_strerror(pamh, rc));
    } else {
        fprintf(stderr, "unknown scenario %s\n", what);
        return 2;
    }
    pam_end(pamh, rc);
    return 0;
}
