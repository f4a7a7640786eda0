/* Unit tests of the board link's shared pieces (include/boardlink_proto.h and libboardlink):
 * CRC-32, frame encoding and the byte-wise frame parser (including a fuzz run with a fixed seed),
 * flash image packing and every bad-image check, ELF flattening and its errors, and the self-test
 * report parser.
 *
 *   test_boardlink [--seed N] [--iterations N] [ELF...]
 * Each ELF given (e.g. the real self-test) is packed, parsed back and compared. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardlink/client.h"
#include "boardlink_proto.h"

static int failures;
static unsigned long seed = 20240611;

#define CHECK(cond)                                                                     \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      fprintf(stderr, "FAIL %s:%d: %s (seed %lu)\n", __FILE__, __LINE__, #cond, seed);  \
      failures++;                                                                       \
    }                                                                                   \
  } while (0)

/* xorshift64*: deterministic for a given seed, the same on every host. */
static unsigned long long rng_state;
static uint32_t rnd(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (uint32_t)((rng_state * 2685821657736338717ull) >> 32);
}

/* Feeds bytes; returns the number of FRAME events and remembers the last frame's fields. */
typedef struct {
  int frames, bad_crc, bad_len;
  uint8_t type, seq;
  uint16_t len;
  uint8_t payload[BL_MAX_PAYLOAD];
} feed_result_t;

static void feed(bl_parser_t *p, const uint8_t *b, size_t n, feed_result_t *r) {
  for (size_t i = 0; i < n; i++) {
    int ev = bl_parser_feed(p, b[i]);
    if (ev == BL_PARSE_FRAME) {
      r->frames++;
      r->type = p->type;
      r->seq = p->seq;
      r->len = p->len;
      memcpy(r->payload, p->buf, p->len);
    } else if (ev == BL_PARSE_BAD_CRC) {
      r->bad_crc++;
    } else if (ev == BL_PARSE_BAD_LEN) {
      r->bad_len++;
    }
  }
}

static void test_crc(void) {
  CHECK(bl_crc32("123456789", 9) == 0xCBF43926u);  /* the CRC-32/IEEE check value */
  CHECK(bl_crc32("", 0) == 0);
  uint32_t s = bl_crc32_update(BL_CRC_INIT, "1234", 4);
  CHECK(bl_crc32_final(bl_crc32_update(s, "56789", 5)) == 0xCBF43926u);
}

