/* realworld corpus driver: libplist's XML plist parser.
 *
 * xml KEY VALUE    plist_from_memory() of an XML property list document holding one dict
 *                  with <key>KEY</key><string>VALUE</string> (VALUE as written, so its
 *                  entity references are the parser's to resolve)
 */
#include <stdio.h>
#include <string.h>
#include <plist/plist.h>

int main(int argc, char **argv)
{
	char doc[4096];
	plist_t root = NULL;
	int n;

	if (argc < 3) {
		fprintf(stderr, "usage: xml KEY VALUE\n");
		return 2;
	}
	n = snprintf(doc, sizeof(doc),
		     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<plist version=\"1.0\">\n<dict>\n\t<key>%s</key>\n\t<string>%s</string>\n</dict>\n</plist>\n",
		     argv[1], argv[2]);
	plist_from_memory(doc, (uint32_t)n, &root);
	printf("xml: %s\n", root ? "parsed" : "NULL");
	plist_free(root);
	return 0;
}
