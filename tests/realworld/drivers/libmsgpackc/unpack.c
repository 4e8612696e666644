/* msgpack-c deserializer scenarios (argv selects one; no files, no network).
 * DATA is hex ("c1") or rep:N:XX (N copies of byte XX).
 *   unpack DATA       msgpack_unpack() of DATA into a fresh zone
 *   next DATA         msgpack_unpack_next() of DATA
 *   unpacker DATA     streaming: msgpack_unpacker_new(128), feed DATA, msgpack_unpacker_next()
 *   execute DATA      streaming: msgpack_unpacker_new(128), feed DATA, msgpack_unpacker_execute()
 *   new SIZE          msgpack_unpacker_new(SIZE)
 *   init SIZE         msgpack_unpacker_init() of a stack unpacker with SIZE
 *   reserve SIZE      msgpack_unpacker_new(128), then msgpack_unpacker_reserve_buffer(SIZE)
 * The process runs under a 512 MiB RLIMIT_AS (common.h).
 */
#include <msgpack.h>
#include "common.h"

static int usage(void)
{
    fprintf(stderr, "usage: unpack {unpack|next|unpacker|execute} DATA | {new|init|reserve} SIZE\n");
    return 2;
}

static msgpack_unpacker *fed_unpacker(const char *arg)
{
    size_t len;
    char *data = data_arg(arg, &len);
    msgpack_unpacker *mpac = msgpack_unpacker_new(128);
    if (mpac == NULL || !msgpack_unpacker_reserve_buffer(mpac, len)) {
        fprintf(stderr, "unpacker setup failed\n");
        exit(1);
    }
    memcpy(msgpack_unpacker_buffer(mpac), data, len);
    msgpack_unpacker_buffer_consumed(mpac, len);
    free(data);
    return mpac;
}

int main(int argc, char **argv)
{
    size_t len, off = 0;
    char *data;

    limit_memory();
    if (argc < 3)
        return usage();
    if (strcmp(argv[1], "unpack") == 0) {
        msgpack_zone *zone = msgpack_zone_new(MSGPACK_ZONE_CHUNK_SIZE);
        msgpack_object obj;
        msgpack_unpack_return r;
        data = data_arg(argv[2], &len);
        r = msgpack_unpack(data, len, &off, zone, &obj);
        printf("msgpack_unpack = %d, off %zu of %zu\n", (int)r, off, len);
        msgpack_zone_free(zone);
        free(data);
        return r < 0;
    }
    if (strcmp(argv[1], "next") == 0) {
        msgpack_unpacked result;
        msgpack_unpack_return r;
        data = data_arg(argv[2], &len);
        msgpack_unpacked_init(&result);
        r = msgpack_unpack_next(&result, data, len, &off);
        printf("msgpack_unpack_next = %d, off %zu of %zu\n", (int)r, off, len);
        msgpack_unpacked_destroy(&result);
        free(data);
        return r < 0;
    }
    if (strcmp(argv[1], "unpacker") == 0) {
        msgpack_unpacker *mpac = fed_unpacker(argv[2]);
        msgpack_unpacked result;
        msgpack_unpack_return r;
        msgpack_unpacked_init(&result);
        r = msgpack_unpacker_next(mpac, &result);
        printf("msgpack_unpacker_next = %d\n", (int)r);
        msgpack_unpacked_destroy(&result);
        msgpack_unpacker_free(mpac);
        return r < 0;
    }
    if (strcmp(argv[1], "execute") == 0) {
        msgpack_unpacker *mpac = fed_unpacker(argv[2]);
        int r = msgpack_unpacker_execute(mpac);
        printf("msgpack_unpacker_execute = %d\n", r);
        msgpack_unpacker_free(mpac);
        return r < 0;
    }
    if (strcmp(argv[1], "new") == 0) {
        msgpack_unpacker *mpac = msgpack_unpacker_new(parse_size(argv[2]));
        printf("msgpack_unpacker_new(%s) = %p\n", argv[2], (void *)mpac);
        if (mpac)
            msgpack_unpacker_free(mpac);
        return mpac == NULL;
    }
    if (strcmp(argv[1], "init") == 0) {
        msgpack_unpacker mpac;
        bool ok = msgpack_unpacker_init(&mpac, parse_size(argv[2]));
        printf("msgpack_unpacker_init(%s) = %d\n", argv[2], ok);
        if (ok)
            msgpack_unpacker_destroy(&mpac);
        return !ok;
    }
    if (strcmp(argv[1], "reserve") == 0) {
        msgpack_unpacker *mpac = msgpack_unpacker_new(128);
        bool ok;
        if (mpac == NULL)
            return 1;
        ok = msgpack_unpacker_reserve_buffer(mpac, parse_size(argv[2]));
        printf("msgpack_unpacker_reserve_buffer(%s) = %d\n", argv[2], ok);
        msgpack_unpacker_free(mpac);
        return !ok;
    }
    return usage();
}
