/* realworld corpus driver: libtasn1 (4.19.0) with bad definitions, DER and values.
 * libtasn1 returns positive ASN1_* codes as int (ASN1_ELEMENT_NOT_FOUND 2,
 * ASN1_IDENTIFIER_NOT_FOUND 3, ASN1_DER_ERROR 4, ASN1_VALUE_NOT_FOUND 5,
 * ASN1_VALUE_NOT_VALID 7, ASN1_SYNTAX_ERROR 11, ASN1_MEM_ERROR 12, ASN1_ELEMENT_NOT_EMPTY 17);
 * asn1_get_length_der returns a negative long (-2 too big, -4 past the end).
 * Definitions are built in here by name and written to test.asn in the current directory:
 *   good    Test DEFINITIONS IMPLICIT TAGS ::= BEGIN
 *             Seq ::= SEQUENCE { a INTEGER, b OCTET STRING, c BOOLEAN OPTIONAL }
 *             Int ::= INTEGER   Bool ::= BOOLEAN   END
 *   syntax  as good, but "Seq SEQUENCE {...}" (no ::=)
 *   undef   as good, but Seq's a is of the undefined type Missing
 * Modes (HEX is DER bytes in hex):
 *   tasn1 length HEX                asn1_get_length_der(HEX)
 *   tasn1 tag HEX                   asn1_get_tag_der(HEX)
 *   tasn1 parse DEFS                asn1_parser2tree(test.asn holding DEFS)
 *   tasn1 parsefile PATH            asn1_parser2tree(PATH)
 *   tasn1 parsetwice                asn1_parser2tree(good) twice into the same definitions
 *   tasn1 create TYPE               asn1_create_element(good, TYPE)
 *   tasn1 write TYPE NAME VALUE     asn1_write_value(element, NAME, VALUE, 0)
 *   tasn1 read TYPE NAME SIZE [VALUE]
 *                                   (asn1_write_value(NAME, VALUE, strlen)), then
 *                                   asn1_read_value(NAME) into a SIZE-byte buffer
 *   tasn1 decode TYPE HEX           asn1_der_decoding(element, HEX)
 *   tasn1 encode TYPE               asn1_der_coding(element) with no value written
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libtasn1.h>

static const struct {
	const char *name, *text;
} defs[] = {
	{"good", "Test DEFINITIONS IMPLICIT TAGS ::=\nBEGIN\n"
		 "Seq ::= SEQUENCE { a INTEGER, b OCTET STRING, c BOOLEAN OPTIONAL }\n"
		 "Int ::= INTEGER\nBool ::= BOOLEAN\nEND\n"},
	{"syntax", "Test DEFINITIONS IMPLICIT TAGS ::=\nBEGIN\n"
		   "Seq SEQUENCE { a INTEGER, b OCTET STRING, c BOOLEAN OPTIONAL }\n"
		   "Int ::= INTEGER\nBool ::= BOOLEAN\nEND\n"},
	{"undef", "Test DEFINITIONS IMPLICIT TAGS ::=\nBEGIN\n"
		  "Seq ::= SEQUENCE { a Missing, b OCTET STRING, c BOOLEAN OPTIONAL }\n"
		  "Int ::= INTEGER\nBool ::= BOOLEAN\nEND\n"},
};

static char errdesc[ASN1_MAX_ERROR_DESCRIPTION_SIZE];

static const char *deftext(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(defs) / sizeof(defs[0]); i++)
		if (strcmp(defs[i].name, name) == 0)
			return defs[i].text;
	fprintf(stderr, "unknown definitions %s\n", name);
	exit(2);
}

static int parse(const char *name, asn1_node *tree)
{
	FILE *f = fopen("test.asn", "w");
	int r;

	if (!f || fputs(deftext(name), f) < 0 || fclose(f) != 0) {
		perror("test.asn");
		exit(2);
	}
	r = asn1_parser2tree("test.asn", tree, errdesc);
	printf("asn1_parser2tree(%s) = %d (%s) %s\n", name, r, asn1_strerror(r), errdesc);
	return r;
}

static int unhex(const char *hex, unsigned char *out, int max)
{
	int n = 0;
	unsigned int b;

	while (hex[0] && hex[1] && n < max && sscanf(hex, "%2x", &b) == 1) {
		out[n++] = b;
		hex += 2;
	}
	return n;
}

static asn1_node element(asn1_node *tree, const char *type)
{
	char full[128];
	asn1_node e = NULL;
	int r;

	if (parse("good", tree) != ASN1_SUCCESS)
		exit(2);
	snprintf(full, sizeof(full), "Test.%s", type);
	r = asn1_create_element(*tree, full, &e);
	printf("asn1_create_element(%s) = %d (%s)\n", full, r, asn1_strerror(r));
	if (r != ASN1_SUCCESS)
		exit(1);
	return e;
}

int main(int argc, char **argv)
{
	asn1_node tree = NULL, e = NULL;
	unsigned char der[256];
	char buf[256];
	int r, n, len;

	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "length") == 0 && argc == 3) {
		long l;

		n = unhex(argv[2], der, sizeof(der));
		l = asn1_get_length_der(der, n, &len);
		printf("asn1_get_length_der(%d bytes) = %ld, len %d\n", n, l, len);
		return l < 0;
	}
	if (strcmp(argv[1], "tag") == 0 && argc == 3) {
		unsigned char cls;
		unsigned long tag = 0;

		n = unhex(argv[2], der, sizeof(der));
		r = asn1_get_tag_der(der, n, &cls, &len, &tag);
		printf("asn1_get_tag_der(%d bytes) = %d (%s)\n", n, r, asn1_strerror(r));
		return r != ASN1_SUCCESS;
	}
	if (strcmp(argv[1], "parse") == 0 && argc == 3)
		return parse(argv[2], &tree) != ASN1_SUCCESS;
	if (strcmp(argv[1], "parsefile") == 0 && argc == 3) {
		r = asn1_parser2tree(argv[2], &tree, errdesc);
		printf("asn1_parser2tree(%s) = %d (%s) %s\n", argv[2], r, asn1_strerror(r), errdesc);
		return r != ASN1_SUCCESS;
	}
	if (strcmp(argv[1], "parsetwice") == 0 && argc == 2) {
		if (parse("good", &tree) != ASN1_SUCCESS)
			return 2;
		return parse("good", &tree) != ASN1_SUCCESS;
	}
	if (strcmp(argv[1], "create") == 0 && argc == 3) {
		char full[128];

		if (parse("good", &tree) != ASN1_SUCCESS)
			return 2;
		snprintf(full, sizeof(full), "Test.%s", argv[2]);
		r = asn1_create_element(tree, full, &e);
		printf("asn1_create_element(%s) = %d (%s)\n", full, r, asn1_strerror(r));
		return r != ASN1_SUCCESS;
	}
	if (strcmp(argv[1], "write") == 0 && argc == 5) {
		e = element(&tree, argv[2]);
		r = asn1_write_value(e, argv[3], argv[4], 0);
		printf("asn1_write_value(%s, %s) = %d (%s)\n", argv[3], argv[4], r, asn1_strerror(r));
		return r != ASN1_SUCCESS;
	}
	if (strcmp(argv[1], "read") == 0 && (argc == 5 || argc == 6)) {
		e = element(&tree, argv[2]);
		if (argc == 6) {
			r = asn1_write_value(e, argv[3], argv[5], strlen(argv[5]));
			printf("asn1_write_value(%s, %s) = %d (%s)\n", argv[3], argv[5], r,
			       asn1_strerror(r));
			if (r != ASN1_SUCCESS)
				return 2;
		}
		len = atoi(argv[4]);
		r = asn1_read_value(e, argv[3], buf, &len);
		printf("asn1_read_value(%s) = %d (%s), len %d\n", argv[3], r, asn1_strerror(r), len);
		return r != ASN1_SUCCESS;
	}
	if (strcmp(argv[1], "decode") == 0 && argc == 4) {
		e = element(&tree, argv[2]);
		n = unhex(argv[3], der, sizeof(der));
		r = asn1_der_decoding(&e, der, n, errdesc);
		printf("asn1_der_decoding(%d bytes) = %d (%s) %s\n", n, r, asn1_strerror(r), errdesc);
		return r != ASN1_SUCCESS;
	}
	if (strcmp(argv[1], "encode") == 0 && argc == 3) {
		e = element(&tree, argv[2]);
		len = sizeof(der);
		r = asn1_der_coding(e, "", der, &len, errdesc);
		printf("asn1_der_coding = %d (%s) %s\n", r, asn1_strerror(r), errdesc);
		return r != ASN1_SUCCESS;
	}
	fprintf(stderr, "bad arguments\n");
	return 2;
}
