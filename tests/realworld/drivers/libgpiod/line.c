/* realworld corpus driver: libgpiod line and event calls without a GPIO chip.
 *
 * line MODE: event_short (gpiod_line_event_read_fd() of a pipe holding 3 bytes,
 * less than one struct gpioevent_data), get_unrequested (gpiod_line_get_value() of
 * a line that was never requested).
 *
 * The machine that built the corpus has no GPIO chip, so get_unrequested passes a
 * zero-filled stand-in for the line: what gpiod_chip_get_line() allocates before it
 * sets the offset and chip and reads the line info (state LINE_FREE, offset 0).
 * The path the call takes reads only the line's state.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <gpiod.h>

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "event_short";
	int rc;

	if (strcmp(mode, "event_short") == 0) {
		struct gpiod_line_event event;
		int fds[2];

		if (pipe(fds) || write(fds[1], "abc", 3) != 3) {
			perror("pipe");
			return 2;
		}
		rc = gpiod_line_event_read_fd(fds[0], &event);
	} else if (strcmp(mode, "get_unrequested") == 0) {
		static union {
			char bytes[256];
			long align;
		} line;

		memset(&line, 0, sizeof(line));
		rc = gpiod_line_get_value((struct gpiod_line *)&line);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? strerror(errno) : "ok");
	return 0;
}
