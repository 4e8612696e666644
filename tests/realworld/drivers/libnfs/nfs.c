/* libnfs driver for the errtrail real-library corpus: calls libnfs's public API
 * with bad input, without an NFS server.  Strings take %XX escapes (decoded before
 * the call) for characters the tracer's command line does not pass ('?', '&').
 *
 *   url full|dir|inc URL        nfs_parse_url_full / _dir / _incomplete
 *   version N                   nfs_set_version(nfs, N)
 *   mount SERVER EXPORT [V]     nfs_set_version(nfs, V) if given, then nfs_mount()
 *   connect SERVER PORT [twice|udp]   rpc_connect_async() on a fresh rpc context
 *   program SERVER PROG VERS    rpc_connect_program_async() (portmapper on port 111)
 *   ports SERVER PORT PROG VERS rpc_connect_port_async()
 *   service SERVER PORT         rpc_connect_async(), then poll() and rpc_service() until
 *                               rpc_service() fails (at most 50 rounds of 100 ms)
 *   normalize PATH              nfs_normalize_path() (internal, libnfs-private.h)
 *   zdr string|uint|bytes|reply HEX   decode the bytes HEX with zdr_string(),
 *                               zdr_u_int(), zdr_bytes() or libnfs_zdr_replymsg()
 *
 * Every server the cases name is 127.0.0.1, where nothing listens on the ports used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/time.h>
#include <nfsc/libnfs.h>
#include <nfsc/libnfs-raw.h>
#include <nfsc/libnfs-zdr.h>
#include <poll.h>

int nfs_normalize_path(struct nfs_context *nfs, char *path); /* libnfs-private.h */

static int unhex(const char *h, char *out)
{
	int n = 0;
	for (; h[0] && h[1]; h += 2) {
		char b[3] = { h[0], h[1], 0 };
		out[n++] = (char)strtol(b, NULL, 16);
	}
	return n;
}

static char *decode(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	while (*s) {
		if (s[0] == '%' && s[1] && s[2]) {
			char hex[3] = { s[1], s[2], 0 };
			*o++ = (char)strtol(hex, NULL, 16);
			s += 3;
		} else {
			*o++ = *s++;
		}
	}
	*o = 0;
	return out;
}

