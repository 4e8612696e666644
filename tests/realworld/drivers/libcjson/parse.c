/* cJSON parse and print scenarios (argv selects one; no files, no network).
 *   parse TEXT          cJSON_Parse(TEXT)
 *   strict TEXT         cJSON_ParseWithOpts(TEXT, &end, 1): no trailing garbage allowed
 *   prealloc TEXT N     parse TEXT, then cJSON_PrintPreallocated() into an N-byte buffer
 *   null N              cJSON_CreateNull(), then cJSON_PrintPreallocated() into N bytes
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cJSON.h"

static int usage(void)
{
    fprintf(stderr, "usage: parse {parse|strict} TEXT | prealloc TEXT N | null N\n");
    return 2;
}

static int print_into(cJSON *item, int n)
{
    char *buf = malloc((size_t)n + 1);
    cJSON_bool ok;
    if (buf == NULL)
        return 1;
    memset(buf, 0, (size_t)n + 1);
    ok = cJSON_PrintPreallocated(item, buf, n, 0);
    printf("cJSON_PrintPreallocated(%d bytes) = %d%s%s\n", n, ok, ok ? ": " : "", ok ? buf : "");
    free(buf);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    cJSON *item;
    const char *end = NULL;
    int rc;

    if (argc < 3)
        return usage();
    if (strcmp(argv[1], "parse") == 0) {
        item = cJSON_Parse(argv[2]);
        const char *err = cJSON_GetErrorPtr();
        printf("cJSON_Parse = %p, error at \"%s\"\n", (void *)item, item ? "" : (err ? err : "?"));
        cJSON_Delete(item);
        return item ? 0 : 1;
    }
    if (strcmp(argv[1], "strict") == 0) {
        item = cJSON_ParseWithOpts(argv[2], &end, 1);
        printf("cJSON_ParseWithOpts = %p, end at \"%s\"\n", (void *)item, end ? end : "?");
        cJSON_Delete(item);
        return item ? 0 : 1;
    }
    if (strcmp(argv[1], "prealloc") == 0 && argc == 4) {
        item = cJSON_Parse(argv[2]);
        if (item == NULL) {
            fprintf(stderr, "cannot parse %s\n", argv[2]);
            return 2;
        }
        rc = print_into(item, atoi(argv[3]));
        cJSON_Delete(item);
        return rc;
    }
    if (strcmp(argv[1], "null") == 0) {
        item = cJSON_CreateNull();
        rc = print_into(item, atoi(argv[2]));
        cJSON_Delete(item);
        return rc;
    }
    return usage();
}
