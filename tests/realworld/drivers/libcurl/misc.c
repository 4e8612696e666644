/* libcurl driver for small API calls.
 *   misc.c cookie DOMAIN TAILMATCH PATH SECURE EXPIRES NAME VALUE
 *            CURLOPT_COOKIELIST with one Netscape cookie-file line, the seven
 *            fields joined with tabs (arguments cannot carry tabs)
 *   misc.c escape STRING LEN      curl_easy_escape(h, STRING, LEN)
 *   misc.c option NAME            curl_easy_option_by_name(NAME)
 *   misc.c multi-twice            curl_multi_add_handle() of one easy handle twice
 * No transfer is performed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s cookie ...|escape S N|option NAME|multi-twice\n", argv[0]);
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *h = curl_easy_init();
    if (!h)
        return 1;
    int ret = 0;
    if (strcmp(argv[1], "cookie") == 0 && argc == 9) {
        char line[2048] = "";
        for (int i = 2; i < 9; i++) {
            if (i > 2)
                strcat(line, "\t");
            strncat(line, argv[i], 256);
        }
        CURLcode rc = curl_easy_setopt(h, CURLOPT_COOKIELIST, line);
        struct curl_slist *list = NULL;
        curl_easy_getinfo(h, CURLINFO_COOKIELIST, &list);
        int n = 0;
        for (struct curl_slist *l = list; l; l = l->next)
            n++;
        printf("COOKIELIST: %d, %d cookie(s) kept\n", (int)rc, n);
        curl_slist_free_all(list);
        ret = n ? 0 : 1;
    } else if (strcmp(argv[1], "escape") == 0 && argc == 4) {
        char *e = curl_easy_escape(h, argv[2], atoi(argv[3]));
        printf("curl_easy_escape(%s, %s) = %s\n", argv[2], argv[3], e ? e : "(null)");
        ret = e ? 0 : 1;
        curl_free(e);
    } else if (strcmp(argv[1], "option") == 0 && argc == 3) {
        const struct curl_easyoption *o = curl_easy_option_by_name(argv[2]);
        printf("curl_easy_option_by_name(%s) = %s\n", argv[2], o ? o->name : "(null)");
        ret = o ? 0 : 1;
    } else if (strcmp(argv[1], "multi-twice") == 0) {
        CURLM *m = curl_multi_init();
        CURLMcode a = curl_multi_add_handle(m, h);
        CURLMcode b = curl_multi_add_handle(m, h);
        printf("curl_multi_add_handle: %d, then %d (%s)\n", (int)a, (int)b,
               curl_multi_strerror(b));
        curl_multi_remove_handle(m, h);
        curl_multi_cleanup(m);
        ret = b ? 1 : 0;
    } else {
        fprintf(stderr, "unknown mode %s\n", argv[1]);
        return 2;
    }
    curl_easy_cleanup(h);
    curl_global_cleanup();
    return ret;
}
