/* Prints how many arguments it got and its $SHELL, then each argument (argv[1] on) as
   hex bytes, one line each, so that a test can see every byte that reached it.
   print_arg returns -ENODATA for an empty argument. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int print_arg(const char *arg)
{
	int n;

	for (n = 0; arg[n]; n++)
		printf("%02x", (unsigned char)arg[n]);
	printf("\n");
	return n ? n : -ENODATA;
}

int main(int argc, char **argv)
{
	const char *shell = getenv("SHELL");

	printf("argc %d\n", argc);
	printf("SHELL %s\n", shell ? shell : "(unset)");
	for (int i = 1; i < argc; i++)
		print_arg(argv[i]);
	return 0;
}
