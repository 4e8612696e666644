/* libiio driver: context creation from URIs, the local backend without /sys/bus/iio,
 * XML contexts from missing or malformed files, and lookups on an XML context.
 *
 *   uri URI             iio_create_context_from_uri(URI)
 *   default REMOTE|-    IIOD_REMOTE set to REMOTE (or unset for -), iio_create_default_context()
 *   local               iio_create_local_context()
 *   xml KIND            writes errtrail-iio.xml for KIND (missing: no file) and calls
 *                       iio_create_xml_context() on it
 *   find NAME           iio_context_find_device() on an XML context of one device
 *   chnread ATTR        iio_channel_attr_read() on that device's channel voltage0
 *   chnll ATTR          iio_channel_attr_read_longlong() on it
 *
 * The XML files are written into the current directory (the temporary directory
 * build.py runs the driver in). No IIO hardware: the machine has no /sys/bus/iio.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iio.h>

#define XML_FILE "errtrail-iio.xml"

static const char *good =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<context name=\"xml\" description=\"errtrail\">"
	"<device id=\"iio:device0\" name=\"adc0\">"
	"<channel id=\"voltage0\" type=\"input\">"
	"<attribute name=\"raw\" filename=\"in_voltage0_raw\"/>"
	"</channel></device></context>\n";

static const char *xml_text(const char *kind)
{
	if (!strcmp(kind, "malformed")) /* an element never closed */
		return "<?xml version=\"1.0\"?>\n<context name=\"xml\"><device id=\"a\">\n";
	if (!strcmp(kind, "root")) /* well-formed, but the root is not <context> */
		return "<?xml version=\"1.0\"?>\n<board name=\"xml\"/>\n";
	if (!strcmp(kind, "noid")) /* a <device> without its id attribute */
		return "<?xml version=\"1.0\"?>\n<context name=\"xml\"><device name=\"adc0\"/></context>\n";
	if (!strcmp(kind, "ctxattr")) /* a <context-attribute> without value */
		return "<?xml version=\"1.0\"?>\n<context name=\"xml\"><context-attribute name=\"hw\"/></context>\n";
	if (!strcmp(kind, "good"))
		return good;
	return NULL;
}

static void write_xml(const char *text)
{
	FILE *f;

	unlink(XML_FILE);
	if (!text)
		return;
	f = fopen(XML_FILE, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(XML_FILE);
		exit(2);
	}
}

static struct iio_context *good_context(void)
{
	struct iio_context *ctx;

	write_xml(good);
	ctx = iio_create_xml_context(XML_FILE);
	if (!ctx) {
		fprintf(stderr, "the good XML context failed: %s\n", strerror(errno));
		exit(2);
	}
	return ctx;
}

int main(int argc, char **argv)
{
	struct iio_context *ctx;

	if (argc < 2) {
		fprintf(stderr, "usage: %s MODE [ARG]\n", argv[0]);
		return 2;
	}
	const char *mode = argv[1], *arg = argc > 2 ? argv[2] : "";

	if (!strcmp(mode, "uri")) {
		ctx = iio_create_context_from_uri(arg);
		printf("iio_create_context_from_uri(%s): %p errno %d\n", arg, (void *)ctx, errno);
	} else if (!strcmp(mode, "default")) {
		if (!strcmp(arg, "-"))
			unsetenv("IIOD_REMOTE");
		else
			setenv("IIOD_REMOTE", arg, 1);
		ctx = iio_create_default_context();
		printf("iio_create_default_context: %p errno %d\n", (void *)ctx, errno);
	} else if (!strcmp(mode, "local")) {
		ctx = iio_create_local_context();
		printf("iio_create_local_context: %p errno %d\n", (void *)ctx, errno);
	} else if (!strcmp(mode, "xml")) {
		if (strcmp(arg, "missing") && !xml_text(arg)) {
			fprintf(stderr, "unknown kind %s\n", arg);
			return 2;
		}
		write_xml(xml_text(arg));
		ctx = iio_create_xml_context(XML_FILE);
		printf("iio_create_xml_context(%s): %p errno %d\n", arg, (void *)ctx, errno);
	} else if (!strcmp(mode, "find")) {
		ctx = good_context();
		struct iio_device *dev = iio_context_find_device(ctx, arg);
		printf("iio_context_find_device(%s): %p\n", arg, (void *)dev);
	} else if (!strcmp(mode, "chnread") || !strcmp(mode, "chnll")) {
		ctx = good_context();
		struct iio_device *dev = iio_context_find_device(ctx, "adc0");
		struct iio_channel *chn = dev ? iio_device_find_channel(dev, "voltage0", false) : NULL;
		if (!chn) {
			fprintf(stderr, "no channel voltage0\n");
			return 2;
		}
		if (!strcmp(mode, "chnread")) {
			char buf[64];
			ssize_t r = iio_channel_attr_read(chn, arg, buf, sizeof(buf));
			printf("iio_channel_attr_read(%s): %zd\n", arg, r);
		} else {
			long long v = 0;
			int r = iio_channel_attr_read_longlong(chn, arg, &v);
			printf("iio_channel_attr_read_longlong(%s): %d\n", arg, r);
		}
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	return 0;
}
