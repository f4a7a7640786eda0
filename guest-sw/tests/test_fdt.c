/* FDT reader: a tree built here (like QEMU virt's), lookups, and malformed blobs (truncated,
 * bad magic/version/tokens/offsets, plus random corruption that must never crash). */
#include <stdint.h>
#include <string.h>

#include "fdt.h"
#include "test_util.h"

static uint8_t blob[4096];
static uint32_t sb[1024], nsb; /* structure block, big-endian words */
static char strings[512];
static uint32_t nstr;

static uint32_t be(uint32_t v) {
  return ((v & 0xffu) << 24) | ((v & 0xff00u) << 8) | ((v >> 8) & 0xff00u) | (v >> 24);
}
static void tok(uint32_t t) { sb[nsb++] = be(t); }
static void node(const char *name) {
  tok(1);
  size_t n = strlen(name) + 1;
  memset(&sb[nsb], 0, (n + 3) & ~3u);
  memcpy(&sb[nsb], name, n);
  nsb += (uint32_t)((n + 3) / 4);
}
static void end_node(void) { tok(2); }
static uint32_t str_off(const char *s) {
  for (uint32_t o = 0; o < nstr; o += (uint32_t)strlen(strings + o) + 1)
    if (strcmp(strings + o, s) == 0) return o;
  uint32_t o = nstr;
  strcpy(strings + nstr, s);
  nstr += (uint32_t)strlen(s) + 1;
  return o;
}
static void prop(const char *name, const void *val, uint32_t len) {
  tok(3);
  tok(len);
  tok(str_off(name));
  memset(&sb[nsb], 0, (len + 3) & ~3u);
  memcpy(&sb[nsb], val, len);
  nsb += (len + 3) / 4;
}
static void prop_u32(const char *name, uint32_t v) {
  uint32_t b = be(v);
  prop(name, &b, 4);
}

/* Builds a QEMU-virt-like tree; returns its size. */
static uint32_t build(int with_memory) {
  nsb = nstr = 0;
  node("");
  prop_u32("#address-cells", 2);
  prop_u32("#size-cells", 2);
  prop("compatible", "riscv-virtio", 13);
  node("chosen");
  prop("bootargs", "run=memhog,ws=8M hz=100", 24);
  end_node();
  node("cpus");
  prop_u32("#address-cells", 1);
  prop_u32("timebase-frequency", 10000000);
  node("cpu@0");
  prop("device_type", "cpu", 4);
  end_node();
  end_node();
  node("soc");
  node("memory-controller@1000"); /* a decoy whose name starts with "memory" */
  prop_u32("reg", 1);
  end_node();
  end_node();
  if (with_memory) {
    node("memory@80000000");
    prop("device_type", "memory", 7);
    uint32_t reg[4] = {0, be(0x80000000u), 0, be(0x4000000u)};
    prop("reg", reg, sizeof reg);
    end_node();
  }
  end_node();
  tok(9);
  uint32_t off_struct = 64, size_struct = nsb * 4;
  uint32_t off_strings = off_struct + size_struct;
  uint32_t total = off_strings + nstr;
  memset(blob, 0, sizeof blob);
  uint32_t hdr[10] = {be(FDT_MAGIC), be(total),       be(off_struct), be(off_strings),
                      be(40),        be(17),          be(16),         be(0),
                      be(nstr),      be(size_struct)};
  memcpy(blob, hdr, sizeof hdr);
  memcpy(blob + off_struct, sb, size_struct);
  memcpy(blob + off_strings, strings, nstr);
  return total;
}

static void put_be(uint32_t off, uint32_t v) {
  uint32_t b = be(v);
  memcpy(blob + off, &b, 4);
}

