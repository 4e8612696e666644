/* cJSON_Utils scenarios: JSON Patch (RFC 6902) and JSON Pointer (RFC 6901).
 * argv selects one; no files, no network.
 *   patch DOC PATCHES   parse both, cJSONUtils_ApplyPatches(doc, patches)
 *   pointer DOC PTR     parse DOC, cJSONUtils_GetPointer(doc, PTR)
 */
#include <stdio.h>
#include <string.h>
#include "cJSON.h"
#include "cJSON_Utils.h"

int main(int argc, char **argv)
{
    cJSON *doc, *patches, *found;
    char *text;
    int status;

    if (argc != 4) {
        fprintf(stderr, "usage: utils {patch DOC PATCHES | pointer DOC PTR}\n");
        return 2;
    }
    doc = cJSON_Parse(argv[2]);
    if (doc == NULL) {
        fprintf(stderr, "cannot parse document %s\n", argv[2]);
        return 2;
    }
    if (strcmp(argv[1], "patch") == 0) {
        patches = cJSON_Parse(argv[3]);
        if (patches == NULL) {
            fprintf(stderr, "cannot parse patches %s\n", argv[3]);
            cJSON_Delete(doc);
            return 2;
        }
        status = cJSONUtils_ApplyPatches(doc, patches);
        text = cJSON_PrintUnformatted(doc);
        printf("cJSONUtils_ApplyPatches = %d, document now %s\n", status, text ? text : "?");
        cJSON_free(text);
        cJSON_Delete(patches);
        cJSON_Delete(doc);
        return status ? 1 : 0;
    }
    if (strcmp(argv[1], "pointer") == 0) {
        found = cJSONUtils_GetPointer(doc, argv[3]);
        text = found ? cJSON_PrintUnformatted(found) : NULL;
        printf("cJSONUtils_GetPointer(%s) = %s\n", argv[3], text ? text : "NULL");
        cJSON_free(text);
        cJSON_Delete(doc);
        return found ? 0 : 1;
    }
    fprintf(stderr, "unknown scenario %s\n", argv[1]);
    return 2;
}
