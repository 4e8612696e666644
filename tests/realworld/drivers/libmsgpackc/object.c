/* msgpack-c object printing and packing scenarios (argv selects one; no files, no network).
 * DATA is hex msgpack, unpacked with msgpack_unpack() first.
 *   print N DATA      msgpack_object_print_buffer() of DATA's object into an N-byte buffer
 *   pack N DATA       msgpack_pack_object() of DATA's object through a packer whose write
 *                     callback accepts N bytes in all and fails (-1) after that, like a
 *                     fixed-size output buffer
 * The process runs under a 512 MiB RLIMIT_AS (common.h).
 */
#include <msgpack.h>
#include "common.h"

struct quota {
    char buf[256];
    size_t used, limit;
};

static int quota_write(void *data, const char *buf, size_t len)
{
    struct quota *q = data;
    if (len > q->limit - q->used || len > sizeof(q->buf) - q->used)
        return -1;
    memcpy(q->buf + q->used, buf, len);
    q->used += len;
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: object {print|pack} N DATA\n");
    return 2;
}

int main(int argc, char **argv)
{
    msgpack_zone *zone;
    msgpack_object obj;
    size_t len, off = 0, n;
    char *data;
    int r;

    limit_memory();
    if (argc < 4)
        return usage();
    n = parse_size(argv[2]);
    data = data_arg(argv[3], &len);
    zone = msgpack_zone_new(MSGPACK_ZONE_CHUNK_SIZE);
    if (zone == NULL || msgpack_unpack(data, len, &off, zone, &obj) != MSGPACK_UNPACK_SUCCESS) {
        fprintf(stderr, "DATA does not unpack\n");
        return 2;
    }
    if (strcmp(argv[1], "print") == 0) {
        char *buf = calloc(1, n + 1);
        if (buf == NULL)
            return 1;
        r = msgpack_object_print_buffer(buf, n, obj);
        printf("msgpack_object_print_buffer(%zu bytes) = %d: \"%s\"\n", n, r, buf);
        free(buf);
    } else if (strcmp(argv[1], "pack") == 0) {
        struct quota q = {{0}, 0, n};
        msgpack_packer pk;
        msgpack_packer_init(&pk, &q, quota_write);
        r = msgpack_pack_object(&pk, obj);
        printf("msgpack_pack_object(quota %zu) = %d, %zu bytes written\n", n, r, q.used);
    } else {
        return usage();
    }
    msgpack_zone_free(zone);
    free(data);
    return r <= 0;
}
