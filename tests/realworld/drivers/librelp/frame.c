/* realworld corpus driver: librelp's RELP frame parser on received octets.
 *
 * frame TEXT: feeds TEXT, with "\n" turned into a newline, octet by octet to
 * relpFrameProcessOctetRcvd(), as relpSessRcvData() does with what it read from a
 * connection, for a fresh server-side session (constructed with no listener and no
 * connection; nothing is sent). Stops at the first octet that is refused.
 * relpSessConstruct() and relpFrameProcessOctetRcvd() are internal (not exported by
 * the shared library); the static archive has them.
 */
#include <stdio.h>
#include <string.h>
#include <librelp.h>

relpRetVal relpSessConstruct(relpSess_t **ppThis, relpEngine_t *pEngine, int connType,
			     void *pParent, void *pUsr);
relpRetVal relpFrameProcessOctetRcvd(relpFrame_t **ppThis, relpOctet_t c, relpSess_t *pSess);

static void on_generic_err(char *obj, char *msg, relpRetVal code)
{
	fprintf(stderr, "onGenericErr: %s: %s (%d)\n", obj, msg, code);
}

int main(int argc, char **argv)
{
	relpEngine_t *engine = NULL;
	relpSess_t *sess = NULL;
	relpFrame_t *frame = NULL;
	char buf[1024];
	size_t i, n = 0;
	relpRetVal r = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: frame TEXT\n");
		return 2;
	}
	for (i = 0; argv[1][i] != '\0' && n < sizeof(buf); i++) {
		if (argv[1][i] == '\\' && argv[1][i + 1] == 'n') {
			buf[n++] = '\n';
			i++;
		} else {
			buf[n++] = argv[1][i];
		}
	}
	relpEngineConstruct(&engine);
	relpEngineSetDbgprint(engine, NULL);
	relpEngineSetOnGenericErr(engine, on_generic_err);
	relpSessConstruct(&sess, engine, 0 /* RELP_SRV_CONN */, NULL, NULL);
	for (i = 0; i < n; i++) {
		r = relpFrameProcessOctetRcvd(&frame, (relpOctet_t)buf[i], sess);
		if (r != 0)
			break;
	}
	printf("relpFrameProcessOctetRcvd: %d at octet %zu of %zu\n", r, i, n);
	return 0;
}
