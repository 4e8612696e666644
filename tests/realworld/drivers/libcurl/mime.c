/* libcurl MIME driver.
 *   mime.c filedata PATH   curl_mime_filedata() on a file the driver removes first
 *   mime.c selfnest        curl_mime_subparts(part, mime) where part belongs to mime
 *                          (a multipart made a subpart of one of its own parts)
 * No transfer is performed. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <curl/curl.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s filedata PATH | selfnest\n", argv[0]);
        return 2;
    }
    CURL *h = curl_easy_init();
    if (!h)
        return 1;
    curl_mime *mime = curl_mime_init(h);
    curl_mimepart *part = curl_mime_addpart(mime);
    if (!mime || !part)
        return 1;
    CURLcode rc;
    if (strcmp(argv[1], "filedata") == 0 && argc > 2) {
        unlink(argv[2]);
        curl_mime_name(part, "upload");
        rc = curl_mime_filedata(part, argv[2]);
    } else if (strcmp(argv[1], "selfnest") == 0) {
        curl_mime_name(part, "nested");
        rc = curl_mime_subparts(part, mime);
    } else {
        fprintf(stderr, "unknown mode %s\n", argv[1]);
        return 2;
    }
    printf("%s: %d (%s)\n", argv[1], (int)rc, curl_easy_strerror(rc));
    curl_mime_free(mime);
    curl_easy_cleanup(h);
    return rc ? 1 : 0;
}
