/* parse_record() crashes (SIGSEGV) inside itself on its second call. */
#include <stdio.h>

struct record {
	int length;
};

int parse_record(const struct record *rec, int index)
{
	int length = 0;

	if (index > 0)
		length = rec->length;
	return length - 1;
}

int main(void)
{
	struct record ok = { 5 };

	printf("parse_record(ok) = %d\n", parse_record(&ok, 1));
	fflush(stdout);
	printf("parse_record(NULL) = %d\n", parse_record(NULL, 1));
	return 0;
}
