/* errtrail real-library driver: libprotobuf-c with bad input.
 *
 * The descriptors below are written by hand as protoc-c 1.4 would generate them for
 *
 *   package errtrail;
 *   message Inner { required int32 id = 1; required string label = 2; }
 *   message Test {
 *     enum Color { RED = 0; GREEN = 1; BLUE = 2; }
 *     required int32 id = 1;
 *     optional string name = 2;
 *     repeated fixed32 vals = 3 [packed = true];
 *     optional Inner sub = 4;
 *     repeated int32 nums = 5 [packed = true];
 *     optional double d = 6;
 *     optional Color color = 7;
 *     repeated string tags = 8;
 *   }
 *   service Store { rpc Get (Test) returns (Inner); rpc Put (Test) returns (Inner); }
 *
 * Usage:
 *   pbc unpack HEX [FAILAT]   protobuf_c_message_unpack(Test, HEX bytes); with FAILAT, the
 *                             allocator's FAILAT-th allocation (1-based) returns NULL
 *   pbc check reqstring       protobuf_c_message_check() of an Inner whose label is NULL
 *   pbc check tags            protobuf_c_message_check() of a Test whose tags[1] is NULL
 *   pbc field NAME            protobuf_c_message_descriptor_get_field_by_name(Inner, NAME)
 *   pbc enum NAME             protobuf_c_enum_descriptor_get_value_by_name(Color, NAME)
 *   pbc method NAME           protobuf_c_service_descriptor_get_method_by_name(Store, NAME)
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <protobuf-c/protobuf-c.h>

typedef struct {
	ProtobufCMessage base;
	int32_t id;
	char *label;
} Inner;

typedef enum { COLOR_RED = 0, COLOR_GREEN = 1, COLOR_BLUE = 2 } Color;

typedef struct {
	ProtobufCMessage base;
	int32_t id;
	char *name;
	size_t n_vals;
	uint32_t *vals;
	Inner *sub;
	size_t n_nums;
	int32_t *nums;
	protobuf_c_boolean has_d;
	double d;
	protobuf_c_boolean has_color;
	Color color;
	size_t n_tags;
	char **tags;
} Test;

static const ProtobufCMessageDescriptor inner_descriptor;
static const ProtobufCMessageDescriptor test_descriptor;
static const ProtobufCEnumDescriptor color_descriptor;

static void inner_init(Inner *m)
{
	static const Inner init = { PROTOBUF_C_MESSAGE_INIT(&inner_descriptor), 0, NULL };
	*m = init;
}

static void test_init(Test *m)
{
	static const Test init = { PROTOBUF_C_MESSAGE_INIT(&test_descriptor), 0, NULL, 0, NULL,
				   NULL, 0, NULL, 0, 0, 0, COLOR_RED, 0, NULL };
	*m = init;
}

static const ProtobufCEnumValue color_values[3] = {
	{ "RED", "COLOR_RED", 0 },
	{ "GREEN", "COLOR_GREEN", 1 },
	{ "BLUE", "COLOR_BLUE", 2 },
};
static const ProtobufCIntRange color_value_ranges[] = { { 0, 0 }, { 0, 3 } };
static const ProtobufCEnumValueIndex color_by_name[3] = {
	{ "BLUE", 2 }, { "GREEN", 1 }, { "RED", 0 },
};
static const ProtobufCEnumDescriptor color_descriptor = {
	PROTOBUF_C__ENUM_DESCRIPTOR_MAGIC, "errtrail.Test.Color", "Color", "Color", "errtrail",
	3, color_values, 3, color_by_name, 1, color_value_ranges, NULL, NULL, NULL, NULL
};

static const ProtobufCFieldDescriptor inner_fields[2] = {
	{ "id", 1, PROTOBUF_C_LABEL_REQUIRED, PROTOBUF_C_TYPE_INT32, 0, offsetof(Inner, id),
	  NULL, NULL, 0, 0, NULL, NULL },
	{ "label", 2, PROTOBUF_C_LABEL_REQUIRED, PROTOBUF_C_TYPE_STRING, 0, offsetof(Inner, label),
	  NULL, NULL, 0, 0, NULL, NULL },
};
static const unsigned inner_fields_by_name[] = { 0, 1 };
static const ProtobufCIntRange inner_ranges[] = { { 1, 0 }, { 0, 2 } };
static const ProtobufCMessageDescriptor inner_descriptor = {
	PROTOBUF_C__MESSAGE_DESCRIPTOR_MAGIC, "errtrail.Inner", "Inner", "Inner", "errtrail",
	sizeof(Inner), 2, inner_fields, inner_fields_by_name, 1, inner_ranges,
	(ProtobufCMessageInit) inner_init, NULL, NULL, NULL
};

static const ProtobufCFieldDescriptor test_fields[8] = {
	{ "id", 1, PROTOBUF_C_LABEL_REQUIRED, PROTOBUF_C_TYPE_INT32, 0, offsetof(Test, id),
	  NULL, NULL, 0, 0, NULL, NULL },
	{ "name", 2, PROTOBUF_C_LABEL_OPTIONAL, PROTOBUF_C_TYPE_STRING, 0, offsetof(Test, name),
	  NULL, NULL, 0, 0, NULL, NULL },
	{ "vals", 3, PROTOBUF_C_LABEL_REPEATED, PROTOBUF_C_TYPE_FIXED32, offsetof(Test, n_vals),
	  offsetof(Test, vals), NULL, NULL, PROTOBUF_C_FIELD_FLAG_PACKED, 0, NULL, NULL },
	{ "sub", 4, PROTOBUF_C_LABEL_OPTIONAL, PROTOBUF_C_TYPE_MESSAGE, 0, offsetof(Test, sub),
	  &inner_descriptor, NULL, 0, 0, NULL, NULL },
	{ "nums", 5, PROTOBUF_C_LABEL_REPEATED, PROTOBUF_C_TYPE_INT32, offsetof(Test, n_nums),
	  offsetof(Test, nums), NULL, NULL, PROTOBUF_C_FIELD_FLAG_PACKED, 0, NULL, NULL },
	{ "d", 6, PROTOBUF_C_LABEL_OPTIONAL, PROTOBUF_C_TYPE_DOUBLE, offsetof(Test, has_d),
	  offsetof(Test, d), NULL, NULL, 0, 0, NULL, NULL },
	{ "color", 7, PROTOBUF_C_LABEL_OPTIONAL, PROTOBUF_C_TYPE_ENUM, offsetof(Test, has_color),
	  offsetof(Test, color), &color_descriptor, NULL, 0, 0, NULL, NULL },
	{ "tags", 8, PROTOBUF_C_LABEL_REPEATED, PROTOBUF_C_TYPE_STRING, offsetof(Test, n_tags),
	  offsetof(Test, tags), NULL, NULL, 0, 0, NULL, NULL },
};
static const unsigned test_fields_by_name[] = { 6, 5, 0, 1, 4, 3, 7, 2 };
static const ProtobufCIntRange test_ranges[] = { { 1, 0 }, { 0, 8 } };
static const ProtobufCMessageDescriptor test_descriptor = {
	PROTOBUF_C__MESSAGE_DESCRIPTOR_MAGIC, "errtrail.Test", "Test", "Test", "errtrail",
	sizeof(Test), 8, test_fields, test_fields_by_name, 1, test_ranges,
	(ProtobufCMessageInit) test_init, NULL, NULL, NULL
};

static const ProtobufCMethodDescriptor store_methods[2] = {
	{ "Get", &test_descriptor, &inner_descriptor },
	{ "Put", &test_descriptor, &inner_descriptor },
};
static const unsigned store_method_indices_by_name[] = { 0, 1 };
static const ProtobufCServiceDescriptor store_descriptor = {
	PROTOBUF_C__SERVICE_DESCRIPTOR_MAGIC, "errtrail.Store", "Store", "Store", "errtrail",
	2, store_methods, store_method_indices_by_name
};

/* An allocator whose fail_at-th allocation fails (0: none does). */
static unsigned n_allocs, fail_at;

