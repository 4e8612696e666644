/* realworld corpus driver: libyaml (0.2.5) parsing, loading and emitting bad YAML.
 * libyaml's calls return 1 on success and 0 on failure, with the error kept in the
 * parser (parser->error: YAML_READER_ERROR, YAML_SCANNER_ERROR, YAML_PARSER_ERROR,
 * YAML_COMPOSER_ERROR) or the emitter (YAML_EMITTER_ERROR).  The documents are built in
 * here by name, since most YAML indicators do not survive errtrail-collect's command line:
 *   badchar    @x              (@ cannot start any token)
 *   quote      'abc            (single-quoted scalar without its closing quote)
 *   mapping    a: 1 / - b      (two lines: a block entry where a mapping key belongs)
 *   alias      *x              (alias of an anchor never defined)
 *   dupanchor  [&a x, &a y]    (the anchor a defined twice)
 *   utf8       a, then byte 0xff
 *   ok         a: 1
 * Modes:
 *   yaml parse DOC        yaml_parser_parse() until STREAM-END or failure
 *   yaml scan DOC         yaml_parser_scan() until STREAM-END or failure
 *   yaml load DOC         yaml_parser_load()
 *   yaml parsewronly      yaml_parser_set_input_file() on yaml-input.yaml (in the current
 *                         directory) opened with fopen(..., "w"), then yaml_parser_parse()
 *   yaml emit order       yaml_emitter_emit() of a SCALAR event before STREAM-START
 *   yaml emit anchor      STREAM-START, DOCUMENT-START, then a SCALAR with the anchor a.b
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static const struct {
	const char *name, *text;
} docs[] = {
	{"badchar", "@x\n"},
	{"quote", "'abc"},
	{"mapping", "a: 1\n- b\n"},
	{"alias", "*x\n"},
	{"dupanchor", "[&a x, &a y]\n"},
	{"utf8", "a\xff\n"},
	{"ok", "a: 1\n"},
};

static const char *doc(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		if (strcmp(docs[i].name, name) == 0)
			return docs[i].text;
	fprintf(stderr, "unknown document %s\n", name);
	exit(2);
}

static int report(yaml_parser_t *p, const char *what)
{
	printf("%s failed: error %d, problem %s, context %s, at line %zu column %zu\n", what,
	       p->error, p->problem ? p->problem : "-", p->context ? p->context : "-",
	       p->problem_mark.line, p->problem_mark.column);
	return 1;
}

static int parse(yaml_parser_t *p)
{
	yaml_event_t ev;

	for (;;) {
		if (!yaml_parser_parse(p, &ev))
			return report(p, "yaml_parser_parse");
		printf("event %d\n", ev.type);
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		yaml_event_delete(&ev);
	}
}

static int emitted(void *data, unsigned char *buffer, size_t size)
{
	(void) data;
	fwrite(buffer, 1, size, stdout);
	return 1;
}

static int emit(yaml_emitter_t *e, yaml_event_t *ev, const char *what)
{
	if (!yaml_emitter_emit(e, ev)) {
		printf("yaml_emitter_emit(%s) failed: error %d, problem %s\n", what, e->error,
		       e->problem ? e->problem : "-");
		return 1;
	}
	printf("yaml_emitter_emit(%s) = 1\n", what);
	return 0;
}

int main(int argc, char **argv)
{
	yaml_parser_t p;
	yaml_emitter_t e;
	yaml_event_t ev;
	const char *text;

	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "emit") == 0 && argc == 3) {
		if (!yaml_emitter_initialize(&e))
			return 2;
		yaml_emitter_set_output(&e, emitted, NULL);
		if (strcmp(argv[2], "order") == 0) {
			yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)"x", 1, 1, 1,
						     YAML_PLAIN_SCALAR_STYLE);
			return emit(&e, &ev, "SCALAR");
		}
		if (strcmp(argv[2], "anchor") == 0) {
			yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
			if (emit(&e, &ev, "STREAM-START"))
				return 2;
			yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
			if (emit(&e, &ev, "DOCUMENT-START"))
				return 2;
			yaml_scalar_event_initialize(&ev, (yaml_char_t *)"a.b", NULL,
						     (yaml_char_t *)"x", 1, 1, 1,
						     YAML_PLAIN_SCALAR_STYLE);
			return emit(&e, &ev, "SCALAR");
		}
		return 2;
	}
	if (!yaml_parser_initialize(&p))
		return 2;
	if (strcmp(argv[1], "parsewronly") == 0 && argc == 2) {
		FILE *f = fopen("yaml-input.yaml", "w");

		if (!f) {
			perror("yaml-input.yaml");
			return 2;
		}
		yaml_parser_set_input_file(&p, f);
		return parse(&p);
	}
	if (argc != 3)
		return 2;
	text = doc(argv[2]);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, strlen(text));
	if (strcmp(argv[1], "parse") == 0)
		return parse(&p);
	if (strcmp(argv[1], "scan") == 0) {
		yaml_token_t tok;

		for (;;) {
			if (!yaml_parser_scan(&p, &tok))
				return report(&p, "yaml_parser_scan");
			printf("token %d\n", tok.type);
			if (tok.type == YAML_STREAM_END_TOKEN) {
				yaml_token_delete(&tok);
				return 0;
			}
			yaml_token_delete(&tok);
		}
	}
	if (strcmp(argv[1], "load") == 0) {
		yaml_document_t d;

		if (!yaml_parser_load(&p, &d))
			return report(&p, "yaml_parser_load");
		printf("loaded, root %p\n", (void *)yaml_document_get_root_node(&d));
		yaml_document_delete(&d);
		return 0;
	}
	return 2;
}
