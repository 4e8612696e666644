/* msgpack-c memory pool and buffer scenarios (argv selects one; no files, no network).
 *   zonenew SIZE          msgpack_zone_new(SIZE)
 *   zonemalloc SIZE       msgpack_zone_new(8192), then msgpack_zone_malloc(zone, SIZE)
 *   vrefinit REF CHUNK    msgpack_vrefbuffer_init(&vbuf, REF, CHUNK)
 * SIZE is decimal or "max" (SIZE_MAX). The process runs under a 512 MiB RLIMIT_AS (common.h).
 */
#include <msgpack.h>
#include "common.h"

static int usage(void)
{
    fprintf(stderr, "usage: mem {zonenew|zonemalloc} SIZE | vrefinit REF CHUNK\n");
    return 2;
}

int main(int argc, char **argv)
{
    limit_memory();
    if (argc < 3)
        return usage();
    if (strcmp(argv[1], "zonenew") == 0) {
        msgpack_zone *zone = msgpack_zone_new(parse_size(argv[2]));
        printf("msgpack_zone_new(%s) = %p\n", argv[2], (void *)zone);
        msgpack_zone_free(zone);
        return zone == NULL;
    }
    if (strcmp(argv[1], "zonemalloc") == 0) {
        msgpack_zone *zone = msgpack_zone_new(MSGPACK_ZONE_CHUNK_SIZE);
        void *p;
        if (zone == NULL)
            return 1;
        p = msgpack_zone_malloc(zone, parse_size(argv[2]));
        printf("msgpack_zone_malloc(%s) = %p\n", argv[2], p);
        msgpack_zone_free(zone);
        return p == NULL;
    }
    if (strcmp(argv[1], "vrefinit") == 0 && argc >= 4) {
        msgpack_vrefbuffer vbuf;
        bool ok = msgpack_vrefbuffer_init(&vbuf, parse_size(argv[2]), parse_size(argv[3]));
        printf("msgpack_vrefbuffer_init(%s, %s) = %d\n", argv[2], argv[3], ok);
        if (ok)
            msgpack_vrefbuffer_destroy(&vbuf);
        return !ok;
    }
    return usage();
}