static void test_frames(void) {
  static const uint16_t lens[] = {0, 1, 4, 12, 255, 256, 508, BL_MAX_PAYLOAD};
  uint8_t frame[BL_MAX_FRAME], payload[BL_MAX_PAYLOAD], buf[BL_MAX_PAYLOAD];
  for (unsigned i = 0; i < BL_MAX_PAYLOAD; i++) payload[i] = (uint8_t)(i * 7 + 3);
  for (unsigned k = 0; k < sizeof lens / sizeof lens[0]; k++) {
    size_t n = bl_frame_encode(frame, BL_T_LOAD, (uint8_t)k, payload, lens[k]);
    CHECK(n == BL_HEADER_BYTES + lens[k] + BL_CRC_BYTES);
    bl_parser_t p;
    bl_parser_init(&p, buf, BL_MAX_PAYLOAD);
    feed_result_t r = {0};
    const char *text = "BOOTROM banner text\r\n";
    feed(&p, (const uint8_t *)text, strlen(text), &r);  /* text before the frame is skipped */
    feed(&p, frame, n, &r);
    CHECK(r.frames == 1 && r.bad_crc == 0 && r.type == BL_T_LOAD && r.seq == k && r.len == lens[k]);
    CHECK(memcmp(r.payload, payload, lens[k]) == 0);
    /* Every single-bit error in type..crc is caught as a CRC error (or a length error), never
     * accepted. */
    for (size_t byte = 2; byte < n; byte++) {
      for (int bit = 0; bit < 8; bit += 3) {
        uint8_t bad[BL_MAX_FRAME + 8];
        memcpy(bad, frame, n);
        bad[byte] ^= (uint8_t)(1u << bit);
        bl_parser_init(&p, buf, BL_MAX_PAYLOAD);
        feed_result_t rb = {0};
        feed(&p, bad, n, &rb);
        /* A changed length makes the parser wait for more bytes: complete with padding. */
        uint8_t pad[BL_MAX_FRAME] = {0};
        feed(&p, pad, sizeof pad, &rb);
        CHECK(rb.frames == 0);
        if (rb.frames) {
          fprintf(stderr, "  accepted a frame of length %u with byte %zu bit %d flipped\n", lens[k], byte, bit);
          break;
        }
      }
    }
  }
  /* The sync bytes: 0xA5 0xA5 0x5A still syncs; a lone 0x5A does not. */
  size_t n = bl_frame_encode(frame, BL_T_HELLO, 9, NULL, 0);
  bl_parser_t p;
  bl_parser_init(&p, buf, BL_MAX_PAYLOAD);
  feed_result_t r = {0};
  uint8_t pre[] = {BL_SOF1, BL_SOF0};
  feed(&p, pre, sizeof pre, &r);
  feed(&p, frame, n, &r);
  CHECK(r.frames == 1 && r.type == BL_T_HELLO && r.seq == 9 && r.len == 0);
  /* Oversized length: BAD_LEN, then the parser hunts again and finds the next frame. */
  uint8_t big[] = {BL_SOF0, BL_SOF1, BL_T_LOAD, 1, 0x01, 0x02};  /* len 513 */
  bl_parser_init(&p, buf, BL_MAX_PAYLOAD);
  memset(&r, 0, sizeof r);
  feed(&p, big, sizeof big, &r);
  CHECK(r.bad_len == 1 && !bl_parser_busy(&p));
  feed(&p, frame, n, &r);
  CHECK(r.frames == 1);
  /* A smaller capacity (the boot ROM could have one) is honoured. */
  bl_parser_init(&p, buf, 16);
  memset(&r, 0, sizeof r);
  n = bl_frame_encode(frame, BL_T_LOAD, 1, payload, 17);
  feed(&p, frame, n, &r);
  CHECK(r.bad_len == 1 && r.frames == 0);
  /* A truncated frame leaves the parser busy; reset (the boot ROM's inter-byte timeout) recovers. */
  n = bl_frame_encode(frame, BL_T_LOAD, 2, payload, 100);
  bl_parser_init(&p, buf, BL_MAX_PAYLOAD);
  memset(&r, 0, sizeof r);
  feed(&p, frame, 50, &r);
  CHECK(bl_parser_busy(&p));
  bl_parser_reset(&p);
  feed(&p, frame, n, &r);
  CHECK(r.frames == 1 && r.len == 100);
  /* Encoding refuses oversized payloads. */
  CHECK(bl_frame_encode(frame, BL_T_LOAD, 0, payload, BL_MAX_PAYLOAD + 1) == 0);
}

/* Random garbage and mutated frames: the parser never writes outside its buffer, every FRAME it
 * reports carries a CRC that matches its contents, and a good frame after a reset is found. */