int main(void) {
  uint32_t total = build(1);
  fdt_info_t info;
  CHECK_EQ(fdt_check(blob, sizeof blob), FDT_OK);
  CHECK_EQ(fdt_parse_info(blob, sizeof blob, &info), FDT_OK);
  CHECK_EQ(info.mem_base, 0x80000000u);
  CHECK_EQ(info.mem_size, 0x4000000u);
  CHECK_EQ(info.timebase_hz, 10000000);
  CHECK(strcmp(info.bootargs, "run=memhog,ws=8M hz=100") == 0);
  const void *v;
  uint32_t len;
  CHECK_EQ(fdt_get_prop(blob, "/cpus/cpu", "device_type", &v, &len), FDT_OK);
  CHECK_EQ(len, 4);
  CHECK_EQ(fdt_get_prop(blob, "/cpus/cpu@0", "device_type", &v, &len), FDT_OK);
  CHECK_EQ(fdt_get_prop(blob, "/cpus/cpu@1", "device_type", &v, &len), FDT_ERR_NOTFOUND);
  CHECK_EQ(fdt_get_prop(blob, "/chosen", "nothing", &v, &len), FDT_ERR_NOTFOUND);
  CHECK_EQ(fdt_get_prop(blob, "/", "compatible", &v, &len), FDT_OK);
  CHECK_EQ(fdt_get_prop(blob, "/cpu", "device_type", &v, &len), FDT_ERR_NOTFOUND); /* not at root */
  CHECK_EQ(fdt_get_prop(blob, "/memory", "device_type", &v, &len), FDT_OK);

  /* No /memory: an error, not a guess. */
  build(0);
  CHECK_EQ(fdt_parse_info(blob, sizeof blob, &info), FDT_ERR_NOTFOUND);

  /* Malformed headers */
  total = build(1);
  CHECK_EQ(fdt_check(blob, total - 1), FDT_ERR_TRUNCATED); /* buffer shorter than totalsize */
  CHECK_EQ(fdt_check(blob, 20), FDT_ERR_TRUNCATED);
  CHECK_EQ(fdt_check(NULL, 100), FDT_ERR_TRUNCATED);
  put_be(0, 0xdeadbeef);
  CHECK_EQ(fdt_check(blob, sizeof blob), FDT_ERR_MAGIC);
  build(1);
  put_be(20, 15); /* version */
  CHECK_EQ(fdt_check(blob, sizeof blob), FDT_ERR_VERSION);
  build(1);
  put_be(8, 0xfffffff0u); /* off_dt_struct */
  CHECK_EQ(fdt_check(blob, sizeof blob), FDT_ERR_TRUNCATED);
  build(1);
  put_be(36, 0x7fffffffu); /* size_dt_struct */
  CHECK_EQ(fdt_check(blob, sizeof blob), FDT_ERR_TRUNCATED);
  build(1);
  put_be(4, 0xffffffffu); /* totalsize */
  CHECK_EQ(fdt_check(blob, sizeof blob), FDT_ERR_TRUNCATED);

  /* Malformed structure */
  build(1);
  put_be(64, 7); /* unknown token */
  CHECK_EQ(fdt_check(blob, sizeof blob), FDT_ERR_BADSTRUCT);
  build(1);
  put_be(64 + 8, 3); /* a property token where the root's first property sits, with ... */
  put_be(64 + 12, 0x10000); /* ... a length running past the block */
  CHECK(fdt_check(blob, sizeof blob) != FDT_OK);
  build(1);
  put_be(64 + 16, 0x10000); /* string offset out of range (first prop's nameoff) */
  CHECK_EQ(fdt_check(blob, sizeof blob), FDT_ERR_BADSTRUCT);
  total = build(1);
  put_be(36, (nsb - 1) * 4); /* drop FDT_END */
  CHECK_EQ(fdt_check(blob, sizeof blob), FDT_ERR_BADSTRUCT);
  build(1);
  put_be(36, 6); /* cut in the middle of the root's name: unterminated */
  CHECK_EQ(fdt_check(blob, sizeof blob), FDT_ERR_BADSTRUCT);

  /* Random corruption: any result is fine, but no crash and no read outside the blob
   * (run under AddressSanitizer). */
  uint32_t seed = 1;
  for (int iter = 0; iter < 20000; iter++) {
    total = build(1);
    for (int k = 0; k < 1 + iter % 4; k++) {
      seed = seed * 1103515245u + 12345u;
      uint32_t off = (seed >> 8) % total;
      seed = seed * 1103515245u + 12345u;
      blob[off] ^= (uint8_t)(1u << ((seed >> 16) & 7));
    }
    fdt_parse_info(blob, total, &info);
  }
  return test_report("guest_fdt");
}
