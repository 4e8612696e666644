/* realworld corpus driver: libsmartcols tables used wrongly.
 *
 * table MODE: nocols (scols_print_table_to_string() of a table with lines but no
 * columns), nocols-stdout (scols_print_table() of the same), getline (scols_table_get_line()
 * of line 0 after line 0 of three was removed), group (scols_table_group_lines() of a
 * line of one group with a member of another), coldata (scols_line_set_column_data()
 * of a two-cell line with the fourth column of another table).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libsmartcols.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "nocols";
	struct libscols_table *tb = scols_new_table();
	int rc = 0;

	if (!tb)
		return 2;
	if (strcmp(mode, "nocols") == 0 || strcmp(mode, "nocols-stdout") == 0) {
		char *data = NULL;

		if (!scols_table_new_line(tb, NULL) || !scols_table_new_line(tb, NULL))
			return 2;
		if (strcmp(mode, "nocols") == 0)
			rc = scols_print_table_to_string(tb, &data);
		else
			rc = scols_print_table(tb);
		free(data);
	} else if (strcmp(mode, "getline") == 0) {
		struct libscols_line *ln;

		if (!scols_table_new_column(tb, "NAME", 0, 0)
		    || !scols_table_new_line(tb, NULL) || !scols_table_new_line(tb, NULL)
		    || !scols_table_new_line(tb, NULL))
			return 2;
		scols_table_remove_line(tb, scols_table_get_line(tb, 0));
		ln = scols_table_get_line(tb, 0);
		printf("%s: %zu lines, line 0 is %p\n", mode, scols_table_get_nlines(tb), (void *)ln);
	} else if (strcmp(mode, "group") == 0) {
		struct libscols_line *a, *b, *c, *d;

		if (!scols_table_new_column(tb, "NAME", 0, SCOLS_FL_TREE))
			return 2;
		a = scols_table_new_line(tb, NULL);
		b = scols_table_new_line(tb, NULL);
		c = scols_table_new_line(tb, NULL);
		d = scols_table_new_line(tb, NULL);
		if (!a || !b || !c || !d || scols_table_group_lines(tb, a, b, 0)
		    || scols_table_group_lines(tb, c, d, 0))
			return 2;
		rc = scols_table_group_lines(tb, a, d, 0);
	} else if (strcmp(mode, "coldata") == 0) {
		struct libscols_table *other = scols_new_table();
		struct libscols_column *cl = NULL;
		struct libscols_line *ln;
		int i;

		if (!other || !scols_table_new_column(tb, "A", 0, 0)
		    || !scols_table_new_column(tb, "B", 0, 0))
			return 2;
		for (i = 0; i < 4; i++)
			cl = scols_table_new_column(other, "X", 0, 0);
		ln = scols_table_new_line(tb, NULL);
		if (!cl || !ln)
			return 2;
		rc = scols_line_set_column_data(ln, cl, "errtrail");
		scols_unref_table(other);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? strerror(-rc) : "ok");
	scols_unref_table(tb);
	return 0;
}
