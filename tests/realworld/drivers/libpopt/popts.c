/* realworld corpus driver: popt calls with bad input.
 *   popts getopt ARG...        poptGetNextOpt() over "errtrail-popt ARG..." with the table below
 *   popts alias                aliases --a => --b and --b => --a, then poptGetNextOpt() on "--a"
 *   popts exec PATH            an exec item --run => PATH, then poptGetNextOpt() on "--run"
 *   popts parse KEYWORD        poptParseArgvString() of a string KEYWORD names (see parse_text)
 *   popts stuff                poptStuffArgs() with an empty argv
 *   popts readfile PATH        poptReadFile(PATH, ...)
 *   popts readconfig PATH      poptReadConfigFile(con, PATH)
 *   popts defaultconfig HOME   poptReadDefaultConfig(con, 0) with $HOME set to HOME
 *   popts mkdir PATH MODE ...  makes the directory PATH (if missing), then runs MODE ...
 *   popts tostring PATH        writes PATH (a short line, then a line of 1000 'x'), then
 *                              poptConfigFileToString() on it
 *   popts savebits KEYWORD     poptSaveBits() of a list KEYWORD names (see bits_text)
 *   popts saveint              poptSaveInt() with POPT_ARGFLAG_OR|POPT_ARGFLAG_AND
 * Strings with quotes, backslashes or '!' do not survive the tracer's command line, so
 * the driver builds them from a keyword.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <popt.h>

static int verbose, count;
static short shortval;
static float ratio;

static struct poptOption table[] = {
	{ "verbose", 'v', POPT_ARG_NONE, &verbose, 0, "be verbose", NULL },
	{ "count", 'c', POPT_ARG_INT, &count, 0, "a count", "N" },
	{ "short", 's', POPT_ARG_SHORT, &shortval, 0, "a short", "N" },
	{ "ratio", 'r', POPT_ARG_FLOAT, &ratio, 0, "a ratio", "X" },
	POPT_TABLEEND
};

static const char *parse_text(const char *k)
{
	if (!strcmp(k, "blank"))
		return "   \t  ";
	if (!strcmp(k, "quote"))		/* say "hi\   (backslash ends the quoted word) */
		return "say \"hi\\";
	if (!strcmp(k, "backslash"))		/* one two\   (backslash ends the string) */
		return "one two\\";
	return k;
}

static const char *bits_text(const char *k)
{
	if (!strcmp(k, "negempty"))		/* a negated attribute with no name */
		return "alpha,beta,!";
	return k;
}

static poptContext context(int argc, const char **argv)
{
	return poptGetContext("errtrail-popt", argc, argv, table, 0);
}

static int run(int argc, char **argv)
{
	const char *mode = argv[0];

	if (!strcmp(mode, "mkdir") && argc > 2) {
		mkdir(argv[1], 0755);
		return run(argc - 2, argv + 2);
	}
	if (!strcmp(mode, "getopt")) {
		const char **av = calloc(argc + 1, sizeof(*av));
		poptContext con;
		int rc, i;

		av[0] = "errtrail-popt";
		for (i = 1; i < argc; i++)
			av[i] = argv[i];
		con = context(argc, av);
		while ((rc = poptGetNextOpt(con)) > 0)
			;
		printf("%d %s\n", rc, rc < -1 ? poptBadOption(con, 0) : "");
		poptFreeContext(con);
	} else if (!strcmp(mode, "alias")) {
		static const char *av[] = { "errtrail-popt", "--a", NULL };
		static const char *to_b[] = { "--b", NULL }, *to_a[] = { "--a", NULL };
		struct poptAlias a = { "a", '\0', 1, NULL }, b = { "b", '\0', 1, NULL };
		poptContext con = context(2, av);

		a.argv = malloc(sizeof(to_b));
		memcpy(a.argv, to_b, sizeof(to_b));
		b.argv = malloc(sizeof(to_a));
		memcpy(b.argv, to_a, sizeof(to_a));
		poptAddAlias(con, a, 0);
		poptAddAlias(con, b, 0);
		printf("%d\n", poptGetNextOpt(con));
	} else if (!strcmp(mode, "exec") && argc > 1) {
		static const char *av[] = { "errtrail-popt", "--run", NULL };
		struct poptItem_s item;
		const char **cmd = malloc(2 * sizeof(*cmd));
		poptContext con = context(2, av);

		cmd[0] = argv[1];
		cmd[1] = NULL;
		memset(&item, 0, sizeof(item));
		item.option.longName = "run";
		item.argc = 1;
		item.argv = cmd;
		poptAddItem(con, &item, 1);
		printf("%d\n", poptGetNextOpt(con));
	} else if (!strcmp(mode, "parse") && argc > 1) {
		int ac = 0;
		const char **av = NULL;

		printf("%d\n", poptParseArgvString(parse_text(argv[1]), &ac, &av));
	} else if (!strcmp(mode, "stuff")) {
		static const char *av[] = { "errtrail-popt", NULL };
		static const char *none[] = { NULL };
		poptContext con = context(1, av);

		printf("%d\n", poptStuffArgs(con, none));
	} else if (!strcmp(mode, "readfile") && argc > 1) {
		char *b = NULL;
		size_t nb = 0;

		printf("%d\n", poptReadFile(argv[1], &b, &nb, POPT_READFILE_TRIMNEWLINES));
	} else if (!strcmp(mode, "readconfig") && argc > 1) {
		static const char *av[] = { "errtrail-popt", NULL };
		poptContext con = context(1, av);

		printf("%d\n", poptReadConfigFile(con, argv[1]));
	} else if (!strcmp(mode, "defaultconfig") && argc > 1) {
		static const char *av[] = { "errtrail-popt", NULL };
		poptContext con = context(1, av);

		setenv("HOME", argv[1], 1);
		printf("%d\n", poptReadDefaultConfig(con, 0));
	} else if (!strcmp(mode, "tostring") && argc > 1) {
		FILE *f = fopen(argv[1], "w");
		char *s = NULL;
		int i;

		if (f == NULL)
			return 2;
		fputs("verbose\n", f);
		for (i = 0; i < 1000; i++)
			fputc('x', f);
		fputc('\n', f);
		fclose(f);
		f = fopen(argv[1], "r");
		if (f == NULL)
			return 2;
		printf("%d\n", poptConfigFileToString(f, &s, 0));
		fclose(f);
	} else if (!strcmp(mode, "savebits") && argc > 1) {
		poptBits bits = NULL;

		printf("%d\n", poptSaveBits(&bits, 0, bits_text(argv[1])));
	} else if (!strcmp(mode, "saveint")) {
		int x = 0;

		printf("%d\n", poptSaveInt(&x, POPT_ARGFLAG_OR | POPT_ARGFLAG_AND, 1));
	} else {
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	return run(argc - 1, argv + 1);
}
