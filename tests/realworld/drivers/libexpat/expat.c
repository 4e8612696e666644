/* realworld corpus driver: libexpat (2.5.0) parsing bad documents.
 * Expat's public calls return XML_STATUS_ERROR (0) or NULL and keep an XML_Error code in the
 * parser (XML_GetErrorCode()); its internal processors return the XML_Error code itself
 * (XML_ERROR_SYNTAX 2, XML_ERROR_TAG_MISMATCH 7, ...).  The documents are built in here by
 * name, since angle brackets and quotes do not survive errtrail-collect's command line:
 *   mismatch    <a></b>
 *   dupattr     <a x='1' x='2'/>
 *   undeclare   <a b='1' xmlns:p=''/>
 *   xmldecl     <!--c--><?xml version='1.0'?><a/>
 *   junk        <a/><!--c--><b/>
 *   ok          <a/>
 * Modes:
 *   expat parse DOC             XML_ParserCreate(NULL), XML_Parse(DOC, final)
 *   expat parsens DOC           XML_ParserCreateNS(NULL, '|'), XML_Parse(DOC, final)
 *   expat parsebuffer DOC       XML_ParserCreate(NULL), XML_GetBuffer(), the document copied
 *                               into it, XML_ParseBuffer(final)
 *   expat again DOC             XML_Parse(DOC, final) and then XML_Parse(DOC, final) again
 *   expat encoding NAME DOC     XML_ParserCreate(NAME): NAME is the protocol encoding
 *   expat encoding_handler NAME DOC
 *                               XML_ParserCreate(NAME) with an unknown-encoding handler that
 *                               accepts every name but leaves info->map as expat filled it
 *                               (every byte -1) and sets info->release
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <expat.h>

static const struct {
	const char *name, *text;
} docs[] = {
	{"mismatch", "<a></b>"},
	{"dupattr", "<a x='1' x='2'/>"},
	{"undeclare", "<a b='1' xmlns:p=''/>"},
	{"xmldecl", "<!--c--><?xml version='1.0'?><a/>"},
	{"junk", "<a/><!--c--><b/>"},
	{"ok", "<a/>"},
};

static int handler_calls, release_calls;

static const char *doc(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		if (strcmp(docs[i].name, name) == 0)
			return docs[i].text;
	fprintf(stderr, "unknown document %s\n", name);
	exit(2);
}

static void release(void *data)
{
	(void) data;
	release_calls++;
}

static int unknown_encoding(void *data, const XML_Char *name, XML_Encoding *info)
{
	(void) data;
	(void) name;
	handler_calls++;
	info->release = release;
	return XML_STATUS_OK;
}

static void report(XML_Parser p, const char *mode, long rc)
{
	enum XML_Error code = XML_GetErrorCode(p);

	printf("%s: %ld, error %d (%s)\n", mode, rc, (int) code, XML_ErrorString(code));
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	XML_Parser p;
	const char *text;
	long rc;

	if (strcmp(mode, "parse") == 0 && argc > 2) {
		text = doc(argv[2]);
		p = XML_ParserCreate(NULL);
		rc = XML_Parse(p, text, (int) strlen(text), 1);
	} else if (strcmp(mode, "parsens") == 0 && argc > 2) {
		text = doc(argv[2]);
		p = XML_ParserCreateNS(NULL, '|');
		rc = XML_Parse(p, text, (int) strlen(text), 1);
	} else if (strcmp(mode, "parsebuffer") == 0 && argc > 2) {
		void *buf;

		text = doc(argv[2]);
		p = XML_ParserCreate(NULL);
		buf = XML_GetBuffer(p, (int) strlen(text));
		if (buf == NULL)
			return 2;
		memcpy(buf, text, strlen(text));
		rc = XML_ParseBuffer(p, (int) strlen(text), 1);
	} else if (strcmp(mode, "again") == 0 && argc > 2) {
		text = doc(argv[2]);
		p = XML_ParserCreate(NULL);
		rc = XML_Parse(p, text, (int) strlen(text), 1);
		report(p, "first", rc);
		rc = XML_Parse(p, text, (int) strlen(text), 1);
	} else if (strcmp(mode, "encoding") == 0 && argc > 3) {
		text = doc(argv[3]);
		p = XML_ParserCreate(argv[2]);
		rc = XML_Parse(p, text, (int) strlen(text), 1);
	} else if (strcmp(mode, "encoding_handler") == 0 && argc > 3) {
		text = doc(argv[3]);
		p = XML_ParserCreate(argv[2]);
		XML_SetUnknownEncodingHandler(p, unknown_encoding, NULL);
		rc = XML_Parse(p, text, (int) strlen(text), 1);
		printf("handler calls: %d, release calls: %d\n", handler_calls, release_calls);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	if (p == NULL)
		return 2;
	report(p, mode, rc);
	XML_ParserFree(p);
	return 0;
}
