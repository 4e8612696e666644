/* realworld corpus driver: libfdt's fdt_overlay_apply() with overlays that are wrong.
 *
 * overlay MODE: builds, with the sequential-write API, the base tree
 *
 *   / { compatible = "errtrail,base"; soc { compatible = "errtrail,soc"; };
 *       __symbols__ { soc = "/soc"; }; };
 *
 * and an overlay with one fragment, opens both with fdt_open_into() into 4096-byte
 * buffers and calls fdt_overlay_apply(base, overlay). The overlay, by MODE:
 *
 *   notarget  / { fragment@0 { __overlay__ { errtrail,value = <1>; }; }; }
 *             (neither target nor target-path)
 *   badpath   fragment@0 has target-path = "/nosuch"
 *   nolabel   fragment@0 has target-path = "/soc", its __overlay__ has
 *             errtrail,value = <0xffffffff>, and the overlay has
 *             __fixups__ { nolabel = "/fragment@0/__overlay__:errtrail,value:0"; }
 *             (a label the base's __symbols__ does not have)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>

static unsigned long long base_blob[4096 / 8];   /* 8-byte aligned, as libfdt requires */
static unsigned long long ov_blob[4096 / 8];
static unsigned long long base[4096 / 8];
static unsigned long long ov[4096 / 8];

#define CHECK(call)                                                       \
	do {                                                              \
		int rc_ = (call);                                         \
		if (rc_ < 0) {                                            \
			fprintf(stderr, "%s: %s\n", #call, fdt_strerror(rc_)); \
			exit(2);                                          \
		}                                                         \
	} while (0)

static void build_base(void *fdt)
{
	CHECK(fdt_create(fdt, sizeof(base_blob)));
	CHECK(fdt_finish_reservemap(fdt));
	CHECK(fdt_begin_node(fdt, ""));
	CHECK(fdt_property_string(fdt, "compatible", "errtrail,base"));
	CHECK(fdt_begin_node(fdt, "soc"));
	CHECK(fdt_property_string(fdt, "compatible", "errtrail,soc"));
	CHECK(fdt_end_node(fdt));
	CHECK(fdt_begin_node(fdt, "__symbols__"));
	CHECK(fdt_property_string(fdt, "soc", "/soc"));
	CHECK(fdt_end_node(fdt));
	CHECK(fdt_end_node(fdt));
	CHECK(fdt_finish(fdt));
}

static void build_overlay(void *fdt, const char *mode)
{
	int nolabel = strcmp(mode, "nolabel") == 0;

	CHECK(fdt_create(fdt, sizeof(ov_blob)));
	CHECK(fdt_finish_reservemap(fdt));
	CHECK(fdt_begin_node(fdt, ""));
	CHECK(fdt_begin_node(fdt, "fragment@0"));
	if (strcmp(mode, "badpath") == 0)
		CHECK(fdt_property_string(fdt, "target-path", "/nosuch"));
	else if (nolabel)
		CHECK(fdt_property_string(fdt, "target-path", "/soc"));
	CHECK(fdt_begin_node(fdt, "__overlay__"));
	CHECK(fdt_property_u32(fdt, "errtrail,value", nolabel ? 0xffffffff : 1));
	CHECK(fdt_end_node(fdt));
	CHECK(fdt_end_node(fdt));
	if (nolabel) {
		CHECK(fdt_begin_node(fdt, "__fixups__"));
		CHECK(fdt_property_string(fdt, "nolabel",
					  "/fragment@0/__overlay__:errtrail,value:0"));
		CHECK(fdt_end_node(fdt));
	}
	CHECK(fdt_end_node(fdt));
	CHECK(fdt_finish(fdt));
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "notarget";
	int rc;

	if (strcmp(mode, "notarget") != 0 && strcmp(mode, "badpath") != 0 &&
	    strcmp(mode, "nolabel") != 0) {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	build_base(base_blob);
	build_overlay(ov_blob, mode);
	CHECK(fdt_open_into(base_blob, base, sizeof(base)));
	CHECK(fdt_open_into(ov_blob, ov, sizeof(ov)));
	rc = fdt_overlay_apply(base, ov);
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? fdt_strerror(rc) : "ok");
	return 0;
}
