/* Helpers shared by the msgpack-c drivers: hex decoding and a memory limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* Every driver runs with a 512 MiB address-space limit, so that the allocations of
 * 1 GiB the cases ask for fail the same way on every machine (no overcommit luck). */
static inline void limit_memory(void)
{
    struct rlimit rl = {512UL << 20, 512UL << 20};
    if (setrlimit(RLIMIT_AS, &rl) != 0)
        perror("setrlimit");
}

/* Decode a hex string ("c1", "91c1") into a fresh buffer; *len gets its length. */
static inline char *unhex(const char *hex, size_t *len)
{
    size_t n = strlen(hex) / 2, i;
    char *out = malloc(n ? n : 1);
    if (out == NULL)
        exit(1);
    for (i = 0; i < n; i++) {
        unsigned int b;
        if (sscanf(hex + 2 * i, "%2x", &b) != 1) {
            fprintf(stderr, "bad hex: %s\n", hex);
            exit(2);
        }
        out[i] = (char)b;
    }
    *len = n;
    return out;
}

/* "max" is SIZE_MAX, anything else a decimal number. */
static inline size_t parse_size(const char *s)
{
    if (strcmp(s, "max") == 0)
        return (size_t)-1;
    return (size_t)strtoull(s, NULL, 0);
}

/* DATA: "rep:N:XX" is N copies of the byte XX (for deep nesting), anything else hex. */
static inline char *data_arg(const char *arg, size_t *len)
{
    if (strncmp(arg, "rep:", 4) == 0) {
        char *colon;
        size_t n = (size_t)strtoul(arg + 4, &colon, 10);
        unsigned int b = 0;
        char *out;
        if (*colon != ':' || sscanf(colon + 1, "%2x", &b) != 1)
            exit(2);
        out = malloc(n ? n : 1);
        if (out == NULL)
            exit(1);
        memset(out, (int)b, n);
        *len = n;
        return out;
    }
    return unhex(arg, len);
}