static void cb(struct rpc_context *rpc, int status, void *data, void *priv)
{
	(void)rpc; (void)data; (void)priv;
	printf("callback status %d\n", status);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: see the comment at the top\n");
		return 2;
	}
	struct nfs_context *nfs = nfs_init_context();
	if (nfs == NULL) {
		fprintf(stderr, "nfs_init_context failed\n");
		return 1;
	}
	const char *cmd = argv[1];
	int rc = 0;
	if (!strcmp(cmd, "url") && argc >= 4) {
		char *url = decode(argv[3]);
		struct nfs_url *u;
		if (!strcmp(argv[2], "full"))
			u = nfs_parse_url_full(nfs, url);
		else if (!strcmp(argv[2], "dir"))
			u = nfs_parse_url_dir(nfs, url);
		else
			u = nfs_parse_url_incomplete(nfs, url);
		if (u == NULL) {
			printf("nfs_parse_url(%s): NULL: %s\n", url, nfs_get_error(nfs));
			rc = 1;
		} else {
			printf("server=%s path=%s file=%s\n", u->server ? u->server : "(null)",
			       u->path ? u->path : "(null)", u->file ? u->file : "(null)");
			nfs_destroy_url(u);
		}
	} else if (!strcmp(cmd, "version")) {
		rc = nfs_set_version(nfs, atoi(argv[2]));
		printf("nfs_set_version(%s) = %d: %s\n", argv[2], rc, rc ? nfs_get_error(nfs) : "");
	} else if (!strcmp(cmd, "mount") && argc >= 4) {
		if (argc >= 5 && nfs_set_version(nfs, atoi(argv[4])) != 0) {
			printf("nfs_set_version: %s\n", nfs_get_error(nfs));
			return 1;
		}
		nfs_set_timeout(nfs, 5000);
		rc = nfs_mount(nfs, argv[2], argv[3]);
		printf("nfs_mount(%s, %s) = %d: %s\n", argv[2], argv[3], rc, rc ? nfs_get_error(nfs) : "");
	} else if (!strcmp(cmd, "connect") && argc >= 4) {
		struct rpc_context *rpc = rpc_init_context();
		int port = atoi(argv[3]);
		rc = rpc_connect_async(rpc, argv[2], port, cb, NULL);
		printf("rpc_connect_async(%s, %d) = %d: %s\n", argv[2], port, rc, rc ? rpc_get_error(rpc) : "");
		if (argc >= 5 && !strcmp(argv[4], "twice")) {
			rc = rpc_connect_async(rpc, argv[2], port, cb, NULL);
			printf("rpc_connect_async again = %d: %s\n", rc, rc ? rpc_get_error(rpc) : "");
		}
		rpc_destroy_context(rpc);
	} else if (!strcmp(cmd, "program") && argc >= 5) {
		struct rpc_context *rpc = rpc_init_context();
		rc = rpc_connect_program_async(rpc, argv[2], atoi(argv[3]), atoi(argv[4]), cb, NULL);
		printf("rpc_connect_program_async = %d: %s\n", rc, rc ? rpc_get_error(rpc) : "");
		rpc_destroy_context(rpc);
	} else if (!strcmp(cmd, "ports") && argc >= 6) {
		struct rpc_context *rpc = rpc_init_context();
		rc = rpc_connect_port_async(rpc, argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]), cb, NULL);
		printf("rpc_connect_port_async = %d: %s\n", rc, rc ? rpc_get_error(rpc) : "");
		rpc_destroy_context(rpc);
	} else if (!strcmp(cmd, "service") && argc >= 4) {
		struct rpc_context *rpc = rpc_init_context();
		rc = rpc_connect_async(rpc, argv[2], atoi(argv[3]), cb, NULL);
		printf("rpc_connect_async = %d\n", rc);
		for (int i = 0; rc == 0 && i < 50; i++) {
			struct pollfd pfd = { rpc_get_fd(rpc), rpc_which_events(rpc), 0 };
			int revents = poll(&pfd, 1, 100) < 0 ? -1 : pfd.revents;
			rc = rpc_service(rpc, revents);
			printf("rpc_service(revents 0x%x) = %d%s%s\n", revents, rc,
			       rc ? ": " : "", rc ? rpc_get_error(rpc) : "");
		}
		rpc_destroy_context(rpc);
	} else if (!strcmp(cmd, "normalize")) {
		char *path = decode(argv[2]);
		rc = nfs_normalize_path(nfs, path);
		printf("nfs_normalize_path(%s) = %d: %s\n", argv[2], rc, rc ? nfs_get_error(nfs) : path);
	} else if (!strcmp(cmd, "zdr") && argc >= 4) {
		static char buf[4096];
		int len = unhex(argv[3], buf);
		ZDR z;
		zdrmem_create(&z, buf, len, ZDR_DECODE);
		if (!strcmp(argv[2], "string")) {
			char *str = NULL;
			rc = !zdr_string(&z, &str, 1024);
			printf("zdr_string(%d bytes) = %s%s\n", len, rc ? "FALSE" : "TRUE ", rc ? "" : str);
		} else if (!strcmp(argv[2], "uint")) {
			uint32_t u = 0;
			rc = !zdr_u_int(&z, &u);
			printf("zdr_u_int(%d bytes) = %s %u\n", len, rc ? "FALSE" : "TRUE", u);
		} else if (!strcmp(argv[2], "bytes")) {
			char *p = NULL;
			uint32_t size = 0;
			rc = !zdr_bytes(&z, &p, &size, 1024);
			printf("zdr_bytes(%d bytes) = %s size %u\n", len, rc ? "FALSE" : "TRUE", size);
		} else {
			struct rpc_context *rpc = rpc_init_context();
			struct rpc_msg msg;
			memset(&msg, 0, sizeof(msg));
			rc = !libnfs_zdr_replymsg(rpc, &z, &msg);
			printf("libnfs_zdr_replymsg(%d bytes) = %s: %s\n", len, rc ? "FALSE" : "TRUE",
			       rc ? rpc_get_error(rpc) : "");
			rpc_destroy_context(rpc);
		}
		zdr_destroy(&z);
	} else {
		fprintf(stderr, "unknown command %s\n", cmd);
		return 2;
	}
	nfs_destroy_context(nfs);
	return rc ? 1 : 0;
}
