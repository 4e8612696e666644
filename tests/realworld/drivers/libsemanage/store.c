/* realworld corpus driver: libsemanage's configuration, module store and module calls.
 *
 * Every mode works under a semanage root of its own, /tmp/errtrail-libsemanage-NAME, which it
 * removes and makes afresh (semanage_set_root()), so the host's /etc/selinux and
 * /var/lib/selinux are never read or written. ROOT/etc/selinux/semanage.conf holds
 * "module-store = direct" unless the mode writes other lines.
 *
 * conf NAME LINE...          semanage.conf holds the LINEs; semanage_handle_create()
 * connect NAME SETUP         semanage_set_create_store(1) and semanage_connect(); SETUP is
 *                            "bare" (ROOT has no var/lib/selinux), "file" (the store's
 *                            directory var/lib/selinux/targeted is a regular file) or "dirs"
 *                            (var/lib/selinux exists)
 * polserv NAME SOCKET        semanage.conf says "module-store = SOCKET" (a policy server's
 *                            socket path); semanage_connect()
 * access NAME                var/lib/selinux exists, no store in it; semanage_access_check()
 * longstore NAME LEN         semanage_select_store() of a LEN-character store name, then
 *                            semanage_access_check()
 * mls NAME [garbage]         connects, creating the store; with "garbage" writes 64 bytes
 *                            that are no policy to the store's active/policy.kern; then
 *                            semanage_mls_enabled()
 * install NAME FILE          connects, creating the store; semanage_module_install_file(FILE)
 * keyname NAME MODNAME       semanage_module_key_set_name() of MODNAME on a new key
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <semanage/handle.h>
#include <semanage/modules.h>

static char root[256];

static void sh_run(const char *fmt, const char *arg)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), fmt, arg);
	if (system(cmd) != 0) {
		fprintf(stderr, "failed: %s\n", cmd);
		exit(2);
	}
}

static void write_file(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static void fresh_root(const char *name, const char *conf)
{
	snprintf(root, sizeof(root), "/tmp/errtrail-libsemanage-%s", name);
	sh_run("rm -rf '%s'", root);
	sh_run("mkdir -p '%s/etc/selinux'", root);
	write_file("etc/selinux/semanage.conf", conf);
	semanage_set_root(root);
}

static semanage_handle_t *handle(void)
{
	semanage_handle_t *sh = semanage_handle_create();

	if (!sh) {
		fprintf(stderr, "semanage_handle_create failed\n");
		exit(2);
	}
	return sh;
}

static semanage_handle_t *connected(void)
{
	semanage_handle_t *sh;
	char dirs[300];

	snprintf(dirs, sizeof(dirs), "%s/var/lib/selinux", root);
	sh_run("mkdir -p '%s'", dirs);
	sh = handle();
	semanage_set_create_store(sh, 1);
	if (semanage_connect(sh) < 0) {
		fprintf(stderr, "semanage_connect failed\n");
		exit(2);
	}
	return sh;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	semanage_handle_t *sh;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: store MODE NAME ...\n");
		return 2;
	}
	if (strcmp(mode, "conf") == 0) {
		char conf[4096] = "";
		int i;

		for (i = 3; i < argc; i++) {
			strncat(conf, argv[i], sizeof(conf) - strlen(conf) - 2);
			strcat(conf, "\n");
		}
		fresh_root(argv[2], conf);
		sh = semanage_handle_create();
		printf("handle_create: %s\n", sh ? "handle" : "NULL");
		if (sh)
			semanage_handle_destroy(sh);
		return 0;
	}
	if (strcmp(mode, "polserv") == 0 && argc > 3) {
		char conf[512];

		snprintf(conf, sizeof(conf), "module-store = %s\n", argv[3]);
		fresh_root(argv[2], conf);
		sh = handle();
		rc = semanage_connect(sh);
		printf("connect: %d\n", rc);
		semanage_handle_destroy(sh);
		return 0;
	}
	fresh_root(argv[2], "module-store = direct\n");
	if (strcmp(mode, "connect") == 0 && argc > 3) {
		if (strcmp(argv[3], "file") == 0) {
			sh_run("mkdir -p '%s/var/lib/selinux'", root);
			write_file("var/lib/selinux/targeted", "not a store\n");
		} else if (strcmp(argv[3], "dirs") == 0) {
			sh_run("mkdir -p '%s/var/lib/selinux'", root);
		}
		sh = handle();
		semanage_set_create_store(sh, 1);
		rc = semanage_connect(sh);
		printf("connect: %d\n", rc);
	} else if (strcmp(mode, "access") == 0) {
		sh_run("mkdir -p '%s/var/lib/selinux'", root);
		sh = handle();
		rc = semanage_access_check(sh);
		printf("access_check: %d\n", rc);
	} else if (strcmp(mode, "longstore") == 0 && argc > 3) {
		size_t len = strtoul(argv[3], NULL, 10);
		char *name = malloc(len + 1);

		memset(name, 's', len);
		name[len] = '\0';
		sh = handle();
		semanage_select_store(sh, name, SEMANAGE_CON_DIRECT);
		free(name);
		rc = semanage_access_check(sh);
		printf("access_check: %d\n", rc);
	} else if (strcmp(mode, "mls") == 0) {
		sh = connected();
		if (argc > 3 && strcmp(argv[3], "garbage") == 0)
			write_file("var/lib/selinux/targeted/active/policy.kern",
				   "errtrail: this is not an SELinux kernel policy, 64 bytes long.\n");
		rc = semanage_mls_enabled(sh);
		printf("mls_enabled: %d\n", rc);
	} else if (strcmp(mode, "install") == 0 && argc > 3) {
		sh = connected();
		rc = semanage_module_install_file(sh, argv[3]);
		printf("install_file: %d\n", rc);
	} else if (strcmp(mode, "keyname") == 0 && argc > 3) {
		semanage_module_key_t *key = NULL;

		sh = handle();
		if (semanage_module_key_create(sh, &key) < 0)
			return 2;
		rc = semanage_module_key_set_name(sh, key, argv[3]);
		printf("key_set_name: %d\n", rc);
		semanage_module_key_destroy(sh, key);
		free(key);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	if (semanage_is_connected(sh))
		semanage_disconnect(sh);
	semanage_handle_destroy(sh);
	return 0;
}