static void test_fuzz(unsigned long iterations) {
  rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
  uint8_t mem[BL_MAX_PAYLOAD + 64];
  const uint8_t guard = 0xC3;
  for (unsigned long it = 0; it < iterations && failures < 10; it++) {
    uint16_t cap = (uint16_t)(rnd() % (BL_MAX_PAYLOAD + 1));
    memset(mem, guard, sizeof mem);
    bl_parser_t p;
    bl_parser_init(&p, mem + 32, cap);
    uint8_t stream[2048];
    size_t n = 0;
    while (n < sizeof stream - BL_MAX_FRAME) {
      uint32_t what = rnd() % 4;
      if (what == 0) {  /* garbage, biased towards the sync bytes */
        size_t k = rnd() % 40;
        for (size_t i = 0; i < k; i++) {
          uint32_t x = rnd() % 8;
          stream[n++] = x == 0 ? BL_SOF0 : x == 1 ? BL_SOF1 : (uint8_t)rnd();
        }
      } else {  /* a frame, maybe damaged or cut short */
        uint8_t pl[BL_MAX_PAYLOAD];
        size_t len = rnd() % (BL_MAX_PAYLOAD + 1);
        for (size_t i = 0; i < len; i++) pl[i] = (uint8_t)rnd();
        size_t fl = bl_frame_encode(stream + n, (uint8_t)rnd(), (uint8_t)rnd(), pl, len);
        if (what == 2) stream[n + rnd() % fl] ^= (uint8_t)(1u + rnd() % 255);
        if (what == 3 && rnd() % 2) fl = rnd() % fl;
        n += fl;
      }
    }
    for (size_t i = 0; i < n; i++) {
      int ev = bl_parser_feed(&p, stream[i]);
      if (ev == BL_PARSE_FRAME) {
        uint8_t re[BL_MAX_FRAME];
        size_t rl = bl_frame_encode(re, p.type, p.seq, p.buf, p.len);
        CHECK(p.len <= cap);
        CHECK(rl && bl_get32(re + rl - 4) == p.rx_crc);
      }
    }
    for (size_t i = 0; i < 32; i++) CHECK(mem[i] == guard);
    for (size_t i = 32 + cap; i < sizeof mem; i++) CHECK(mem[i] == guard);
    /* Recovery: after a reset a good frame within the capacity is always found. */
    bl_parser_reset(&p);
    uint8_t good[BL_MAX_FRAME], pl[4] = {1, 2, 3, 4};
    size_t gl = bl_frame_encode(good, BL_T_JUMP, 77, pl, cap >= 4 ? 4 : 0);
    feed_result_t r = {0};
    feed(&p, good, gl, &r);
    CHECK(r.frames == 1 && r.seq == 77);
    if (failures) fprintf(stderr, "  fuzz iteration %lu failed; rerun with --seed %lu\n", it, seed);
  }
}

/* ---------------------------------------------------------------- ELF and flash images */
/* A minimal ELF32 RISC-V executable: two PT_LOAD segments with a gap, plus a .bss-only one. */
static size_t make_elf(uint8_t *e, uint32_t base, uint32_t entry) {
  memset(e, 0, 512);
  memcpy(e, "\177ELF", 4);
  e[4] = 1; e[5] = 1; e[6] = 1;
  bl_put16(e + 16, 2);       /* ET_EXEC */
  bl_put16(e + 18, 243);     /* EM_RISCV */
  bl_put32(e + 20, 1);
  bl_put32(e + 24, entry);
  bl_put32(e + 28, 52);      /* phoff */
  bl_put16(e + 40, 52);
  bl_put16(e + 42, 32);
  bl_put16(e + 44, 3);
  static const uint32_t seg[3][4] = {{200, 0, 40, 40}, {240, 0x100, 10, 10}, {0, 0x200, 0, 64}};
  for (int i = 0; i < 3; i++) {
    uint8_t *ph = e + 52 + 32 * i;
    bl_put32(ph, 1);
    bl_put32(ph + 4, seg[i][0]);
    bl_put32(ph + 8, base + seg[i][1]);
    bl_put32(ph + 12, base + seg[i][1]);
    bl_put32(ph + 16, seg[i][2]);
    bl_put32(ph + 20, seg[i][3]);
  }
  for (int i = 0; i < 50; i++) e[200 + i] = (uint8_t)(0x10 + i);
  return 256;
}

/* Rewrites a field of a packed image and fixes the header CRC, so only the field is wrong. */
static void patch(uint8_t *img, unsigned off, uint32_t v) {
  bl_put32(img + off, v);
  bl_put32(img + 28, bl_crc32(img, 28));
}