static void *counting_alloc(void *data, size_t size)
{
	(void) data;
	if (++n_allocs == fail_at)
		return NULL;
	return malloc(size);
}

static void counting_free(void *data, void *p)
{
	(void) data;
	free(p);
}

static ProtobufCAllocator counting_allocator = { counting_alloc, counting_free, NULL };

static size_t unhex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;
	while (hex[0] && hex[1] && n < max) {
		unsigned v;
		if (sscanf(hex, "%2x", &v) != 1)
			break;
		out[n++] = (uint8_t) v;
		hex += 2;
	}
	return n;
}

static int usage(void)
{
	fprintf(stderr, "usage: pbc unpack HEX [FAILAT] | check reqstring|tags | field NAME |"
		" enum NAME | method NAME\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	if (strcmp(argv[1], "unpack") == 0) {
		uint8_t buf[256];
		size_t len = unhex(argv[2], buf, sizeof(buf));
		ProtobufCMessage *m;

		if (argc > 3)
			fail_at = (unsigned) atoi(argv[3]);
		m = protobuf_c_message_unpack(&test_descriptor, &counting_allocator, len, buf);
		printf("unpack(%zu bytes) = %p after %u allocations\n", len, (void *) m, n_allocs);
		if (m)
			protobuf_c_message_free_unpacked(m, &counting_allocator);
		return m ? 0 : 1;
	}
	if (strcmp(argv[1], "check") == 0) {
		protobuf_c_boolean ok;
		if (strcmp(argv[2], "reqstring") == 0) {
			Inner in;
			inner_init(&in);
			in.id = 1; /* label left NULL */
			ok = protobuf_c_message_check(&in.base);
		} else if (strcmp(argv[2], "tags") == 0) {
			Test t;
			char *tags[2] = { "a", NULL };
			test_init(&t);
			t.id = 1;
			t.n_tags = 2;
			t.tags = tags;
			ok = protobuf_c_message_check(&t.base);
		} else {
			return usage();
		}
		printf("check(%s) = %d\n", argv[2], ok);
		return ok ? 0 : 1;
	}
	if (strcmp(argv[1], "field") == 0) {
		const ProtobufCFieldDescriptor *f =
			protobuf_c_message_descriptor_get_field_by_name(&inner_descriptor, argv[2]);
		printf("field(%s) = %s\n", argv[2], f ? f->name : "(null)");
		return f ? 0 : 1;
	}
	if (strcmp(argv[1], "enum") == 0) {
		const ProtobufCEnumValue *v =
			protobuf_c_enum_descriptor_get_value_by_name(&color_descriptor, argv[2]);
		printf("enum(%s) = %s\n", argv[2], v ? v->name : "(null)");
		return v ? 0 : 1;
	}
	if (strcmp(argv[1], "method") == 0) {
		const ProtobufCMethodDescriptor *md =
			protobuf_c_service_descriptor_get_method_by_name(&store_descriptor, argv[2]);
		printf("method(%s) = %s\n", argv[2], md ? md->name : "(null)");
		return md ? 0 : 1;
	}
	return usage();
}
