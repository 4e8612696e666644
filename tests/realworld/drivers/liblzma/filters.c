/* realworld corpus driver: liblzma filter chains that are not valid.
 * CHAIN is a comma-separated list of filter names (lzma1, lzma2, delta, x86) or Filter
 * IDs in hex (0x...); lzma1/lzma2 get preset 6's options, delta distance 1, x86 start
 * offset 0, a hex ID a zeroed 64-byte options block (or NULL: "0x..-" ).
 *   filters decoder CHAIN      lzma_raw_decoder() of the chain
 *   filters encoder CHAIN      lzma_raw_encoder() of the chain
 *   filters copy CHAIN         lzma_filters_copy() of the chain
 * Each prints what the call returned.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lzma.h>

static lzma_options_lzma lzma_opts;
static lzma_options_delta delta_opts = { .type = LZMA_DELTA_TYPE_BYTE, .dist = 1 };
static lzma_options_bcj bcj_opts = { .start_offset = 0 };
static uint8_t other_opts[64];

/* CHAIN into filters[] (at most LZMA_FILTERS_MAX + 1 entries and the terminator) */
static void parse_chain(char *chain, lzma_filter *filters)
{
	size_t n = 0;

	for (char *name = strtok(chain, ","); name != NULL; name = strtok(NULL, ",")) {
		if (n > LZMA_FILTERS_MAX) {
			fprintf(stderr, "chain too long\n");
			exit(2);
		}
		if (strcmp(name, "lzma1") == 0) {
			filters[n].id = LZMA_FILTER_LZMA1;
			filters[n].options = &lzma_opts;
		} else if (strcmp(name, "lzma2") == 0) {
			filters[n].id = LZMA_FILTER_LZMA2;
			filters[n].options = &lzma_opts;
		} else if (strcmp(name, "delta") == 0) {
			filters[n].id = LZMA_FILTER_DELTA;
			filters[n].options = &delta_opts;
		} else if (strcmp(name, "x86") == 0) {
			filters[n].id = LZMA_FILTER_X86;
			filters[n].options = &bcj_opts;
		} else if (strncmp(name, "0x", 2) == 0) {
			filters[n].id = strtoull(name, NULL, 16);
			filters[n].options = name[strlen(name) - 1] == '-' ? NULL : other_opts;
		} else {
			fprintf(stderr, "unknown filter %s\n", name);
			exit(2);
		}
		n++;
	}
	filters[n].id = LZMA_VLI_UNKNOWN;
	filters[n].options = NULL;
}

int main(int argc, char **argv)
{
	lzma_filter filters[LZMA_FILTERS_MAX + 2];
	const char *mode = argc > 1 ? argv[1] : "decoder";
	lzma_ret ret;

	if (argc < 3) {
		fprintf(stderr, "usage: filters MODE CHAIN\n");
		return 2;
	}
	if (lzma_lzma_preset(&lzma_opts, 6))
		return 2;
	parse_chain(strdup(argv[2]), filters);

	if (strcmp(mode, "decoder") == 0) {
		lzma_stream strm = LZMA_STREAM_INIT;

		ret = lzma_raw_decoder(&strm, filters);
		lzma_end(&strm);
	} else if (strcmp(mode, "encoder") == 0) {
		lzma_stream strm = LZMA_STREAM_INIT;

		ret = lzma_raw_encoder(&strm, filters);
		lzma_end(&strm);
	} else if (strcmp(mode, "copy") == 0) {
		lzma_filter copy[LZMA_FILTERS_MAX + 1];

		ret = lzma_filters_copy(filters, copy, NULL);
		if (ret == LZMA_OK)
			lzma_filters_free(copy, NULL);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s %s: %d\n", mode, argv[2], (int)ret);
	return 0;
}