static void test_images(void) {
  const uint32_t base = 0x80000000u, limit = 0x80020000u - BL_ROM_RAM_RESERVED;
  uint8_t elf[512];
  char err[300];
  size_t n = make_elf(elf, base, base + 4);
  bl_image_t img;
  CHECK(bl_image_from_elf_mem(elf, n, &img, err, sizeof err) == 0);
  CHECK(img.load_addr == base && img.entry == base + 4 && img.length == 0x10c);
  CHECK(img.data[0] == 0x10 && img.data[39] == 0x10 + 39 && img.data[40] == 0 && img.data[0x100] == 0x10 + 40);
  uint8_t *fi;
  size_t fl;
  CHECK(bl_flash_image_pack(&img, &fi, &fl) == 0);
  CHECK(fl == BL_IMAGE_HEADER_BYTES + img.length);
  bl_image_t back;
  CHECK(bl_flash_image_parse(fi, fl, base, limit, &back) == BL_IMG_OK);
  CHECK(back.length == img.length && back.entry == img.entry && memcmp(back.data, img.data, img.length) == 0);

  uint8_t *bad = malloc(fl);
  struct { const char *what; int expect; } cases[] = {
      {"erased", BL_IMG_ERASED}, {"magic", BL_IMG_BAD_MAGIC}, {"version", BL_IMG_BAD_VERSION},
      {"header crc", BL_IMG_BAD_HEADER_CRC}, {"length 0", BL_IMG_BAD_LENGTH}, {"length odd", BL_IMG_BAD_LENGTH},
      {"length huge", BL_IMG_BAD_LENGTH}, {"load below RAM", BL_IMG_BAD_RANGE},
      {"load misaligned", BL_IMG_BAD_RANGE}, {"past the limit", BL_IMG_BAD_RANGE},
      {"entry outside", BL_IMG_BAD_ENTRY}, {"entry misaligned", BL_IMG_BAD_ENTRY},
      {"payload crc", BL_IMG_BAD_CRC}, {"truncated", BL_IMG_BAD_LENGTH}};
  for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    memcpy(bad, fi, fl);
    size_t blen = fl;
    switch (k) {
      case 0: memset(bad, 0xFF, fl); break;
      case 1: patch(bad, 0, 0x12345678u); break;
      case 2: bad[4] = 2; break;
      case 3: bad[9] ^= 1; break;
      case 4: patch(bad, 12, 0); break;
      case 5: patch(bad, 12, img.length - 2); break;
      case 6: patch(bad, 12, 0x40000000u); break;
      case 7: patch(bad, 8, base - 0x1000); break;
      case 8: patch(bad, 8, base + 2); break;
      case 9: patch(bad, 8, limit - 8); break;
      case 10: patch(bad, 16, base + img.length); break;
      case 11: patch(bad, 16, base + 2); break;
      case 12: bad[BL_IMAGE_HEADER_BYTES + 5] ^= 0x40; break;
      case 13: blen = fl - 4; break;
    }
    int e = bl_flash_image_parse(bad, blen, base, limit, &back);
    if (e != cases[k].expect)
      fprintf(stderr, "FAIL bad image '%s': got %d (%s), expected %d (%s)\n", cases[k].what, e,
              bl_image_error_name(e), cases[k].expect, bl_image_error_name(cases[k].expect));
    CHECK(e == cases[k].expect);
  }
  free(bad);
  free(fi);
  bl_image_free(&img);

  /* Bad ELF files. */
  uint8_t b2[512];
  memcpy(b2, elf, n); b2[0] = 0;
  CHECK(bl_image_from_elf_mem(b2, n, &img, err, sizeof err) < 0 && strstr(err, "not an ELF"));
  memcpy(b2, elf, n); b2[4] = 2;
  CHECK(bl_image_from_elf_mem(b2, n, &img, err, sizeof err) < 0 && strstr(err, "32-bit"));
  memcpy(b2, elf, n); bl_put16(b2 + 18, 62);
  CHECK(bl_image_from_elf_mem(b2, n, &img, err, sizeof err) < 0 && strstr(err, "RISC-V"));
  CHECK(bl_image_from_elf_mem(elf, 230, &img, err, sizeof err) < 0 && strstr(err, "truncated"));
  CHECK(bl_image_from_elf_mem(elf, 100, &img, err, sizeof err) < 0 && strstr(err, "truncated"));
  memcpy(b2, elf, n); bl_put32(b2 + 24, base + 0x1000);
  CHECK(bl_image_from_elf_mem(b2, n, &img, err, sizeof err) < 0 && strstr(err, "entry"));
  CHECK(bl_image_from_elf("/nonexistent/x.elf", &img, err, sizeof err) < 0 && strstr(err, "No such file"));
}

