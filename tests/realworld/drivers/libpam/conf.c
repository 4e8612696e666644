/* errtrail real-library driver: libpam configuration loading and dispatch.
 * argv[1] selects the scenario; each writes a fresh config directory
 * /tmp/errtrail-libpam-conf-<scenario>/ and calls pam_start_confdir() on it. */
#include <security/pam_appl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int conv_none(int n, const struct pam_message **msg, struct pam_response **resp, void *data)
{
    (void)n; (void)msg; (void)data;
    *resp = NULL;
    return PAM_CONV_ERR;
}

static char dir[256];

static void put(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); exit(2); }
    fputs(text, f);
    fclose(f);
}

int main(int argc, char **argv)
{
    struct pam_conv conv = { conv_none, NULL };
    pam_handle_t *pamh = NULL;
    const char *what = argc > 1 ? argv[1] : "empty";
    int rc;

    snprintf(dir, sizeof dir, "/tmp/errtrail-libpam-conf-%s", what);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) return 2;
    mkdir(dir, 0755);

    if (!strcmp(what, "convnull")) {
        put("login", "auth required pam_permit.so\n");
        rc = pam_start_confdir("login", "nobody", NULL, dir, &pamh);
    } else if (!strcmp(what, "missing")) {
        /* the directory holds neither the service's file nor "other" */
        rc = pam_start_confdir("login", "nobody", &conv, dir, &pamh);
    } else if (!strcmp(what, "contline")) {
        /* the last line ends with a backslash: a continuation that never comes */
        put("login", "# errtrail\nauth required pam_permit.so \\\n");
        rc = pam_start_confdir("login", "nobody", &conv, dir, &pamh);
    } else if (!strcmp(what, "noinclude")) {
        put("login", "auth include\n");
        rc = pam_start_confdir("login", "nobody", &conv, dir, &pamh);
    } else if (!strcmp(what, "includecont")) {
        put("login", "auth include common-auth\n");
        put("common-auth", "auth required pam_permit.so \\\n");
        rc = pam_start_confdir("login", "nobody", &conv, dir, &pamh);
    } else if (!strcmp(what, "modslash")) {
        put("login", "auth required /\n");
        rc = pam_start_confdir("login", "nobody", &conv, dir, &pamh);
    } else if (!strcmp(what, "empty")) {
        /* a service file with no entry for the stack asked for, and no "other" */
        put("login", "# errtrail: no modules\n");
        rc = pam_start_confdir("login", "nobody", &conv, dir, &pamh);
        if (rc == PAM_SUCCESS) {
            const char *op = argc > 2 ? argv[2] : "auth";
            if (!strcmp(op, "acct"))
                rc = pam_acct_mgmt(pamh, 0);
            else
                rc = pam_authenticate(pamh, 0);
            printf("%s: %d (%s)\n", op, rc, pam_strerror(pamh, rc));
        }
    } else if (!strcmp(what, "reinit")) {
        /* start on a good service, then switch to one whose file is broken */
        put("login", "# errtrail: no modules\n");
        put("broken", "session required pam_permit.so \\\n");
        rc = pam_start_confdir("login", "nobody", &conv, dir, &pamh);
        if (rc == PAM_SUCCESS) {
            rc = pam_set_item(pamh, PAM_SERVICE, "broken");
            printf("set_item: %d\n", rc);
            rc = pam_open_session(pamh, 0);
            printf("open_session: %d (%s)\n", rc, pam_strerror(pamh, rc));
        }
    } else {
        fprintf(stderr, "unknown scenario %s\n", what);
        return 2;
    }
    printf("%s: rc %d\n", what, rc);
    if (pamh)
        pam_end(pamh, rc);
    return 0;
}
