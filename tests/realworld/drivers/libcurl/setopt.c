/* libcurl option driver: curl_easy_setopt() with bad values.
 *   setopt.c protocols LIST   CURLOPT_PROTOCOLS_STR = LIST
 *   setopt.c longurl          CURLOPT_URL = "http://example.com/" + 8000000 'a's
 *                             (one byte over CURL_MAX_INPUT_LENGTH)
 * No transfer is performed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s protocols LIST | longurl\n", argv[0]);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *h = curl_easy_init();
    if (!h)
        return 1;
    CURLcode rc;
    if (strcmp(argv[1], "protocols") == 0 && argc > 2) {
        rc = curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, argv[2]);
    } else if (strcmp(argv[1], "longurl") == 0) {
        const char *prefix = "http://example.com/";
        size_t n = 8000001; /* the URL's length: CURL_MAX_INPUT_LENGTH + 1 */
        char *url = malloc(n + 1);
        if (!url)
            return 1;
        memcpy(url, prefix, strlen(prefix));
        memset(url + strlen(prefix), 'a', n - strlen(prefix));
        url[n] = 0;
        rc = curl_easy_setopt(h, CURLOPT_URL, url);
        free(url);
    } else {
        fprintf(stderr, "unknown mode %s\n", argv[1]);
        return 2;
    }
    printf("%s: %d (%s)\n", argv[1], (int)rc, curl_easy_strerror(rc));
    curl_easy_cleanup(h);
    curl_global_cleanup();
    return rc ? 1 : 0;
}
