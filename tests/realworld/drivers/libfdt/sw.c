/* realworld corpus driver: libfdt's sequential-write API (fdt_create() ... fdt_finish())
 * used out of order or with too small a buffer.
 *
 * sw MODE:
 *
 *   reservemaptwice  fdt_create() of 4096 bytes, fdt_finish_reservemap() twice (the
 *                    second one in the 'struct' state)
 *   beginsmall       fdt_create() of 72 bytes (48 of header, 16 of the reservation
 *                    map's terminator, 8 left), fdt_finish_reservemap(),
 *                    fdt_begin_node("") (8 bytes), then fdt_begin_node("soc") (12)
 *   finishbadtag     fdt_create() of 4096 bytes, the root node with one property
 *                    "errtrail,x" = <1>, whose tag the driver then overwrites with 0x99,
 *                    fdt_end_node(), fdt_finish()
 *   afterfinish      a complete tree (fdt_finish() done, magic FDT_MAGIC), then
 *                    fdt_begin_node("late")
 *   emptysmall       fdt_create_empty_tree() of 72 bytes (room for the root's
 *                    FDT_BEGIN_NODE but not its FDT_END_NODE)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>

static unsigned long long buf[4096 / 8];   /* 8-byte aligned, as libfdt requires */

#define CHECK(call)                                                       \
	do {                                                              \
		int rc_ = (call);                                         \
		if (rc_ < 0) {                                            \
			fprintf(stderr, "%s: %s\n", #call, fdt_strerror(rc_)); \
			exit(2);                                          \
		}                                                         \
	} while (0)

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "reservemaptwice";
	void *fdt = buf;
	int rc;

	if (strcmp(mode, "reservemaptwice") == 0) {
		CHECK(fdt_create(fdt, sizeof(buf)));
		CHECK(fdt_finish_reservemap(fdt));
		rc = fdt_finish_reservemap(fdt);
	} else if (strcmp(mode, "beginsmall") == 0) {
		CHECK(fdt_create(fdt, 72));
		CHECK(fdt_finish_reservemap(fdt));
		CHECK(fdt_begin_node(fdt, ""));
		rc = fdt_begin_node(fdt, "soc");
	} else if (strcmp(mode, "finishbadtag") == 0) {
		fdt32_t *prop;

		CHECK(fdt_create(fdt, sizeof(buf)));
		CHECK(fdt_finish_reservemap(fdt));
		CHECK(fdt_begin_node(fdt, ""));
		CHECK(fdt_property_u32(fdt, "errtrail,x", 1));
		/* the root's FDT_BEGIN_NODE and empty name take 8 bytes; the property's tag follows */
		prop = (fdt32_t *)((char *)fdt + fdt_off_dt_struct(fdt) + 8);
		*prop = cpu_to_fdt32(0x99);
		CHECK(fdt_end_node(fdt));
		rc = fdt_finish(fdt);
	} else if (strcmp(mode, "afterfinish") == 0) {
		CHECK(fdt_create(fdt, sizeof(buf)));
		CHECK(fdt_finish_reservemap(fdt));
		CHECK(fdt_begin_node(fdt, ""));
		CHECK(fdt_end_node(fdt));
		CHECK(fdt_finish(fdt));
		rc = fdt_begin_node(fdt, "late");
	} else if (strcmp(mode, "emptysmall") == 0) {
		rc = fdt_create_empty_tree(fdt, 72);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? fdt_strerror(rc) : "ok");
	return 0;
}
