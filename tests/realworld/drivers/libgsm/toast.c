/* The toast/untoast program of the libgsm source package (src/toast*.c, built with
 * the library; its main() renamed toast_main() in libtoast.a) run on bad input.
 * Each scenario makes /tmp/errtrail-libgsm-<scenario>/ afresh and runs toast on it:
 *
 *   toast missing     toast -c DIR/none.u             (no such file)
 *   toast exists      toast DIR/a.u, DIR/a.u.gsm exists (stderr not a tty, no -f)
 *   toast links       toast DIR/a.u, DIR/b.u a hard link to it
 *   toast short       toast -d -c DIR/a.gsm, 10 bytes (a frame is 33)
 *   toast badframe    toast -d -c DIR/a.gsm, 33 zero bytes (no 0xD magic nibble)
 *   toast write_full  toast -c DIR/a.u (160 u-law samples), stdout /dev/full, unbuffered
 *   toast ulaw_full   toast -d -c DIR/a.gsm (one frame), stdout /dev/full, unbuffered
 *   toast au_full     toast -d -c -s DIR/a.gsm (Sun .au output), stdout /dev/full, unbuffered
 *   toast au_magic    toast -c DIR/a.au, header ".snx..."
 *   toast au_short    toast -c DIR/a.au, header ".snd" and 2 more bytes
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern int toast_main(int, char **);

static char dir[256];

static char *path(const char *name)
{
	static char buf[8][512];
	static int n;
	char *p = buf[n++ % 8];
	snprintf(p, 512, "%s/%s", dir, name);
	return p;
}

static void put(const char *name, const void *data, size_t len)
{
	FILE *f = fopen(path(name), "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) { perror(name); exit(2); }
}

static void stdout_full(void)
{
	int fd = open("/dev/full", O_WRONLY);
	if (fd < 0 || dup2(fd, 1) < 0) { perror("/dev/full"); exit(2); }
	close(fd);
	setvbuf(stdout, NULL, _IONBF, 0);
}

int main(int argc, char **argv)
{
	static const char *names[] = { "none.u", "a.u", "a.u.gsm", "b.u", "a.gsm", "a", "a.au", 0 };
	const char *what = argc > 1 ? argv[1] : "";
	unsigned char ulaw[160], frame[33];
	char *av[8];
	int ac = 0, i;

	snprintf(dir, sizeof dir, "/tmp/errtrail-libgsm-%s", what);
	for (i = 0; names[i]; i++) unlink(path(names[i]));
	rmdir(dir);
	if (mkdir(dir, 0755)) { perror(dir); return 2; }

	memset(ulaw, 0xff, sizeof ulaw);		/* u-law silence */
	memset(frame, 0, sizeof frame);
	av[ac++] = "toast";

	if (!strcmp(what, "missing")) {
		av[ac++] = "-c";
		av[ac++] = path("none.u");
	} else if (!strcmp(what, "exists")) {
		put("a.u", ulaw, sizeof ulaw);
		put("a.u.gsm", frame, sizeof frame);
		av[ac++] = path("a.u");
	} else if (!strcmp(what, "links")) {
		put("a.u", ulaw, sizeof ulaw);
		if (link(path("a.u"), path("b.u"))) { perror("link"); return 2; }
		av[ac++] = path("a.u");
	} else if (!strcmp(what, "short")) {
		frame[0] = 0xd0;
		put("a.gsm", frame, 10);
		av[ac++] = "-d"; av[ac++] = "-c";
		av[ac++] = path("a.gsm");
	} else if (!strcmp(what, "badframe")) {
		put("a.gsm", frame, sizeof frame);
		av[ac++] = "-d"; av[ac++] = "-c";
		av[ac++] = path("a.gsm");
	} else if (!strcmp(what, "write_full")) {
		put("a.u", ulaw, sizeof ulaw);
		stdout_full();
		av[ac++] = "-c";
		av[ac++] = path("a.u");
	} else if (!strcmp(what, "ulaw_full") || !strcmp(what, "au_full")) {
		frame[0] = 0xd0;			/* magic 0xD, all parameters 0 */
		put("a.gsm", frame, sizeof frame);
		stdout_full();
		av[ac++] = "-d"; av[ac++] = "-c";
		if (!strcmp(what, "au_full")) av[ac++] = "-s";
		av[ac++] = path("a.gsm");
	} else if (!strcmp(what, "au_magic")) {
		static const unsigned char hdr[24] = { '.', 's', 'n', 'x', 0, 0, 0, 24, 0xff, 0xff, 0xff, 0xff,
						       0, 0, 0, 1, 0, 0, 0x1f, 0x40, 0, 0, 0, 1 };
		put("a.au", hdr, sizeof hdr);
		av[ac++] = "-c";
		av[ac++] = path("a.au");
	} else if (!strcmp(what, "au_short")) {
		put("a.au", ".snd\0\0", 6);
		av[ac++] = "-c";
		av[ac++] = path("a.au");
	} else {
		fprintf(stderr, "usage: toast missing|exists|links|short|badframe|write_full|"
			"ulaw_full|au_full|au_magic|au_short\n");
		return 2;
	}
	av[ac] = NULL;
	return toast_main(ac, av);	/* exits */
}
