/* realworld corpus driver: libconfig's setting API on a parsed configuration.
 *
 * The configuration is always the text below (config_read_string()); MODE picks the
 * call that fails:
 *
 * add_dup          config_setting_add(root, "port", CONFIG_TYPE_INT): "port" exists
 * add_scalar       config_setting_add(<port>, "x", CONFIG_TYPE_INT): port is an int
 * add_type         config_setting_add(root, "timeout", 99): no such type
 * add_badname      config_setting_add(root, "a.b", CONFIG_TYPE_INT): '.' in the name
 * set_elem_type    config_setting_set_int_elem(<mixed>, 0, 1): mixed[0] is a string
 * append_elem_type config_setting_set_string_elem(<ports>, -1, "http"): ports holds ints
 * member           config_setting_get_member(<limits>, "min"): limits has only max
 * lookup_float     config_setting_lookup_float(root, "debug", &d): debug is a bool
 */
#include <stdio.h>
#include <string.h>
#include <libconfig.h>

static const char *text =
	"name = \"web\";\nport = 8080;\nratio = 0.5;\ndebug = true;\n"
	"limits = { max = 10; };\nports = [ 80, 443 ];\nmixed = ( \"a\", 1 );\n";

static config_setting_t *get(config_t *cfg, const char *path)
{
	config_setting_t *s = config_lookup(cfg, path);

	if (!s)
		fprintf(stderr, "no setting %s\n", path);
	return s;
}

int main(int argc, char **argv)
{
	config_setting_t *root, *s = NULL;
	const char *mode;
	config_t cfg;
	int rc = -1;

	if (argc < 2) {
		fprintf(stderr, "usage: setting MODE\n");
		return 2;
	}
	mode = argv[1];
	config_init(&cfg);
	if (!config_read_string(&cfg, text)) {
		fprintf(stderr, "parse: %s line %d\n", config_error_text(&cfg), config_error_line(&cfg));
		return 2;
	}
	root = config_root_setting(&cfg);
	if (!strcmp(mode, "add_dup"))
		s = config_setting_add(root, "port", CONFIG_TYPE_INT);
	else if (!strcmp(mode, "add_scalar"))
		s = config_setting_add(get(&cfg, "port"), "x", CONFIG_TYPE_INT);
	else if (!strcmp(mode, "add_type"))
		s = config_setting_add(root, "timeout", 99);
	else if (!strcmp(mode, "add_badname"))
		s = config_setting_add(root, "a.b", CONFIG_TYPE_INT);
	else if (!strcmp(mode, "set_elem_type"))
		s = config_setting_set_int_elem(get(&cfg, "mixed"), 0, 1);
	else if (!strcmp(mode, "append_elem_type"))
		s = config_setting_set_string_elem(get(&cfg, "ports"), -1, "http");
	else if (!strcmp(mode, "member"))
		s = config_setting_get_member(get(&cfg, "limits"), "min");
	else if (!strcmp(mode, "lookup_float")) {
		double d = -1;
		rc = config_setting_lookup_float(root, "debug", &d);
		printf("value %g\n", d);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: setting %p rc %d\n", mode, (void *)s, rc);
	config_destroy(&cfg);
	return 0;
}
