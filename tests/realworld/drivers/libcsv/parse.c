/* libcsv parser scenarios for errtrail's real-library corpus.
 *
 *   parse strict DATA         csv_parse() in CSV_STRICT mode
 *   parse strictfini DATA     csv_parse() then csv_fini() with CSV_STRICT | CSV_STRICT_FINI
 *   parse nomem DATA          csv_parse() with a realloc function that always fails
 *   parse cap BLK CAP DATA    block size BLK, a realloc function refusing more than CAP bytes
 *   parse blk BLK DATA        csv_parse() with block size BLK (0: the buffer cannot grow)
 *   parse init-null           csv_init() on a NULL parser (a failed allocation)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>

static size_t cap_bytes;
static int fields, rows;

static void on_field(void *s, size_t len, void *data)
{
    (void)s; (void)len; (void)data;
    fields++;
}

static void on_row(int c, void *data)
{
    (void)c; (void)data;
    rows++;
}

static void *no_realloc(void *ptr, size_t size)
{
    (void)ptr; (void)size;
    return NULL; /* out of memory */
}

static void *capped_realloc(void *ptr, size_t size)
{
    if (size > cap_bytes)
        return NULL; /* over the memory budget */
    return realloc(ptr, size);
}

static int report(struct csv_parser *p, const char *data, size_t n)
{
    size_t len = strlen(data);
    printf("csv_parse: %zu of %zu bytes", n, len);
    if (n < len) {
        printf(": %s\n", csv_strerror(csv_error(p)));
        return 1;
    }
    printf("\n");
    return 0;
}

int main(int argc, char **argv)
{
    struct csv_parser p;
    const char *data;
    size_t n;
    int rc = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: parse SCENARIO ...\n");
        return 2;
    }
    if (strcmp(argv[1], "init-null") == 0) {
        struct csv_parser *q = NULL; /* as if malloc() had failed */
        rc = csv_init(q, CSV_STRICT);
        printf("csv_init: %d\n", rc);
        return rc ? 1 : 0;
    }
    if (strcmp(argv[1], "strict") == 0 && argc == 3) {
        data = argv[2];
        csv_init(&p, CSV_STRICT);
        n = csv_parse(&p, data, strlen(data), on_field, on_row, NULL);
        rc = report(&p, data, n);
        if (!rc)
            csv_fini(&p, on_field, on_row, NULL);
    } else if (strcmp(argv[1], "strictfini") == 0 && argc == 3) {
        data = argv[2];
        csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
        n = csv_parse(&p, data, strlen(data), on_field, on_row, NULL);
        rc = report(&p, data, n);
        if (!rc) {
            int f = csv_fini(&p, on_field, on_row, NULL);
            printf("csv_fini: %d: %s\n", f, csv_strerror(csv_error(&p)));
            rc = f ? 1 : 0;
        }
    } else if (strcmp(argv[1], "nomem") == 0 && argc == 3) {
        data = argv[2];
        csv_init(&p, 0);
        csv_set_realloc_func(&p, no_realloc);
        n = csv_parse(&p, data, strlen(data), on_field, on_row, NULL);
        rc = report(&p, data, n);
    } else if (strcmp(argv[1], "cap") == 0 && argc == 5) {
        data = argv[4];
        csv_init(&p, 0);
        csv_set_blk_size(&p, strtoul(argv[2], NULL, 0));
        cap_bytes = strtoul(argv[3], NULL, 0);
        csv_set_realloc_func(&p, capped_realloc);
        n = csv_parse(&p, data, strlen(data), on_field, on_row, NULL);
        rc = report(&p, data, n);
    } else if (strcmp(argv[1], "blk") == 0 && argc == 4) {
        data = argv[3];
        csv_init(&p, 0);
        csv_set_blk_size(&p, strtoul(argv[2], NULL, 0));
        n = csv_parse(&p, data, strlen(data), on_field, on_row, NULL);
        rc = report(&p, data, n);
    } else {
        fprintf(stderr, "parse: bad scenario\n");
        return 2;
    }
    printf("fields %d rows %d\n", fields, rows);
    csv_free(&p);
    return rc;
}
