/* errtrail real-library corpus: libiscsi driver (no network, no iSCSI target).
 *
 *   api url URL              iscsi_parse_full_url(iscsi, URL)
 *   api context NAME|-       iscsi_create_context(NAME), "-" for the empty string
 *   api digest N             iscsi_set_header_digest(iscsi, N)
 *   api connect PORTAL       iscsi_connect_async(iscsi, PORTAL, ...)
 *   api connect_sync PORTAL  iscsi_connect_sync(iscsi, PORTAL)
 *   api full_connect PORTAL  iscsi_full_connect_async(iscsi, PORTAL, 0, ...)
 *   api login TYPE           iscsi_login_async() on a context never connected;
 *                            TYPE none (session type never set), normal (no target name)
 *   api login_sync TYPE      iscsi_login_sync(), TYPE as for login
 *   api discovery_sync TYPE  iscsi_discovery_sync(), TYPE normal or none
 *   api command TYPE         iscsi_scsi_command_async() of a TEST UNIT READY task
 *   api inquiry TYPE         iscsi_inquiry_task(iscsi, 0, 0, 0, 255, ...)
 *   api tur TYPE             iscsi_testunitready_task(iscsi, 0, ...)
 *   api read10 LEN BS        iscsi_read10_task(iscsi, 0, 0, LEN, BS, ...)
 *
 * Every context is fresh and never connected or logged in: the commands fail on
 * the library's own checks of the session state, as an application that skips
 * (or botches) the login would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <iscsi.h>
#include <scsi-lowlevel.h>

#define INITIATOR "iqn.2026-12.org.example:errtrail"

static void cb(struct iscsi_context *iscsi, int status, void *command_data, void *private_data)
{
	(void)iscsi; (void)status; (void)command_data; (void)private_data;
}

static struct iscsi_context *ctx(const char *type)
{
	struct iscsi_context *iscsi = iscsi_create_context(INITIATOR);
	if (iscsi == NULL) {
		fprintf(stderr, "iscsi_create_context failed\n");
		exit(2);
	}
	if (type && !strcmp(type, "normal"))
		iscsi_set_session_type(iscsi, ISCSI_SESSION_NORMAL);
	else if (type && !strcmp(type, "discovery"))
		iscsi_set_session_type(iscsi, ISCSI_SESSION_DISCOVERY);
	return iscsi;
}

static int report(struct iscsi_context *iscsi, const char *what, long rc)
{
	printf("%s -> %ld: %s\n", what, rc, iscsi_get_error(iscsi));
	return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct iscsi_context *iscsi;
	const char *mode = argc > 1 ? argv[1] : "";
	const char *arg = argc > 2 ? argv[2] : NULL;

	if (!strcmp(mode, "url") && arg) {
		struct iscsi_url *u;
		iscsi = ctx(NULL);
		u = iscsi_parse_full_url(iscsi, arg);
		printf("iscsi_parse_full_url -> %p: %s\n", (void *)u, iscsi_get_error(iscsi));
		return u == NULL;
	}
	if (!strcmp(mode, "context") && arg) {
		iscsi = iscsi_create_context(strcmp(arg, "-") ? arg : "");
		printf("iscsi_create_context -> %p\n", (void *)iscsi);
		return iscsi == NULL;
	}
	if (!strcmp(mode, "digest") && arg) {
		iscsi = ctx(NULL);
		return report(iscsi, "iscsi_set_header_digest",
			      iscsi_set_header_digest(iscsi, (enum iscsi_header_digest)atoi(arg)));
	}
	if (!strcmp(mode, "connect") && arg) {
		iscsi = ctx("normal");
		return report(iscsi, "iscsi_connect_async", iscsi_connect_async(iscsi, arg, cb, NULL));
	}
	if (!strcmp(mode, "connect_sync") && arg) {
		iscsi = ctx("normal");
		return report(iscsi, "iscsi_connect_sync", iscsi_connect_sync(iscsi, arg));
	}
	if (!strcmp(mode, "full_connect") && arg) {
		iscsi = ctx("normal");
		return report(iscsi, "iscsi_full_connect_async",
			      iscsi_full_connect_async(iscsi, arg, 0, cb, NULL));
	}
	if (!strcmp(mode, "login") && arg) {
		iscsi = ctx(arg);
		return report(iscsi, "iscsi_login_async", iscsi_login_async(iscsi, cb, NULL));
	}
	if (!strcmp(mode, "login_sync") && arg) {
		iscsi = ctx(arg);
		return report(iscsi, "iscsi_login_sync", iscsi_login_sync(iscsi));
	}
	if (!strcmp(mode, "discovery_sync") && arg) {
		struct iscsi_discovery_address *da;
		iscsi = ctx(arg);
		da = iscsi_discovery_sync(iscsi);
		printf("iscsi_discovery_sync -> %p: %s\n", (void *)da, iscsi_get_error(iscsi));
		return da == NULL;
	}
	if (!strcmp(mode, "command") && arg) {
		struct scsi_task *task = scsi_cdb_testunitready();
		iscsi = ctx(arg);
		return report(iscsi, "iscsi_scsi_command_async",
			      iscsi_scsi_command_async(iscsi, 0, task, cb, NULL, NULL));
	}
	if (!strcmp(mode, "inquiry") && arg) {
		struct scsi_task *task;
		iscsi = ctx(arg);
		task = iscsi_inquiry_task(iscsi, 0, 0, 0, 255, cb, NULL);
		printf("iscsi_inquiry_task -> %p: %s\n", (void *)task, iscsi_get_error(iscsi));
		return task == NULL;
	}
	if (!strcmp(mode, "tur") && arg) {
		struct scsi_task *task;
		iscsi = ctx(arg);
		task = iscsi_testunitready_task(iscsi, 0, cb, NULL);
		printf("iscsi_testunitready_task -> %p: %s\n", (void *)task, iscsi_get_error(iscsi));
		return task == NULL;
	}
	if (!strcmp(mode, "read10") && arg && argc > 3) {
		struct scsi_task *task;
		iscsi = ctx("normal");
		task = iscsi_read10_task(iscsi, 0, 0, (uint32_t)atoi(arg), atoi(argv[3]),
					 0, 0, 0, 0, 0, cb, NULL);
		printf("iscsi_read10_task -> %p: %s\n", (void *)task, iscsi_get_error(iscsi));
		return task == NULL;
	}
	fprintf(stderr, "usage: api MODE ARG...\n");
	return 2;
}
