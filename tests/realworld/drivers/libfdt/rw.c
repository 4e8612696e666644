/* realworld corpus driver: libfdt read-write calls on device trees they cannot change.
 *
 * rw MODE: builds the blob of ro.c with the sequential-write API, opens it with
 * fdt_open_into() into a 4096-byte buffer (version 17, free space after the strings
 * block) and, as MODE says:
 *
 *   newprop       fdt_pack() (no free space left), then fdt_setprop(/soc/uart@1000,
 *                 "errtrail,new") (a name not yet in the strings block)
 *   existingprop  fdt_pack(), then fdt_setprop(/empty, "status") (a name the strings
 *                 block already has, from uart@1000)
 *   misordered    off_dt_strings set to off_dt_struct (the strings block starts inside
 *                 the structure block): fdt_add_subnode(/, "new")
 *   v16           version set to 16: fdt_del_node(/empty)
 *   opensmall     fdt_open_into() of the built blob into a 64-byte buffer
 *   sizecells     the root's #size-cells set to 8 bytes:
 *                 fdt_appendprop_addrrange(/, /soc/uart@1000, "reg", 0x2000, 0x10)
 *   cellszero     the root's #address-cells set to <0>: fdt_address_cells(/)
 *   cellslong     the root's #address-cells set to 8 bytes: fdt_address_cells(/)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>

static unsigned long long blob[4096 / 8];   /* 8-byte aligned, as libfdt requires */
static unsigned long long tree[4096 / 8];
static unsigned long long small[64 / 8];

#define CHECK(call)                                                       \
	do {                                                              \
		int rc_ = (call);                                         \
		if (rc_ < 0) {                                            \
			fprintf(stderr, "%s: %s\n", #call, fdt_strerror(rc_)); \
			exit(2);                                          \
		}                                                         \
	} while (0)

static void build(void *fdt)
{
	fdt32_t reg[2] = { cpu_to_fdt32(0x1000), cpu_to_fdt32(0x100) };

	CHECK(fdt_create(fdt, sizeof(blob)));
	CHECK(fdt_finish_reservemap(fdt));
	CHECK(fdt_begin_node(fdt, ""));
	CHECK(fdt_property_string(fdt, "compatible", "errtrail,base"));
	CHECK(fdt_property_u32(fdt, "#address-cells", 1));
	CHECK(fdt_property_u32(fdt, "#size-cells", 1));
	CHECK(fdt_begin_node(fdt, "soc"));
	CHECK(fdt_property_string(fdt, "compatible", "errtrail,soc"));
	CHECK(fdt_begin_node(fdt, "uart@1000"));
	CHECK(fdt_property(fdt, "reg", reg, sizeof(reg)));
	CHECK(fdt_property_string(fdt, "status", "okay"));
	CHECK(fdt_end_node(fdt));
	CHECK(fdt_end_node(fdt));
	CHECK(fdt_begin_node(fdt, "empty"));
	CHECK(fdt_end_node(fdt));
	CHECK(fdt_end_node(fdt));
	CHECK(fdt_finish(fdt));
}

int main(int argc, char **argv)
{
	static const unsigned char eight[8] = { 0, 0, 0, 0, 0, 0, 0, 1 };
	const char *mode = argc > 1 ? argv[1] : "newprop";
	void *fdt = tree;
	int uart, empty, rc;

	build(blob);
	CHECK(fdt_open_into(blob, fdt, sizeof(tree)));
	CHECK(uart = fdt_path_offset(fdt, "/soc/uart@1000"));
	CHECK(empty = fdt_path_offset(fdt, "/empty"));

	if (strcmp(mode, "newprop") == 0) {
		CHECK(fdt_pack(fdt));
		rc = fdt_setprop(fdt, uart, "errtrail,new", "x", 2);
	} else if (strcmp(mode, "existingprop") == 0) {
		CHECK(fdt_pack(fdt));
		rc = fdt_setprop(fdt, empty, "status", "okay", 5);
	} else if (strcmp(mode, "misordered") == 0) {
		fdt_set_off_dt_strings(fdt, fdt_off_dt_struct(fdt));
		rc = fdt_add_subnode(fdt, 0, "new");
	} else if (strcmp(mode, "v16") == 0) {
		fdt_set_version(fdt, 16);
		rc = fdt_del_node(fdt, empty);
	} else if (strcmp(mode, "opensmall") == 0) {
		rc = fdt_open_into(blob, small, sizeof(small));
	} else if (strcmp(mode, "sizecells") == 0) {
		CHECK(fdt_setprop(fdt, 0, "#size-cells", eight, sizeof(eight)));
		CHECK(uart = fdt_path_offset(fdt, "/soc/uart@1000"));
		rc = fdt_appendprop_addrrange(fdt, 0, uart, "reg", 0x2000, 0x10);
	} else if (strcmp(mode, "cellszero") == 0) {
		CHECK(fdt_setprop_u32(fdt, 0, "#address-cells", 0));
		rc = fdt_address_cells(fdt, 0);
	} else if (strcmp(mode, "cellslong") == 0) {
		CHECK(fdt_setprop(fdt, 0, "#address-cells", eight, sizeof(eight)));
		rc = fdt_address_cells(fdt, 0);
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? fdt_strerror(rc) : "ok");
	return 0;
}
