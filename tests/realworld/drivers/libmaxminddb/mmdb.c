/* realworld corpus driver: libmaxminddb (1.7.1) calls with bad files, bad databases and
 * bad lookup paths.  libmaxminddb returns its own positive codes (MMDB_FILE_OPEN_ERROR 1,
 * MMDB_CORRUPT_SEARCH_TREE_ERROR 2, MMDB_INVALID_METADATA_ERROR 3, MMDB_IO_ERROR 4,
 * MMDB_UNKNOWN_DATABASE_FORMAT_ERROR 6, MMDB_INVALID_LOOKUP_PATH_ERROR 8,
 * MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR 9, MMDB_INVALID_NODE_NUMBER_ERROR 10).
 *
 * The databases are written here, in the MaxMind DB format, to errtrail-mmdb.mmdb in the
 * current directory: an IPv4 search tree of one node with 24-bit records (6 bytes; the
 * left record points at the data section's offset 0, the right one is empty), the
 * 16-byte separator, a data section holding one map
 *   {"country": {"iso_code": "XX", "names": {"en": "Nowhere"}}, "ranks": [1, 2]}
 * and the metadata marker "\xab\xcd\xefMaxMind.com" followed by the metadata map
 * (node_count 1, record_size 24, ip_version 4, database_type "Errtrail-Test",
 * languages ["en"], binary_format_major_version 2, binary_format_minor_version 0,
 * build_epoch 1700000000, description {"en": "test"}).
 *   mmdb open PATH               MMDB_open(PATH, MMDB_MODE_MMAP)
 *   mmdb text                    MMDB_open() of a file holding "hello world\n"
 *   mmdb make VARIANT [OP ...]   writes the database, MMDB_open() on it, then OP:
 *     VARIANT: good          as above
 *              nonodecount   metadata without node_count
 *              recsize16     record_size 16
 *              recsizestr    record_size the string "24"
 *              major3        binary_format_major_version 3
 *              bignodes      node_count 1000 (the file holds one node)
 *              badptr        the left record points 5 bytes past the data section
 *     OP: lookup IP          MMDB_lookup_string(IP)
 *         readnode N         MMDB_read_node(N)
 *         get P1,P2,...      MMDB_lookup_string("1.2.3.4"), then MMDB_aget_value() on
 *                            its entry with the comma-separated path
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <maxminddb.h>

static unsigned char buf[4096];
static size_t len;

static void put(const void *p, size_t n) { memcpy(buf + len, p, n); len += n; }
static void byte(unsigned b) { buf[len++] = (unsigned char)b; }
static void str(const char *s) { byte(0x40 | (unsigned)strlen(s)); put(s, strlen(s)); }
static void map(unsigned n) { byte(0xe0 | n); }
static void array(unsigned n) { byte(n); byte(4); }          /* extended type 11 */
static void uint_be(unsigned long v, unsigned n)
{
	while (n-- > 0)
		byte((unsigned)(v >> (8 * n)) & 0xff);
}
static void u16(unsigned v) { unsigned n = v > 0xff ? 2 : v ? 1 : 0; byte(0xa0 | n); uint_be(v, n); }
static void u32(unsigned long v) { unsigned n = v > 0xffff ? 4 : v > 0xff ? 2 : v ? 1 : 0; byte(0xc0 | n); uint_be(v, n); }
static void u64(unsigned long v) { byte(4); byte(2); uint_be(v, 4); }  /* extended type 9 */

