/* realworld corpus driver: libtraceevent (1.7.1) kbuffer reads of a ring-buffer page.
 * The page is built in here, as the kernel lays out a 64-bit little-endian sub-buffer:
 * an 8-byte time stamp, an 8-byte commit (the length of the data), then the events,
 * each a 4-byte header (type_len in the low 5 bits, the time delta above them) and
 * type_len * 4 bytes of data.  The page holds one event of 4 bytes (commit 8).
 * Usage:
 *   kbuffer alloc SIZE ENDIAN  kbuffer_alloc() with the enum values given (0 = 8-byte
 *                              longs, 1 = 4-byte, 2 = as the host; endian 0 = little,
 *                              1 = big, 2 = as the host)
 *   kbuffer next N             load the page, then kbuffer_next_event() N times
 *   kbuffer raw OFFSET         kbuffer_raw_get() of the record at OFFSET bytes into the page
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <traceevent/kbuffer.h>

static unsigned char page[4096];

static void make_page(void)
{
	unsigned long long ts = 1000, commit = 8;
	unsigned int header = 1 | (5u << 5);	/* type_len 1, delta 5 */
	unsigned int data = 0x12345678;

	memcpy(page, &ts, 8);
	memcpy(page + 8, &commit, 8);
	memcpy(page + 16, &header, 4);
	memcpy(page + 20, &data, 4);
}

int main(int argc, char **argv)
{
	struct kbuffer *kbuf;
	unsigned long long ts = 0;
	void *rec;
	int i, n;

	if (argc < 3) {
		fprintf(stderr, "usage: kbuffer alloc SIZE ENDIAN | next N | raw OFFSET\n");
		return 2;
	}
	if (strcmp(argv[1], "alloc") == 0) {
		if (argc < 4)
			return 2;
		kbuf = kbuffer_alloc(atoi(argv[2]), atoi(argv[3]));
		printf("kbuffer_alloc(%s, %s): %s\n", argv[2], argv[3], kbuf ? "ok" : "NULL");
		kbuffer_free(kbuf);
		return kbuf ? 0 : 1;
	}
	make_page();
	kbuf = kbuffer_alloc(KBUFFER_LSIZE_8, KBUFFER_ENDIAN_LITTLE);
	if (!kbuf)
		return 2;
	if (kbuffer_load_subbuffer(kbuf, page) < 0) {
		fprintf(stderr, "kbuffer_load_subbuffer failed\n");
		return 2;
	}
	rec = kbuffer_read_event(kbuf, &ts);
	printf("first record at %ld, ts %llu, size %d\n",
	       rec ? (long)((unsigned char *)rec - page) : -1L, ts, kbuffer_event_size(kbuf));
	if (strcmp(argv[1], "next") == 0) {
		n = atoi(argv[2]);
		for (i = 0; i < n; i++) {
			rec = kbuffer_next_event(kbuf, &ts);
			printf("next %d: %s\n", i, rec ? "record" : "NULL");
		}
	} else if (strcmp(argv[1], "raw") == 0) {
		struct kbuffer_raw_info info = { .next = page + atoi(argv[2]) };
		struct kbuffer_raw_info *r = kbuffer_raw_get(kbuf, page, &info);

		printf("raw at %s: %s\n", argv[2], r ? "record" : "NULL");
		rec = r;
	}
	kbuffer_free(kbuf);
	return rec ? 0 : 1;
}
