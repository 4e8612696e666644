/* realworld corpus driver: ell (the Embedded Linux Library) called with bad input.
 * Strings may hold %XX escapes (decoded before the call), for bytes that do not
 * survive the tracer's command line.  Files the driver makes are written to its
 * current directory (a fresh temporary directory when build.py runs it).
 *   ell settings PATH          l_settings_load_from_file(settings, PATH)
 *   ell settingsdir            l_settings_load_from_file() of a directory it makes,
 *                              errtrail-elldir
 *   ell settingsdata TEXT      l_settings_load_from_data(settings, TEXT, strlen(TEXT))
 *   ell pemfile PATH           l_pem_load_file(PATH, ...)
 *   ell pembuf TEXT            l_pem_load_buffer(TEXT, strlen(TEXT), ...)
 *   ell base64 TEXT            l_base64_decode(TEXT, strlen(TEXT), &len)
 *   ell utf8 TEXT              l_utf8_get_codepoint(TEXT, strlen(TEXT), &cp)
 *   ell dirwatch PATH          l_main_init(), l_dir_watch_new(PATH, ...)
 *   ell hwdb FILESIZE          l_hwdb_new() of errtrail-hwdb.bin, an 80-byte trie header
 *                              with udev's signature whose file_size field says FILESIZE
 *   ell dbus ADDRESS           l_main_init(), l_dbus_new(ADDRESS)
 *   ell netlink PROTOCOL       l_main_init(), l_netlink_new(PROTOCOL)
 *   ell uintset SIZE NUMBER    l_uintset_put(l_uintset_new(SIZE), NUMBER)
 *   ell key LEN                l_key_new(L_KEY_RAW, LEN bytes of 'k', LEN): a "user" key
 * Each prints what the call returned (and errno).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ell/ell.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* decode %XX escapes in place */
static char *unescape(char *s)
{
	char *in = s, *out = s;

	while (*in) {
		if (in[0] == '%' && hexval(in[1]) >= 0 && hexval(in[2]) >= 0) {
			*out++ = (char) (hexval(in[1]) * 16 + hexval(in[2]));
			in += 3;
		} else
			*out++ = *in++;
	}
	*out = '\0';
	return s;
}

static void put_u64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t) (v >> (8 * i));
}

static void dir_event(const char *filename, enum l_dir_watch_event event,
			void *user_data)
{
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;

	if (!strcmp(argv[1], "settings") && argc > 2) {
		struct l_settings *s = l_settings_new();
		bool r = l_settings_load_from_file(s, argv[2]);

		printf("%d errno=%d\n", r, errno);
		l_settings_free(s);
	} else if (!strcmp(argv[1], "settingsdir")) {
		struct l_settings *s = l_settings_new();
		bool r;

		if (mkdir("errtrail-elldir", 0755) < 0 && errno != EEXIST)
			return 2;
		r = l_settings_load_from_file(s, "errtrail-elldir");
		printf("%d errno=%d\n", r, errno);
		l_settings_free(s);
	} else if (!strcmp(argv[1], "settingsdata") && argc > 2) {
		struct l_settings *s = l_settings_new();
		char *text = unescape(argv[2]);
		bool r = l_settings_load_from_data(s, text, strlen(text));

		printf("%d\n", r);
		l_settings_free(s);
	} else if (!strcmp(argv[1], "pemfile") && argc > 2) {
		char *label = NULL;
		size_t len = 0;
		uint8_t *der = l_pem_load_file(argv[2], &label, &len);

		printf("%p errno=%d\n", (void *) der, errno);
	} else if (!strcmp(argv[1], "pembuf") && argc > 2) {
		char *text = unescape(argv[2]);
		char *label = NULL;
		size_t len = 0;
		uint8_t *der = l_pem_load_buffer(text, strlen(text), &label, &len);

		printf("%p\n", (void *) der);
	} else if (!strcmp(argv[1], "base64") && argc > 2) {
		char *text = unescape(argv[2]);
		size_t len = 0;
		uint8_t *out = l_base64_decode(text, strlen(text), &len);

		printf("%p %zu\n", (void *) out, len);
	} else if (!strcmp(argv[1], "utf8") && argc > 2) {
		char *text = unescape(argv[2]);
		wchar_t cp = 0;
		int r = l_utf8_get_codepoint(text, strlen(text), &cp);

		printf("%d %d\n", r, (int) cp);
	} else if (!strcmp(argv[1], "dirwatch") && argc > 2) {
		struct l_dir_watch *w;

		if (!l_main_init())
			return 2;
		w = l_dir_watch_new(argv[2], dir_event, NULL, NULL);
		printf("%p errno=%d\n", (void *) w, errno);
		l_main_exit();
	} else if (!strcmp(argv[1], "hwdb") && argc > 2) {
		uint8_t hdr[80];
		struct l_hwdb *db;
		FILE *f;

		memset(hdr, 0, sizeof(hdr));
		memcpy(hdr, "KSLPHHRH", 8);
		put_u64(hdr + 8, 1);                           /* version */
		put_u64(hdr + 16, strtoull(argv[2], NULL, 0)); /* file_size */
		put_u64(hdr + 24, sizeof(hdr));                /* header_size */
		f = fopen("errtrail-hwdb.bin", "wb");
		if (!f || fwrite(hdr, sizeof(hdr), 1, f) != 1 || fclose(f) != 0)
			return 2;
		db = l_hwdb_new("errtrail-hwdb.bin");
		printf("%p\n", (void *) db);
	} else if (!strcmp(argv[1], "dbus") && argc > 2) {
		struct l_dbus *d;

		if (!l_main_init())
			return 2;
		d = l_dbus_new(argv[2]);
		printf("%p errno=%d\n", (void *) d, errno);
		l_main_exit();
	} else if (!strcmp(argv[1], "netlink") && argc > 2) {
		struct l_netlink *nl;

		if (!l_main_init())
			return 2;
		nl = l_netlink_new(atoi(argv[2]));
		printf("%p errno=%d\n", (void *) nl, errno);
		l_main_exit();
	} else if (!strcmp(argv[1], "uintset") && argc > 3) {
		struct l_uintset *set = l_uintset_new(atoi(argv[2]));
		bool r = l_uintset_put(set, strtoul(argv[3], NULL, 0));

		printf("%d\n", r);
		l_uintset_free(set);
	} else if (!strcmp(argv[1], "key") && argc > 2) {
		size_t len = strtoul(argv[2], NULL, 0);
		char *payload = malloc(len);
		struct l_key *key;

		if (!payload)
			return 2;
		memset(payload, 'k', len);
		key = l_key_new(L_KEY_RAW, payload, len);
		printf("%p\n", (void *) key);
	} else
		return 2;
	return 0;
}
