/* libcurl (deprecated) form API driver: curl_formadd() with bad option lists.
 *   form.c noname-contents   CURLFORM_COPYNAME "field", CURLFORM_END: a part with a
 *                            name and no contents
 *   form.c twice             CURLFORM_COPYNAME "a", CURLFORM_COPYNAME "b", ...: the
 *                            name given twice for one part */
#define CURL_DISABLE_DEPRECATION 1
#include <stdio.h>
#include <string.h>
#include <curl/curl.h>

int main(int argc, char **argv)
{
    struct curl_httppost *post = NULL, *last = NULL;
    CURLFORMcode rc;
    if (argc < 2) {
        fprintf(stderr, "usage: %s noname-contents|twice\n", argv[0]);
        return 2;
    }
    if (strcmp(argv[1], "noname-contents") == 0)
        rc = curl_formadd(&post, &last, CURLFORM_COPYNAME, "field", CURLFORM_END);
    else if (strcmp(argv[1], "twice") == 0)
        rc = curl_formadd(&post, &last, CURLFORM_COPYNAME, "a", CURLFORM_COPYNAME, "b",
                          CURLFORM_COPYCONTENTS, "value", CURLFORM_END);
    else {
        fprintf(stderr, "unknown mode %s\n", argv[1]);
        return 2;
    }
    printf("curl_formadd(%s) = %d\n", argv[1], (int)rc);
    curl_formfree(post);
    return rc ? 1 : 0;
}
