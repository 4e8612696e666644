/* realworld corpus driver: libtraceevent (1.7.1) registering a print helper function
 * (a plugin's tep_register_print_function()) with a bad parameter list.
 * Usage:
 *   funcs register TYPE...  register helper "errtrail_helper" returning an int, with the
 *                           parameters of the given tep_func_arg_type values (0 void,
 *                           1 int, 2 long, 3 string, 4 pointer; 5 and above are invalid),
 *                           ended by TEP_FUNC_ARG_VOID
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <traceevent/event-parse.h>

static unsigned long long helper(struct trace_seq *s, unsigned long long *args)
{
	return args[0];
}

int main(int argc, char **argv)
{
	enum tep_func_arg_type t[4] = {TEP_FUNC_ARG_VOID, TEP_FUNC_ARG_VOID,
				       TEP_FUNC_ARG_VOID, TEP_FUNC_ARG_VOID};
	struct tep_handle *tep;
	int i, ret;

	if (argc < 2 || strcmp(argv[1], "register") != 0 || argc > 5) {
		fprintf(stderr, "usage: funcs register TYPE [TYPE [TYPE]]\n");
		return 2;
	}
	for (i = 2; i < argc; i++)
		t[i - 2] = atoi(argv[i]);
	tep = tep_alloc();
	if (!tep)
		return 2;
	ret = tep_register_print_function(tep, helper, TEP_FUNC_ARG_INT, "errtrail_helper",
					  t[0], t[1], t[2], TEP_FUNC_ARG_VOID);
	printf("tep_register_print_function: %d\n", ret);
	tep_free(tep);
	return ret ? 1 : 0;
}
