/* errtrail realworld driver for libcbor: build items with the public API and serialize them.
 *
 *   build map KEY VALUE BUFSIZE    {KEY: "VALUE"} (definite map of 1) with cbor_serialize()
 *   build array N BUFSIZE          definite array of N uint8 items (0..N-1), cbor_serialize()
 *   build tag TAG UINT BUFSIZE     tag TAG over the uint UINT, cbor_serialize()
 *   build bytes TEXT BUFSIZE       definite byte string holding TEXT, cbor_serialize()
 *   build string TEXT BUFSIZE      definite text string TEXT, cbor_serialize()
 *   build set INDEX                cbor_array_set() on a definite array of 1 that holds 1 item
 *   build replace INDEX            cbor_array_replace() on the same array
 *   build mapadd                   cbor_map_add() of a 2nd pair into a definite map of 1
 *   build newarray SIZE            cbor_new_definite_array(SIZE)
 *
 * BUFSIZE is the size of the output buffer handed to cbor_serialize(). */
#include <cbor.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void serialize(cbor_item_t *item, const char *bufsize) {
  size_t size = strtoull(bufsize, NULL, 0);
  unsigned char *buf = malloc(size ? size : 1);
  size_t n = cbor_serialize(item, buf, size);
  printf("cbor_serialize(buffer of %zu) = %zu\n", size, n);
  free(buf);
  cbor_decref(&item);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s MODE ...\n", argv[0]);
    return 2;
  }
  const char *mode = argv[1];
  if (!strcmp(mode, "map") && argc == 5) {
    cbor_item_t *map = cbor_new_definite_map(1);
    bool ok = cbor_map_add(map, (struct cbor_pair){
        .key = cbor_move(cbor_build_uint8((uint8_t)atoi(argv[2]))),
        .value = cbor_move(cbor_build_string(argv[3]))});
    printf("cbor_map_add = %d\n", ok);
    serialize(map, argv[4]);
  } else if (!strcmp(mode, "array") && argc == 4) {
    size_t n = strtoull(argv[2], NULL, 0);
    cbor_item_t *array = cbor_new_definite_array(n);
    for (size_t i = 0; i < n; i++)
      cbor_array_push(array, cbor_move(cbor_build_uint8((uint8_t)i)));
    serialize(array, argv[3]);
  } else if (!strcmp(mode, "tag") && argc == 5) {
    cbor_item_t *tag = cbor_build_tag(strtoull(argv[2], NULL, 0),
                                      cbor_move(cbor_build_uint32((uint32_t)strtoul(argv[3], NULL, 0))));
    serialize(tag, argv[4]);
  } else if (!strcmp(mode, "bytes") && argc == 4) {
    serialize(cbor_build_bytestring((cbor_data)argv[2], strlen(argv[2])), argv[3]);
  } else if (!strcmp(mode, "string") && argc == 4) {
    serialize(cbor_build_string(argv[2]), argv[3]);
  } else if ((!strcmp(mode, "set") || !strcmp(mode, "replace")) && argc == 3) {
    cbor_item_t *array = cbor_new_definite_array(1);
    cbor_array_push(array, cbor_move(cbor_build_uint8(1)));
    cbor_item_t *value = cbor_build_uint8(2);
    size_t index = strtoull(argv[2], NULL, 0);
    bool ok = !strcmp(mode, "set") ? cbor_array_set(array, index, value)
                                   : cbor_array_replace(array, index, value);
    printf("cbor_array_%s(array of size %zu, %zu) = %d\n", mode, cbor_array_size(array), index, ok);
    cbor_decref(&value);
    cbor_decref(&array);
    return ok ? 0 : 1;
  } else if (!strcmp(mode, "mapadd") && argc == 2) {
    cbor_item_t *map = cbor_new_definite_map(1);
    for (uint8_t k = 1; k <= 2; k++) {
      cbor_item_t *key = cbor_build_uint8(k), *value = cbor_build_bool(true);
      bool ok = cbor_map_add(map, (struct cbor_pair){.key = key, .value = value});
      printf("cbor_map_add(key %u) = %d, map size %zu\n", k, ok, cbor_map_size(map));
      cbor_decref(&key);
      cbor_decref(&value);
    }
    cbor_decref(&map);
  } else if (!strcmp(mode, "newarray") && argc == 3) {
    size_t size = strtoull(argv[2], NULL, 0);
    cbor_item_t *array = cbor_new_definite_array(size);
    printf("cbor_new_definite_array(%zu) = %p\n", size, (void *)array);
    if (array == NULL) return 1;
    cbor_decref(&array);
  } else {
    fprintf(stderr, "bad arguments\n");
    return 2;
  }
  return 0;
}
