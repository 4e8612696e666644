/* realworld corpus driver: libfdt read-only lookups in device tree blobs that are broken
 * or lack what is asked for.
 *
 * ro MODE: builds, with the sequential-write API, the blob
 *
 *   / { compatible = "errtrail,base"; #address-cells = <1>; #size-cells = <1>;
 *       soc { compatible = "errtrail,soc";
 *             uart@1000 { reg = <0x1000 0x100>; status = "okay"; }; };
 *       empty { }; };
 *
 * (a finished, version 17 tree, no /aliases), damages it as MODE says and calls one
 * read-only function:
 *
 *   checkmagic     magic 0xdeadbeef, fdt_check_header()
 *   pathmagic      magic 0xdeadbeef, fdt_path_offset_namelen("/soc")
 *   stringmagic    magic 0xdeadbeef, fdt_get_string(0)
 *   unterminated   size_dt_strings one byte short, so the last string of the strings
 *                  block ("compatible", the first one added) has no NUL inside the
 *                  block: fdt_get_string() of it
 *   nameofprop     fdt_get_name() of the offset of the root's first property
 *   getpropmissing fdt_getprop(/soc/uart@1000, "clocks")
 *   badtag         the tag of uart@1000's first property set to 0x99:
 *                  fdt_first_property_offset(/soc/uart@1000)
 *   firstpropnone  fdt_first_property_offset(/empty) (a node without properties)
 *   alias          fdt_path_offset_namelen("serial0/x") (an alias, but no /aliases)
 *   pathmissing    fdt_path_offset_namelen("/soc/nosuch")
 *   truncated      size_dt_struct 12 bytes short (cuts /empty's END_NODE, the root's
 *                  END_NODE and FDT_END): fdt_subnode_offset_namelen(/, "nosuch")
 *   pathsmall      fdt_get_path(/soc/uart@1000) into a 6-byte buffer
 *   phandlemissing fdt_node_offset_by_phandle(0x1234) (no node has a phandle)
 *   badnameoff     the nameoff of uart@1000's first property set to 0x7fff (past the
 *                  blob): fdt_getprop_by_offset() of that property
 *   checkfull      the same nameoff, fdt_check_full()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>

static unsigned long long blob[4096 / 8];   /* 8-byte aligned, as libfdt requires */

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

/* the property at OFFSET of the structure block, writable */
static struct fdt_property *prop_at(void *fdt, int offset)
{
	return (struct fdt_property *)((char *)fdt + fdt_off_dt_struct(fdt) + offset);
}

static void print_str(const char *mode, const void *p, int len)
{
	printf("%s: %p, len %d (%s)\n", mode, p, len, len < 0 ? fdt_strerror(len) : "ok");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "checkmagic";
	void *fdt = blob;
	int uart, empty, rc, len = 0;
	char buf[6];

	build(fdt);
	CHECK(uart = fdt_path_offset(fdt, "/soc/uart@1000"));
	CHECK(empty = fdt_path_offset(fdt, "/empty"));

	if (strcmp(mode, "checkmagic") == 0) {
		fdt_set_magic(fdt, 0xdeadbeef);
		rc = fdt_check_header(fdt);
	} else if (strcmp(mode, "pathmagic") == 0) {
		fdt_set_magic(fdt, 0xdeadbeef);
		rc = fdt_path_offset_namelen(fdt, "/soc", 4);
	} else if (strcmp(mode, "stringmagic") == 0) {
		const char *s;

		fdt_set_magic(fdt, 0xdeadbeef);
		s = fdt_get_string(fdt, 0, &len);
		print_str(mode, s, len);
		return 0;
	} else if (strcmp(mode, "unterminated") == 0) {
		const char *strtab = (const char *)fdt + fdt_off_dt_strings(fdt);
		int size = fdt_size_dt_strings(fdt), last = size - 1;
		const char *s;

		while (last > 0 && strtab[last - 1] != '\0')
			last--;
		fdt_set_size_dt_strings(fdt, size - 1);
		s = fdt_get_string(fdt, last, &len);
		printf("string at %d of %d\n", last, size);
		print_str(mode, s, len);
		return 0;
	} else if (strcmp(mode, "nameofprop") == 0) {
		const char *s;
		int prop;

		CHECK(prop = fdt_first_property_offset(fdt, 0));
		s = fdt_get_name(fdt, prop, &len);
		print_str(mode, s, len);
		return 0;
	} else if (strcmp(mode, "getpropmissing") == 0) {
		const void *p = fdt_getprop(fdt, uart, "clocks", &len);

		print_str(mode, p, len);
		return 0;
	} else if (strcmp(mode, "badtag") == 0) {
		int prop;

		CHECK(prop = fdt_first_property_offset(fdt, uart));
		prop_at(fdt, prop)->tag = cpu_to_fdt32(0x99);
		rc = fdt_first_property_offset(fdt, uart);
	} else if (strcmp(mode, "firstpropnone") == 0) {
		rc = fdt_first_property_offset(fdt, empty);
	} else if (strcmp(mode, "alias") == 0) {
		rc = fdt_path_offset_namelen(fdt, "serial0/x", 9);
	} else if (strcmp(mode, "pathmissing") == 0) {
		rc = fdt_path_offset_namelen(fdt, "/soc/nosuch", 11);
	} else if (strcmp(mode, "truncated") == 0) {
		fdt_set_size_dt_struct(fdt, fdt_size_dt_struct(fdt) - 12);
		rc = fdt_subnode_offset_namelen(fdt, 0, "nosuch", 6);
	} else if (strcmp(mode, "pathsmall") == 0) {
		rc = fdt_get_path(fdt, uart, buf, sizeof(buf));
	} else if (strcmp(mode, "phandlemissing") == 0) {
		rc = fdt_node_offset_by_phandle(fdt, 0x1234);
	} else if (strcmp(mode, "badnameoff") == 0 || strcmp(mode, "checkfull") == 0) {
		int prop;

		CHECK(prop = fdt_first_property_offset(fdt, uart));
		prop_at(fdt, prop)->nameoff = cpu_to_fdt32(0x7fff);
		if (strcmp(mode, "checkfull") == 0) {
			rc = fdt_check_full(fdt, fdt_totalsize(fdt));
		} else {
			const char *name = NULL;
			const void *p = fdt_getprop_by_offset(fdt, prop, &name, &len);

			print_str(mode, p, len);
			return 0;
		}
	} else {
		fprintf(stderr, "unknown mode %s\n", mode);
		return 2;
	}
	printf("%s: %d (%s)\n", mode, rc, rc < 0 ? fdt_strerror(rc) : "ok");
	return 0;
}
