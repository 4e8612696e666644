/* realworld corpus driver: libsepol's CIL compiler with bad policy text.
 *   cil parse TEXT     cil_add_file() of TEXT only (the parser)
 *   cil compile TEXT   cil_add_file() of TEXT, then cil_compile()
 *   cil base TEXT      a small valid policy followed by TEXT, then cil_compile()
 * TEXT is CIL with %XX escapes (parentheses and blanks do not survive the
 * tracer's command line), decoded before the call. No file is read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cil/cil.h>

static const char base[] =
	"(class file (read write))\n"
	"(classorder (file))\n"
	"(sid kernel)\n"
	"(sidorder (kernel))\n"
	"(user u)\n"
	"(role r)\n"
	"(type t)\n"
	"(roletype r t)\n"
	"(userrole u r)\n"
	"(sensitivity s0)\n"
	"(sensitivityorder (s0))\n"
	"(category c0)\n"
	"(categoryorder (c0))\n"
	"(sensitivitycategory s0 (c0))\n"
	"(userlevel u (s0))\n"
	"(userrange u ((s0) (s0 (c0))))\n"
	"(sidcontext kernel (u r t ((s0) (s0))))\n"
	"(allow t self (file (read)))\n";

static char *decode(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;

	while (*s) {
		unsigned int c;

		if (s[0] == '%' && sscanf(s + 1, "%2x", &c) == 1) {
			*o++ = (char) c;
			s += 3;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

int main(int argc, char **argv)
{
	cil_db_t *db = NULL;
	char *text, *all;
	int rc;

	if (argc < 3)
		return 2;
	text = decode(argv[2]);
	if (!strcmp(argv[1], "base")) {
		all = malloc(sizeof(base) + strlen(text) + 2);
		sprintf(all, "%s%s\n", base, text);
	} else if (!strcmp(argv[1], "parse") || !strcmp(argv[1], "compile")) {
		all = strdup(text);
	} else {
		return 2;
	}
	cil_db_init(&db);
	rc = cil_add_file(db, "errtrail.cil", all, strlen(all));
	printf("add_file: %d\n", rc);
	if (rc == 0 && strcmp(argv[1], "parse")) {
		rc = cil_compile(db);
		printf("compile: %d\n", rc);
	}
	cil_db_destroy(&db);
	free(all);
	free(text);
	return 0;
}