static void make(const char *variant)
{
	unsigned node_count = !strcmp(variant, "bignodes") ? 1000 : 1;
	unsigned fields = 9 - !strcmp(variant, "nonodecount");
	size_t data_start, data_size;
	unsigned long left;
	FILE *f;

	/* search tree: one node, two 24-bit records, filled in below */
	len = 6;
	memset(buf, 0, 6 + 16);
	len = 6 + 16;
	data_start = len;
	map(2);
	str("country");
	map(2);
	str("iso_code");
	str("XX");
	str("names");
	map(1);
	str("en");
	str("Nowhere");
	str("ranks");
	array(2);
	u16(1);
	u16(2);
	put("\xab\xcd\xefMaxMind.com", 14);
	map(fields);
	if (strcmp(variant, "nonodecount")) {
		str("node_count");
		u32(node_count);
	}
	str("record_size");
	if (!strcmp(variant, "recsizestr"))
		str("24");
	else
		u16(!strcmp(variant, "recsize16") ? 16 : 24);
	str("ip_version");
	u16(4);
	str("database_type");
	str("Errtrail-Test");
	str("languages");
	array(1);
	str("en");
	str("binary_format_major_version");
	u16(!strcmp(variant, "major3") ? 3 : 2);
	str("binary_format_minor_version");
	u16(0);
	str("build_epoch");
	u64(1700000000);
	str("description");
	map(1);
	str("en");
	str("test");
	/* data_section_size as the library computes it: everything after the separator */
	data_size = len - data_start;
	left = 1 + 16 + 0;
	if (!strcmp(variant, "badptr"))
		left = 1 + data_size + 5;
	buf[0] = (left >> 16) & 0xff;
	buf[1] = (left >> 8) & 0xff;
	buf[2] = left & 0xff;
	buf[3] = 0;
	buf[4] = 0;
	buf[5] = 1; /* node_count: empty */
	f = fopen("errtrail-mmdb.mmdb", "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		perror("errtrail-mmdb.mmdb");
		exit(2);
	}
	printf("wrote %zu bytes, data section %zu bytes\n", len, data_size);
}

static int open_db(const char *path, MMDB_s *mmdb)
{
	int r = MMDB_open(path, MMDB_MODE_MMAP, mmdb);

	printf("MMDB_open(%s): %d (%s)\n", path, r, MMDB_strerror(r));
	return r;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	MMDB_s mmdb;

	if (!strcmp(cmd, "open") && argc > 2) {
		if (open_db(argv[2], &mmdb) == MMDB_SUCCESS)
			MMDB_close(&mmdb);
	} else if (!strcmp(cmd, "text")) {
		FILE *f = fopen("errtrail-mmdb.txt", "w");

		fputs("hello world\n", f);
		fclose(f);
		if (open_db("errtrail-mmdb.txt", &mmdb) == MMDB_SUCCESS)
			MMDB_close(&mmdb);
	} else if (!strcmp(cmd, "make") && argc > 2) {
		const char *op = argc > 3 ? argv[3] : "";
		const char *arg = argc > 4 ? argv[4] : "";

		make(argv[2]);
		if (open_db("errtrail-mmdb.mmdb", &mmdb) != MMDB_SUCCESS)
			return 0;
		if (!strcmp(op, "lookup") || !strcmp(op, "get")) {
			int gai = 0, err = 0;
			MMDB_lookup_result_s res =
				MMDB_lookup_string(&mmdb, !strcmp(op, "lookup") ? arg : "1.2.3.4", &gai, &err);

			printf("lookup: gai %d, mmdb %d (%s), found %d, netmask %u\n", gai, err,
			       MMDB_strerror(err), res.found_entry, res.netmask);
			if (!strcmp(op, "get") && res.found_entry) {
				const char *path[16];
				char *copy = strdup(arg), *tok;
				MMDB_entry_data_s data;
				int n = 0, r;

				for (tok = strtok(copy, ","); tok && n < 15; tok = strtok(NULL, ","))
					path[n++] = tok;
				path[n] = NULL;
				r = MMDB_aget_value(&res.entry, &data, path);
				printf("MMDB_aget_value(%s): %d (%s)\n", arg, r, MMDB_strerror(r));
				free(copy);
			}
		} else if (!strcmp(op, "readnode")) {
			MMDB_search_node_s node;
			int r = MMDB_read_node(&mmdb, (uint32_t)strtoul(arg, NULL, 0), &node);

			printf("MMDB_read_node(%s): %d (%s)\n", arg, r, MMDB_strerror(r));
		}
		MMDB_close(&mmdb);
	} else {
		fprintf(stderr, "usage: mmdb open PATH | text | make VARIANT [OP ARG]\n");
		return 2;
	}
	return 0;
}
