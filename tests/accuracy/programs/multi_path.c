/* accuracy: many failing calls over two paths; the most frequent path is diagnosed. */
#include <errno.h>
#include <stdio.h>

int parse_digit(char c)
{
	int v;

	if (c == ' ')
		return -EAGAIN;
	if (c < '0' || c > '9')
		return -EILSEQ;
	v = c - '0';
	return v;
}

int main(void)
{
	const char *s = "1x y z2w";

	for (; *s; s++)
		printf("%d\n", parse_digit(*s));
	return 0;
}
