/* The boot ROM's protocol handling, end to end on the simulated SoC: the real boot ROM code (its RAM
 * variant) runs in socsim, this test talks to it through libboardlink's sim transport and checks
 * the answer to good and bad frames, then loads and starts a program.
 *
 *   test_bootrom_sim SOCSIM BOOTROM_RAM.ELF PROGRAM.ELF EXPECTED_OUTPUT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardlink/client.h"

static int failures;
#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
      failures++;                                                              \
    }                                                                          \
  } while (0)

/* Sends raw bytes and returns the reply code: 0x100 = OK, else the ERR code; -1 = no reply. */
static int raw(bl_client_t *c, const uint8_t *bytes, size_t n, uint8_t seq) {
  if (bl_link_write(c->link, bytes, n) < 0) return -1;
  uint8_t buf[256];
  long deadline_loops = 100;  /* 100 x 50 ms */
  while (deadline_loops--) {
    long r = bl_link_read(c->link, buf, sizeof buf, 50);
    if (r < 0) return -1;
    for (long i = 0; i < r; i++) {
      if (bl_parser_feed(&c->parser, buf[i]) == BL_PARSE_FRAME && c->parser.seq == seq) {
        if (c->parser.type == BL_T_OK) return 0x100;
        if (c->parser.type == BL_T_ERR) return c->rxbuf[0];
      }
    }
  }
  return -1;
}

static int send_frame(bl_client_t *c, uint8_t type, uint8_t seq, const void *pl, size_t len) {
  uint8_t f[BL_MAX_FRAME];
  size_t n = bl_frame_encode(f, type, seq, pl, len);
  return raw(c, f, n, seq);
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: test_bootrom_sim SOCSIM BOOTROM_RAM.ELF PROGRAM.ELF EXPECTED_OUTPUT\n");
    return 2;
  }
  bl_link_opts_t o = {.sim_path = argv[1], .sim_program = argv[2]};
  char err[1024];
  bl_link_t *l = bl_link_open("sim", &o, err, sizeof err);
  if (!l) {
    fprintf(stderr, "FAIL open: %s\n", err);
    return 1;
  }
  bl_client_t c;
  bl_client_init(&c, l);
  CHECK(bl_client_hello(&c, 20000) == 0);
  CHECK(c.info.version == BL_PROTO_VERSION && c.info.max_payload == BL_MAX_PAYLOAD);
  CHECK(c.info.ram_base == 0x80000000u && (c.info.rom_flags & BL_ROMF_IN_RAM));
  uint32_t lim = c.info.load_limit;
  printf("HELLO: ram %u bytes, load limit 0x%08x, page %u\n", c.info.ram_bytes, lim, c.info.page_bytes);

  uint8_t pl[16];
  /* Frame with a damaged CRC -> ERR CRC (with the seq as received). */
  uint8_t f[BL_MAX_FRAME];
  bl_put32(pl, 0x80000000u);
  pl[4] = 1;
  size_t n = bl_frame_encode(f, BL_T_LOAD, 50, pl, 5);
  f[n - 1] ^= 0x10;
  CHECK(raw(&c, f, n, 50) == BL_ERR_CRC);
  /* Header announcing 600 bytes -> ERR LEN. */
  uint8_t big[] = {BL_SOF0, BL_SOF1, BL_T_LOAD, 51, 0x58, 0x02};
  CHECK(raw(&c, big, sizeof big, 51) == BL_ERR_LEN);
  /* HELLO with a payload, LOAD without data, CHECK of the wrong size -> ERR LEN. */
  CHECK(send_frame(&c, BL_T_HELLO, 52, pl, 1) == BL_ERR_LEN);
  CHECK(send_frame(&c, BL_T_LOAD, 53, pl, 4) == BL_ERR_LEN);
  CHECK(send_frame(&c, BL_T_CHECK, 54, pl, 8) == BL_ERR_LEN);
  /* Unknown type -> ERR TYPE. */
  CHECK(send_frame(&c, 0x42, 55, NULL, 0) == BL_ERR_TYPE);
  /* LOAD below RAM, across the limit; JUMP misaligned, outside -> ERR RANGE. */
  bl_put32(pl, 0x7FFFFFF0u);
  CHECK(send_frame(&c, BL_T_LOAD, 56, pl, 8) == BL_ERR_RANGE);
  bl_put32(pl, lim - 2);
  CHECK(send_frame(&c, BL_T_LOAD, 57, pl, 8) == BL_ERR_RANGE);
  bl_put32(pl, 0x80000002u);
  CHECK(send_frame(&c, BL_T_JUMP, 58, pl, 4) == BL_ERR_RANGE);
  bl_put32(pl, lim);
  CHECK(send_frame(&c, BL_T_JUMP, 59, pl, 4) == BL_ERR_RANGE);
  /* LOAD, then CHECK with the right and a wrong CRC. */
  uint8_t ld[12];
  bl_put32(ld, 0x80001000u);
  memcpy(ld + 4, "boardlnk", 8);
  CHECK(send_frame(&c, BL_T_LOAD, 60, ld, 12) == 0x100);
  bl_put32(pl, 0x80001000u);
  bl_put32(pl + 4, 8);
  bl_put32(pl + 8, bl_crc32("boardlnk", 8));
  CHECK(send_frame(&c, BL_T_CHECK, 61, pl, 12) == 0x100);
  bl_put32(pl + 8, bl_crc32("boardlnK", 8));
  CHECK(send_frame(&c, BL_T_CHECK, 62, pl, 12) == BL_ERR_VERIFY);
  /* A frame that stops in the middle -> ERR TIMEOUT once the boot ROM gives up on it. */
  n = bl_frame_encode(f, BL_T_LOAD, 63, ld, 12);
  CHECK(raw(&c, f, 9, 63) == BL_ERR_TIMEOUT);
  /* Still in sync: a program loads and runs. */
  c.seq = 100;
  bl_image_t img;
  CHECK(bl_image_from_elf(argv[3], &img, err, sizeof err) == 0);
  CHECK(bl_client_load(&c, &img, NULL, NULL) == 0);
  CHECK(bl_client_jump(&c, img.entry) == 0);
  char out[8192];
  size_t got = c.nrest < sizeof out ? c.nrest : 0;
  memcpy(out, c.rest, got);
  for (;;) {
    long r = bl_link_read(l, out + got, sizeof out - 1 - got, 20000);
    if (r <= 0) break;
    got += (size_t)r;
    if (got >= sizeof out - 1) break;
  }
  out[got] = 0;
  int status = bl_link_close(l);
  printf("program output:\n%s\nsimulator exit status %d\n", out, status);
  CHECK(strstr(out, argv[4]) != NULL);
  CHECK(status == 0);
  bl_image_free(&img);
  if (failures) {
    printf("FAIL test_bootrom_sim: %d failures\n", failures);
    return 1;
  }
  printf("PASS test_bootrom_sim\n");
  return 0;
}
