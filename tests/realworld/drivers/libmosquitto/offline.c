/* realworld corpus driver: libmosquitto's offline API with bad input (no broker).
 *
 * offline MODE [ARG...]:
 *   matches SUB TOPIC      mosquitto_topic_matches_sub(SUB, TOPIC)
 *   utf8 HEX               mosquitto_validate_utf8() of the bytes HEX encodes
 *   will TOPIC             mosquitto_will_set() of TOPIC on a new client
 *   username HEX           mosquitto_username_pw_set() with the username HEX encodes
 *   new HEX                mosquitto_new() with the client id HEX encodes
 *   tlsset                 mosquitto_tls_set() with an existing cafile and a missing certfile
 *   kpass VALUE            mosquitto_string_option(MOSQ_OPT_TLS_ENGINE_KPASS_SHA1, VALUE)
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <mosquitto.h>

static char *unhex(const char *hex)
{
	size_t n = strlen(hex) / 2;
	char *out = calloc(n + 1, 1);

	for (size_t i = 0; i < n; i++) {
		unsigned v;
		if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
			fprintf(stderr, "bad hex %s\n", hex);
			exit(2);
		}
		out[i] = (char)v;
	}
	return out;
}

static struct mosquitto *client(void)
{
	struct mosquitto *mosq = mosquitto_new("errtrail", true, NULL);

	if (!mosq) {
		perror("mosquitto_new");
		exit(2);
	}
	return mosq;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "matches";
	const char *arg = argc > 2 ? argv[2] : "";
	int rc;

	mosquitto_lib_init();
	if (strcmp(mode, "matches") == 0) {
		bool result = false;
		rc = mosquitto_topic_matches_sub(arg, argc > 3 ? argv[3] : "", &result);
		printf("matches: rc=%d result=%d\n", rc, result);
	} else if (strcmp(mode, "utf8") == 0) {
		char *s = unhex(arg);
		rc = mosquitto_validate_utf8(s, (int)(strlen(arg) / 2));
		printf("validate_utf8: rc=%d\n", rc);
	} else if (strcmp(mode, "will") == 0) {
		struct mosquitto *mosq = client();
		rc = mosquitto_will_set(mosq, arg, 4, "gone", 1, false);
		printf("will_set: rc=%d\n", rc);
		mosquitto_destroy(mosq);
	} else if (strcmp(mode, "username") == 0) {
		struct mosquitto *mosq = client();
		rc = mosquitto_username_pw_set(mosq, unhex(arg), "secret");
		printf("username_pw_set: rc=%d\n", rc);
		mosquitto_destroy(mosq);
	} else if (strcmp(mode, "new") == 0) {
		struct mosquitto *mosq = mosquitto_new(unhex(arg), true, NULL);
		printf("new: %p\n", (void *)mosq);
		rc = mosq ? 0 : 1;
	} else if (strcmp(mode, "tlsset") == 0) {
		const char *dir = "/tmp/errtrail-libmosquitto-tlsset";
		FILE *f;
		struct mosquitto *mosq = client();

		mkdir(dir, 0755);
		f = fopen("/tmp/errtrail-libmosquitto-tlsset/ca.pem", "w");
		if (!f || fputs("not a certificate\n", f) < 0 || fclose(f)) {
			perror("ca.pem");
			return 2;
		}
		unlink("/tmp/errtrail-libmosquitto-tlsset/client.crt");
		rc = mosquitto_tls_set(mosq, "/tmp/errtrail-libmosquitto-tlsset/ca.pem", NULL,
				"/tmp/errtrail-libmosquitto-tlsset/client.crt",
				"/tmp/errtrail-libmosquitto-tlsset/ca.pem", NULL);
		printf("tls_set: rc=%d\n", rc);
		mosquitto_destroy(mosq);
	} else if (strcmp(mode, "kpass") == 0) {
		struct mosquitto *mosq = client();
		rc = mosquitto_string_option(mosq, MOSQ_OPT_TLS_ENGINE_KPASS_SHA1, arg);
		printf("string_option: rc=%d\n", rc);
		mosquitto_destroy(mosq);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	mosquitto_lib_cleanup();
	return rc ? 1 : 0;
}
