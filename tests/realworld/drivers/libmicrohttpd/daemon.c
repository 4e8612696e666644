/* libmicrohttpd daemons started with bad flags or options.  Every daemon uses
 * MHD_USE_NO_LISTEN_SOCKET and external polling: no socket is bound, no thread runs,
 * nothing touches the network.  argv[1] selects the scenario. */
#include <stdio.h>
#include <string.h>
#include <microhttpd.h>

#define NOLISTEN (MHD_USE_ERROR_LOG | MHD_USE_NO_LISTEN_SOCKET)

/* Not a valid PEM key or certificate: the base64 body is garbage. */
static const char bad_key[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "bm90IGEga2V5\n"
  "-----END PRIVATE KEY-----\n";
static const char bad_cert[] =
  "-----BEGIN CERTIFICATE-----\n"
  "bm90IGEgY2VydGlmaWNhdGU=\n"
  "-----END CERTIFICATE-----\n";
static const char bad_dh[] =
  "-----BEGIN DH PARAMETERS-----\n"
  "bm90IGRoIHBhcmFtcw==\n"
  "-----END DH PARAMETERS-----\n";

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url,
                               const char *method, const char *version,
                               const char *upload_data, size_t *upload_data_size,
                               void **con_cls)
{
  (void) cls; (void) c; (void) url; (void) method; (void) version;
  (void) upload_data; (void) upload_data_size; (void) con_cls;
  return MHD_NO;
}

static void report(const char *what, struct MHD_Daemon *d)
{
  printf("%s: %p\n", what, (void *) d);
  if (d)
    MHD_stop_daemon(d);
}

int main(int argc, char **argv)
{
  const char *what = argc > 1 ? argv[1] : "";

  if (strcmp(what, "nohandler") == 0)
    report(what, MHD_start_daemon(NOLISTEN, 0, NULL, NULL, NULL, NULL, MHD_OPTION_END));
  else if (strcmp(what, "pool") == 0)
    /* a thread pool without an internal polling thread */
    report(what, MHD_start_daemon(NOLISTEN, 0, NULL, NULL, &handler, NULL,
                                  MHD_OPTION_CONNECTION_LIMIT, 10u,
                                  MHD_OPTION_THREAD_POOL_SIZE, 4u, MHD_OPTION_END));
  else if (strcmp(what, "priorities") == 0 && argc > 2)
    report(what, MHD_start_daemon(NOLISTEN | MHD_USE_TLS, 0, NULL, NULL, &handler, NULL,
                                  MHD_OPTION_HTTPS_PRIORITIES, argv[2], MHD_OPTION_END));
  else if (strcmp(what, "dhparams") == 0)
    report(what, MHD_start_daemon(NOLISTEN | MHD_USE_TLS, 0, NULL, NULL, &handler, NULL,
                                  MHD_OPTION_HTTPS_MEM_DHPARAMS, bad_dh, MHD_OPTION_END));
  else if (strcmp(what, "badkey") == 0)
    report(what, MHD_start_daemon(NOLISTEN | MHD_USE_TLS, 0, NULL, NULL, &handler, NULL,
                                  MHD_OPTION_HTTPS_MEM_KEY, bad_key,
                                  MHD_OPTION_HTTPS_MEM_CERT, bad_cert, MHD_OPTION_END));
  else if (strcmp(what, "nocert") == 0)
    /* TLS requested, but no certificate and key given */
    report(what, MHD_start_daemon(NOLISTEN | MHD_USE_TLS, 0, NULL, NULL, &handler, NULL,
                                  MHD_OPTION_END));
  else if (strcmp(what, "quiesce") == 0) {
    struct MHD_Daemon *d = MHD_start_daemon(NOLISTEN, 0, NULL, NULL, &handler, NULL,
                                            MHD_OPTION_END);
    if (!d)
      return 1;
    printf("quiesce: %d\n", (int) MHD_quiesce_daemon(d));
    MHD_stop_daemon(d);
  } else {
    fprintf(stderr, "usage: %s nohandler|pool|priorities P|dhparams|badkey|nocert|quiesce\n",
            argv[0]);
    return 2;
  }
  return 0;
}
