/* System helpers of libgpg-error: gpgrt_mkdir, gpgrt_chdir, gpgrt_access,
 * gpgrt_setenv, gpgrt_fnameconcat, gpgrt_absfnameconcat.
 * argv[1] selects the scenario:
 *   mkdir-exists       create /tmp/errtrail-libgpg-error-dir, then gpgrt_mkdir it again
 *   mkdir-noparent     gpgrt_mkdir /tmp/errtrail-libgpg-error-none/sub (no parent)
 *   chdir-file         write /tmp/errtrail-libgpg-error-file, gpgrt_chdir into it
 *   access-missing     gpgrt_access /tmp/errtrail-libgpg-error-missing, R_OK
 *   setenv NAME VALUE  gpgrt_setenv (NAME, VALUE, 1)
 *   concat-many        gpgrt_fnameconcat with 33 parts
 *   absconcat-gone     chdir into /tmp/errtrail-libgpg-error-cwd, remove it,
 *                      gpgrt_absfnameconcat ("gpg", "pubring.kbx", NULL)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <gpgrt.h>

int main(int argc, char **argv)
{
    gpg_err_code_t ec;
    char *s;

    if (!gpgrt_check_version(NULL))
        return 2;
    if (argc < 2)
        return 2;
    if (!strcmp(argv[1], "mkdir-exists")) {
        mkdir("/tmp/errtrail-libgpg-error-dir", 0700);
        ec = gpgrt_mkdir("/tmp/errtrail-libgpg-error-dir", "-rwx");
        printf("mkdir: %u %s\n", ec, gpg_strerror(ec));
        return ec ? 1 : 0;
    }
    if (!strcmp(argv[1], "mkdir-noparent")) {
        rmdir("/tmp/errtrail-libgpg-error-none");
        ec = gpgrt_mkdir("/tmp/errtrail-libgpg-error-none/sub", "-rwx");
        printf("mkdir: %u %s\n", ec, gpg_strerror(ec));
        return ec ? 1 : 0;
    }
    if (!strcmp(argv[1], "chdir-file")) {
        FILE *f = fopen("/tmp/errtrail-libgpg-error-file", "w");
        if (!f)
            return 2;
        fputs("not a directory\n", f);
        fclose(f);
        ec = gpgrt_chdir("/tmp/errtrail-libgpg-error-file");
        printf("chdir: %u %s\n", ec, gpg_strerror(ec));
        return ec ? 1 : 0;
    }
    if (!strcmp(argv[1], "access-missing")) {
        unlink("/tmp/errtrail-libgpg-error-missing");
        ec = gpgrt_access("/tmp/errtrail-libgpg-error-missing", R_OK);
        printf("access: %u %s\n", ec, gpg_strerror(ec));
        return ec ? 1 : 0;
    }
    if (!strcmp(argv[1], "setenv") && argc > 3) {
        ec = gpgrt_setenv(argv[2], argv[3], 1);
        printf("setenv: %u %s\n", ec, gpg_strerror(ec));
        return ec ? 1 : 0;
    }
    if (!strcmp(argv[1], "concat-many")) {
        s = gpgrt_fnameconcat("/tmp",
                              "a", "b", "c", "d", "e", "f", "g", "h",
                              "i", "j", "k", "l", "m", "n", "o", "p",
                              "q", "r", "s", "t", "u", "v", "w", "x",
                              "y", "z", "0", "1", "2", "3", "4", "5", NULL);
        printf("concat: %s\n", s ? s : "(null)");
        gpgrt_free(s);
        return s ? 0 : 1;
    }
    if (!strcmp(argv[1], "absconcat-gone")) {
        mkdir("/tmp/errtrail-libgpg-error-cwd", 0700);
        if (chdir("/tmp/errtrail-libgpg-error-cwd"))
            return 2;
        rmdir("/tmp/errtrail-libgpg-error-cwd");
        s = gpgrt_absfnameconcat("gpg", "pubring.kbx", NULL);
        printf("absconcat: %s\n", s ? s : "(null)");
        gpgrt_free(s);
        return s ? 0 : 1;
    }
    fprintf(stderr, "unknown scenario\n");
    return 2;
}
