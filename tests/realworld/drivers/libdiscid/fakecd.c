/* libdiscid: discid_read() on a drive whose table of contents the driver makes up.
 *
 *   fakecd FIRST LAST LEADOUT [CTRL:LBA ...]
 *
 * The machine has no CD drive, so this driver plays one: it writes an empty regular file
 * /tmp/errtrail-libdiscid-drive, hands its path to discid_read(), and defines ioctl()
 * itself (the static link takes the driver's definition over libc's weak one).  On that
 * file CDROMREADTOCHDR answers FIRST and LAST (cdth_trk0, cdth_trk1), CDROMREADTOCENTRY
 * answers track N with the Nth CTRL:LBA pair (control nibble, LBA address; N counted from
 * FIRST) and the lead-out (0xAA) with LEADOUT; CDROM_GET_MCN and SG_IO fail with EIO, as
 * a drive without MCN or ISRC support.  Every other descriptor gets the real ioctl. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/cdrom.h>
#include <discid/discid.h>

#define DRIVE "/tmp/errtrail-libdiscid-drive"

static struct stat drive;
static int first, last, leadout, ntracks;
static int ctrl[100], lba[100];

int ioctl(int fd, unsigned long request, ...)
{
	struct stat st;
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);

	if (fstat(fd, &st) != 0 || st.st_dev != drive.st_dev || st.st_ino != drive.st_ino)
		return syscall(SYS_ioctl, fd, request, arg);

	if (request == CDROMREADTOCHDR) {
		struct cdrom_tochdr *th = arg;
		th->cdth_trk0 = first;
		th->cdth_trk1 = last;
		return 0;
	}
	if (request == CDROMREADTOCENTRY) {
		struct cdrom_tocentry *te = arg;
		int n = te->cdte_track;
		if (n == CDROM_LEADOUT) {
			te->cdte_ctrl = 0;
			te->cdte_addr.lba = leadout;
			return 0;
		}
		if (n - first < 0 || n - first >= ntracks) {
			errno = EINVAL;
			return -1;
		}
		te->cdte_ctrl = ctrl[n - first];
		te->cdte_addr.lba = lba[n - first];
		return 0;
	}
	errno = EIO;
	return -1;
}

int main(int argc, char **argv)
{
	DiscId *disc;
	FILE *f;
	int i, ok;

	if (argc < 4) {
		fprintf(stderr, "usage: %s FIRST LAST LEADOUT [CTRL:LBA ...]\n", argv[0]);
		return 2;
	}
	first = atoi(argv[1]);
	last = atoi(argv[2]);
	leadout = atoi(argv[3]);
	for (i = 4; i < argc && ntracks < 100; i++)
		if (sscanf(argv[i], "%d:%d", &ctrl[ntracks], &lba[ntracks]) == 2)
			ntracks++;

	f = fopen(DRIVE, "w");
	if (f == NULL || fclose(f) != 0 || stat(DRIVE, &drive) != 0) {
		perror(DRIVE);
		return 2;
	}

	disc = discid_new();
	ok = discid_read(disc, DRIVE);
	printf("discid_read(%s): %d (%s)\n", DRIVE, ok,
	       ok ? discid_get_id(disc) : discid_get_error_msg(disc));
	discid_free(disc);
	return ok ? 0 : 1;
}
