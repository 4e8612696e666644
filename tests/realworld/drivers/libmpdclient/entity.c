/* libmpdclient parser/entity driver: feeds one response line to mpd_parser_feed(),
 * or one name/value pair (as a server would send it) to the entity constructors.
 * No connection.  argv[1] selects the scenario:
 *
 *   line TEXT          mpd_parser_feed() on TEXT (one response line, no newline)
 *   song NAME VALUE    mpd_song_begin() on the pair NAME: VALUE ("-" is an empty value)
 *   entity NAME VALUE  mpd_entity_begin() on the pair NAME: VALUE
 */
#include <mpd/client.h>
#include <mpd/parser.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s MODE ARG...\n", argv[0]);
		return 2;
	}
	const char *mode = argv[1];

	if (strcmp(mode, "line") == 0) {
		struct mpd_parser *p = mpd_parser_new();
		char *line = strdup(argv[2]);
		enum mpd_parser_result r = mpd_parser_feed(p, line);
		printf("result %d\n", (int)r);
		free(line);
		mpd_parser_free(p);
		return r == MPD_PARSER_MALFORMED ? 1 : 0;
	}
	if (argc < 4) {
		fprintf(stderr, "usage: %s %s NAME VALUE\n", argv[0], mode);
		return 2;
	}
	struct mpd_pair pair = {
		.name = argv[2],
		.value = strcmp(argv[3], "-") == 0 ? "" : argv[3],
	};
	if (strcmp(mode, "song") == 0) {
		struct mpd_song *s = mpd_song_begin(&pair);
		printf("song %p, errno %d\n", (void *)s, s == NULL ? errno : 0);
		if (s == NULL)
			return 1;
		mpd_song_free(s);
		return 0;
	}
	if (strcmp(mode, "entity") == 0) {
		struct mpd_entity *e = mpd_entity_begin(&pair);
		printf("entity %p, errno %d\n", (void *)e, e == NULL ? errno : 0);
		if (e == NULL)
			return 1;
		mpd_entity_free(e);
		return 0;
	}
	fprintf(stderr, "unknown mode %s\n", mode);
	return 2;
}
