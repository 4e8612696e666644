/* libcurl URL API driver: parse one URL with curl_url_set(CURLUPART_URL).
 *   url.c parse URL     curl_url_set(h, CURLUPART_URL, URL, 0)
 * No network: the URL parser only looks at the string. */
#include <stdio.h>
#include <string.h>
#include <curl/curl.h>

int main(int argc, char **argv)
{
    if (argc < 3 || strcmp(argv[1], "parse") != 0) {
        fprintf(stderr, "usage: %s parse URL\n", argv[0]);
        return 2;
    }
    CURLU *h = curl_url();
    if (!h)
        return 1;
    CURLUcode uc = curl_url_set(h, CURLUPART_URL, argv[2], 0);
    printf("curl_url_set(%s) = %d (%s)\n", argv[2], (int)uc, curl_url_strerror(uc));
    curl_url_cleanup(h);
    return uc ? 1 : 0;
}