static void test_real_elf(const char *path) {
  char err[300];
  bl_image_t img;
  if (bl_image_from_elf(path, &img, err, sizeof err) < 0) {
    fprintf(stderr, "FAIL %s\n", err);
    failures++;
    return;
  }
  uint8_t *fi;
  size_t fl;
  CHECK(bl_flash_image_pack(&img, &fi, &fl) == 0);
  bl_image_t back;
  /* It must fit the iCEBreaker's 128 KiB below the boot ROM's reserved area. */
  int e = bl_flash_image_parse(fi, fl, 0x80000000u, 0x80020000u - BL_ROM_RAM_RESERVED, &back);
  if (e != BL_IMG_OK) fprintf(stderr, "FAIL %s: %s\n", path, bl_image_error_name(e));
  CHECK(e == BL_IMG_OK);
  printf("%s: %u bytes at 0x%08x, entry 0x%08x, flash image %zu bytes\n", path, img.length, img.load_addr,
         img.entry, fl);
  free(fi);
  bl_image_free(&img);
}

static void test_report(void) {
  bl_selftest_report_t r;
  bl_selftest_init(&r);
  const char *good[] = {
      "BOOTROM: junk before", "SELFTEST-BEGIN version=1\r", "SELFTEST-INFO ram_bytes=131072 page_bytes=1024",
      "SELFTEST memctl_id PASS id=0x4d430001", "SELFTEST scrub_page PASS mpn=3 scrub_cycles=256",
      "SELFTEST-CYCLES inval_1page=4 scrub_1page=256 page_bytes=1024 inval_1page_mcycle=16 scrub_1page_mcycle=272"};
  for (unsigned i = 0; i < sizeof good / sizeof good[0]; i++) CHECK(bl_selftest_line(&r, good[i]) == 0);
  CHECK(!bl_selftest_passed(&r));  /* no RESULT yet */
  CHECK(bl_selftest_line(&r, "SELFTEST RESULT PASS passed=2 failed=0") == 1);
  CHECK(bl_selftest_passed(&r) && r.npass == 2 && r.have_cycles && r.scrub_1page == 256 && r.page_bytes == 1024);
  CHECK(r.inval_1page == 4 && r.inval_1page_mcycle == 16 && strstr(r.info, "131072"));
  /* A FAIL line makes it fail even with a (bogus) RESULT PASS. */
  bl_selftest_init(&r);
  bl_selftest_line(&r, "SELFTEST remap_dirty FAIL D not set by a guest write");
  bl_selftest_line(&r, "SELFTEST RESULT PASS passed=0 failed=0");
  CHECK(!bl_selftest_passed(&r) && r.nfail == 1 && !strcmp(r.tests[0].detail, "D not set by a guest write"));
  bl_selftest_init(&r);
  bl_selftest_line(&r, "SELFTEST memctl_id PASS");
  bl_selftest_line(&r, "SELFTEST RESULT FAIL passed=1 failed=1");
  CHECK(!bl_selftest_passed(&r));
  bl_selftest_init(&r);
  bl_selftest_line(&r, "SELFTEST RESULT PASSED");  /* not the word PASS */
  CHECK(!bl_selftest_passed(&r));
}

int main(int argc, char **argv) {
  unsigned long iterations = 3000;
  int i = 1;
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoul(argv[++i], NULL, 0);
    else if (!strcmp(argv[i], "--iterations") && i + 1 < argc) iterations = strtoul(argv[++i], NULL, 0);
    else break;
  }
  test_crc();
  test_frames();
  test_fuzz(iterations);
  test_images();
  test_report();
  for (; i < argc; i++) test_real_elf(argv[i]);
  if (failures) {
    printf("FAIL test_boardlink: %d failures (seed %lu)\n", failures, seed);
    return 1;
  }
  printf("PASS test_boardlink (fuzz seed %lu, %lu iterations)\n", seed, iterations);
  return 0;
}
