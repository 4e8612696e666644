/* errtrail real-library driver for libargon2: hashing with bad parameters.
 *
 *   hash raw TYPE T_COST M_COST LANES PWD SALT HASHLEN
 *       argon2_hash() for a raw hash of HASHLEN bytes
 *   hash encoded TYPE T_COST M_COST LANES PWD SALT HASHLEN ENCODEDLEN
 *       argon2_hash() for a raw hash and an encoded string into ENCODEDLEN bytes
 *   hash ctx TYPE T_COST M_COST LANES THREADS PWD SALT OUTLEN ALLOC AS_LIMIT_MIB
 *       argon2_ctx() with a context filled by hand; ALLOC is "default" (libargon2's
 *       malloc), "nofree" (an allocate callback and no free callback) or "pool"
 *       (the caller's allocator, a fixed pool of 64 KiB); AS_LIMIT_MIB, when not 0,
 *       limits the address space (RLIMIT_AS) first
 *   hash typename TYPE
 *       argon2_type2string(TYPE, 0)
 *
 * TYPE is 0 (Argon2d), 1 (Argon2i), 2 (Argon2id) or any other number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <argon2.h>

static unsigned char pool[64 * 1024];
static int pool_used;

static int pool_alloc(uint8_t **memory, size_t bytes_to_allocate) {
    if (pool_used || bytes_to_allocate > sizeof(pool)) {
        *memory = NULL; /* the pool is too small */
        return -1;
    }
    pool_used = 1;
    *memory = pool;
    return 0;
}

static void pool_free(uint8_t *memory, size_t bytes_to_allocate) {
    (void)memory;
    (void)bytes_to_allocate;
    pool_used = 0;
}

static int usage(void) {
    fprintf(stderr, "usage: hash raw|encoded|ctx|typename ...\n");
    return 2;
}

static unsigned long num(const char *s) { return strtoul(s, NULL, 0); }

int main(int argc, char **argv) {
    int rc;

    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "raw") == 0 && argc == 9) {
        size_t hashlen = num(argv[8]);
        unsigned char *hash = malloc(hashlen ? hashlen : 1);
        rc = argon2_hash(num(argv[3]), num(argv[4]), num(argv[5]), argv[6], strlen(argv[6]),
                         argv[7], strlen(argv[7]), hash, hashlen, NULL, 0,
                         (argon2_type)num(argv[2]), ARGON2_VERSION_NUMBER);
        free(hash);
    } else if (strcmp(argv[1], "encoded") == 0 && argc == 10) {
        size_t hashlen = num(argv[8]), enclen = num(argv[9]);
        unsigned char *hash = malloc(hashlen ? hashlen : 1);
        char *enc = malloc(enclen ? enclen : 1);
        rc = argon2_hash(num(argv[3]), num(argv[4]), num(argv[5]), argv[6], strlen(argv[6]),
                         argv[7], strlen(argv[7]), hash, hashlen, enc, enclen,
                         (argon2_type)num(argv[2]), ARGON2_VERSION_NUMBER);
        if (rc == ARGON2_OK)
            printf("%s\n", enc);
        free(hash);
        free(enc);
    } else if (strcmp(argv[1], "ctx") == 0 && argc == 12) {
        argon2_context ctx;
        unsigned long limit = num(argv[11]);
        size_t outlen = num(argv[9]);
        unsigned char *out = malloc(outlen ? outlen : 1);

        memset(&ctx, 0, sizeof ctx);
        ctx.out = out;
        ctx.outlen = (uint32_t)outlen;
        ctx.pwd = (uint8_t *)argv[7];
        ctx.pwdlen = (uint32_t)strlen(argv[7]);
        ctx.salt = (uint8_t *)argv[8];
        ctx.saltlen = (uint32_t)strlen(argv[8]);
        ctx.t_cost = (uint32_t)num(argv[3]);
        ctx.m_cost = (uint32_t)num(argv[4]);
        ctx.lanes = (uint32_t)num(argv[5]);
        ctx.threads = (uint32_t)num(argv[6]);
        ctx.version = ARGON2_VERSION_NUMBER;
        ctx.flags = ARGON2_DEFAULT_FLAGS;
        if (strcmp(argv[10], "nofree") == 0) {
            ctx.allocate_cbk = pool_alloc;
        } else if (strcmp(argv[10], "pool") == 0) {
            ctx.allocate_cbk = pool_alloc;
            ctx.free_cbk = pool_free;
        } else if (strcmp(argv[10], "default") != 0) {
            return usage();
        }
        if (limit) {
            struct rlimit rl;
            rl.rlim_cur = rl.rlim_max = (rlim_t)limit << 20;
            if (setrlimit(RLIMIT_AS, &rl) != 0) {
                perror("setrlimit");
                return 1;
            }
        }
        rc = argon2_ctx(&ctx, (argon2_type)num(argv[2]));
        free(out);
    } else if (strcmp(argv[1], "typename") == 0 && argc == 3) {
        const char *name = argon2_type2string((argon2_type)num(argv[2]), 0);
        printf("type name: %s\n", name ? name : "(null)");
        return name ? 0 : 1;
    } else {
        return usage();
    }
    printf("%s: %d (%s)\n", argv[1], rc, argon2_error_message(rc));
    return rc == ARGON2_OK ? 0 : 1;
}
