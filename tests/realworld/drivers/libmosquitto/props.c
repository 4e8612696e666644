/* realworld corpus driver: MQTT v5 property lists built with libmosquitto's
 * mosquitto_property_add_*() and then looked up or checked wrongly.
 *
 * props MODE:
 *   readint16   a list holding content-type only; mosquitto_property_read_int16() of
 *               receive-maximum
 *   dup         a list holding content-type twice; mosquitto_property_check_all(PUBLISH)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <mosquitto.h>
#include <mqtt_protocol.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "dup";
	mosquitto_property *props = NULL;
	int rc = 0;

	if (mosquitto_property_add_string(&props, MQTT_PROP_CONTENT_TYPE, "text/plain")) {
		fprintf(stderr, "add_string failed\n");
		return 2;
	}
	if (strcmp(mode, "readint16") == 0) {
		uint16_t value = 0;
		const mosquitto_property *p =
			mosquitto_property_read_int16(props, MQTT_PROP_RECEIVE_MAXIMUM, &value, false);
		printf("read_int16: %p\n", (const void *)p);
		rc = p ? 0 : 1;
	} else if (strcmp(mode, "dup") == 0) {
		if (mosquitto_property_add_string(&props, MQTT_PROP_CONTENT_TYPE, "text/html")) {
			fprintf(stderr, "add_string failed\n");
			return 2;
		}
		rc = mosquitto_property_check_all(CMD_PUBLISH, props);
		printf("check_all: rc=%d\n", rc);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	mosquitto_property_free_all(&props);
	return rc ? 1 : 0;
}
