/* realworld corpus driver: librelp's client connect, failing before any packet is sent.
 *
 * clt HOST PORT [CLIENTIP]: relpCltConnect(AF_INET, PORT, HOST) from a new client,
 * with relpCltSetClientIP(CLIENTIP) first if given. The cases give a service name
 * /etc/services does not know, or a client address this host does not have (the
 * bind fails before connect() is tried).
 */
#include <stdio.h>
#include <sys/socket.h>
#include <librelp.h>

static void on_err(void *usr, char *obj, char *msg, relpRetVal code)
{
	(void)usr;
	fprintf(stderr, "onErr: %s: %s (%d)\n", obj, msg, code);
}

int main(int argc, char **argv)
{
	relpEngine_t *engine = NULL;
	relpClt_t *clt = NULL;
	relpRetVal r;

	if (argc < 3) {
		fprintf(stderr, "usage: clt HOST PORT [CLIENTIP]\n");
		return 2;
	}
	relpEngineConstruct(&engine);
	relpEngineSetDbgprint(engine, NULL);
	relpEngineSetOnErr(engine, on_err);
	relpEngineCltConstruct(engine, &clt);
	relpCltSetConnTimeout(clt, 1);
	if (argc > 3)
		relpCltSetClientIP(clt, (unsigned char *)argv[3]);
	r = relpCltConnect(clt, AF_INET, (unsigned char *)argv[2], (unsigned char *)argv[1]);
	printf("relpCltConnect: %d\n", r);
	return 0;
}
