/* libcurl transfer driver: curl_easy_perform() that fails before any network I/O.
 *   perform.c get PATH     download file://PATH (the driver removes PATH first)
 *   perform.c put PATH     upload 5 bytes to file://PATH (the driver removes PATH's
 *                          directory first, so open() fails)
 *   perform.c url URL      perform URL as given (e.g. control bytes in the user name,
 *                          rejected while the URL is taken apart, before any lookup)
 * Paths are under /tmp/errtrail-libcurl-*. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libgen.h>
#include <unistd.h>
#include <curl/curl.h>

static size_t sink(char *p, size_t s, size_t n, void *u)
{
    (void)p; (void)u;
    return s * n;
}

static size_t source(char *buf, size_t s, size_t n, void *u)
{
    int *left = u;
    (void)s; (void)n;
    if (!*left)
        return 0;
    memcpy(buf, "hello", 5);
    *left = 0;
    return 5;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s get|put|url ARG\n", argv[0]);
        return 2;
    }
    char url[4096];
    int left = 1;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *h = curl_easy_init();
    if (!h)
        return 1;
    if (strcmp(argv[1], "get") == 0) {
        unlink(argv[2]);
        snprintf(url, sizeof url, "file://%s", argv[2]);
    } else if (strcmp(argv[1], "put") == 0) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", argv[2]);
        unlink(argv[2]);
        rmdir(dirname(dir));
        snprintf(url, sizeof url, "file://%s", argv[2]);
        curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(h, CURLOPT_READFUNCTION, source);
        curl_easy_setopt(h, CURLOPT_READDATA, &left);
        curl_easy_setopt(h, CURLOPT_INFILESIZE, 5L);
    } else if (strcmp(argv[1], "url") == 0) {
        snprintf(url, sizeof url, "%s", argv[2]);
    } else {
        fprintf(stderr, "unknown mode %s\n", argv[1]);
        return 2;
    }
    char err[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
    CURLcode rc = curl_easy_perform(h);
    printf("perform(%s) = %d (%s) [%s]\n", url, (int)rc, curl_easy_strerror(rc), err);
    curl_easy_cleanup(h);
    curl_global_cleanup();
    return rc ? 1 : 0;
}
