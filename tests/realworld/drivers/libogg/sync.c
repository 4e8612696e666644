/* realworld corpus driver: libogg's sync layer (ogg_sync_*), which finds pages in raw bytes.
 *
 * sync garbage    100 bytes that hold no "OggS" (and no 'O') handed to the sync layer, then
 *                 ogg_sync_pageout()
 * sync huge       ogg_sync_buffer() asked for INT_MAX bytes
 * sync overrun    ogg_sync_buffer() of 4096 bytes, then ogg_sync_wrote() of 10000
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <ogg/ogg.h>

int main(int argc, char **argv)
{
	ogg_sync_state oy;
	ogg_page og;
	char *buf;

	if (argc < 2) return 2;
	ogg_sync_init(&oy);
	if (!strcmp(argv[1], "garbage")) {
		buf = ogg_sync_buffer(&oy, 100);
		for (int i = 0; i < 100; i++)
			buf[i] = 'a' + i % 26;      /* lower case only: no 'O' */
		printf("ogg_sync_wrote: %d\n", ogg_sync_wrote(&oy, 100));
		printf("ogg_sync_pageout: %d\n", ogg_sync_pageout(&oy, &og));
	} else if (!strcmp(argv[1], "huge")) {
		buf = ogg_sync_buffer(&oy, INT_MAX);
		printf("ogg_sync_buffer: %p\n", (void *)buf);
	} else if (!strcmp(argv[1], "overrun")) {
		buf = ogg_sync_buffer(&oy, 4096);
		memset(buf, 0, 4096);
		printf("ogg_sync_wrote: %d\n", ogg_sync_wrote(&oy, 10000));
	} else {
		return 2;
	}
	ogg_sync_clear(&oy);
	return 0;
}
