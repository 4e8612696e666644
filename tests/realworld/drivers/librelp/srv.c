/* realworld corpus driver: librelp's listener setup (no client ever connects).
 *
 * srv ADDR PORT [tls=gnutls|openssl] [ca=FILE] [cert=FILE] [key=FILE] [peer=NAME] ...
 *
 * Makes an engine and a listener on ADDR:PORT ("-" for no address), sets what the
 * options give and calls relpEngineListnerConstructFinalize(), which binds and, with
 * tls=, initialises the TLS library for the listener. A FILE under
 * /tmp/errtrail-librelp-missing/ is removed first, so it does not exist.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <librelp.h>

static void on_err(void *usr, char *obj, char *msg, relpRetVal code)
{
	(void)usr;
	fprintf(stderr, "onErr: %s: %s (%d)\n", obj, msg, code);
}

static void on_generic_err(char *obj, char *msg, relpRetVal code)
{
	fprintf(stderr, "onGenericErr: %s: %s (%d)\n", obj, msg, code);
}

static char *missing(char *path)
{
	if (strncmp(path, "/tmp/errtrail-librelp-missing/", 30) == 0)
		unlink(path);
	return path;
}

int main(int argc, char **argv)
{
	relpEngine_t *engine = NULL;
	relpSrv_t *srv = NULL;
	relpRetVal r;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: srv ADDR PORT [tls=LIB] [ca=F] [cert=F] [key=F] [peer=N]\n");
		return 2;
	}
	relpEngineConstruct(&engine);
	relpEngineSetDbgprint(engine, NULL);
	relpEngineSetOnErr(engine, on_err);
	relpEngineSetOnGenericErr(engine, on_generic_err);
	relpEngineListnerConstruct(engine, &srv);
	relpSrvSetLstnPort(srv, (unsigned char *)argv[2]);
	if (strcmp(argv[1], "-") != 0)
		relpSrvSetLstnAddr(srv, (unsigned char *)argv[1]);
	for (i = 3; i < argc; i++) {
		char *a = argv[i];
		if (strncmp(a, "tls=", 4) == 0) {
			r = relpEngineSetTLSLibByName(engine, a + 4);
			printf("set tls lib %s: %d\n", a + 4, r);
			relpSrvEnableTLS2(srv);
		} else if (strncmp(a, "ca=", 3) == 0) {
			relpSrvSetCACert(srv, missing(a + 3));
		} else if (strncmp(a, "cert=", 5) == 0) {
			relpSrvSetOwnCert(srv, missing(a + 5));
		} else if (strncmp(a, "key=", 4) == 0) {
			relpSrvSetPrivKey(srv, missing(a + 4));
		} else if (strncmp(a, "peer=", 5) == 0) {
			relpSrvAddPermittedPeer(srv, a + 5);
		} else {
			fprintf(stderr, "unknown option %s\n", a);
			return 2;
		}
	}
	r = relpEngineListnerConstructFinalize(engine, srv);
	printf("relpEngineListnerConstructFinalize: %d\n", r);
	return 0;
}
