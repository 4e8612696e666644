/* accuracy: `return lib_err(err);` / `return lib_err_ptr(err);` with the wrappers
 * defined in wrap_forward_hdr.h (the diagnosis sees only this file): the value comes
 * from the call that set err. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wrap_forward_hdr.h"

struct cfg_entry {
	char key[32];
	const char *value;
};

static int parse_key(const char *line, char *key, size_t size)
{
	size_t n = 0;

	while (line[n] && line[n] != '=') {
		if (!isalnum((unsigned char)line[n]) && line[n] != '_')
			return -EILSEQ;
		n++;
	}
	if (line[n] != '=' || n == 0)
		return -ENOKEY;
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(key, line, n);
	key[n] = '\0';
	return (int)n;
}

int cfg_line_check(const char *line)
{
	char key[32];
	int err;

	if (!line)
		return lib_err(-EINVAL);
	err = parse_key(line, key, sizeof(key));
	if (err < 0)
		return lib_err(err);
	return 0;
}

struct cfg_entry *cfg_entry_new(const char *line)
{
	struct cfg_entry *e;
	int err;

	e = calloc(1, sizeof(*e));
	if (!e)
		return lib_err_ptr(-ENOMEM);
	err = parse_key(line, e->key, sizeof(e->key));
	if (err < 0) {
		free(e);
		return lib_err_ptr(err);
	}
	e->value = line + err + 1;
	return e;
}

int main(void)
{
	printf("%d\n", cfg_line_check("log-level=3"));
	if (!cfg_entry_new("log-level=3"))
		perror("cfg_entry_new");
	return 0;
}
