/* boardlink client: the boot ROM's upload protocol (include/boardlink_proto.h) over a link, ELF
 * images, flash images, and the self-test report.
 *
 * Typical use (what `board load` does):
 *
 *   bl_link_t *l = bl_link_open("ftdi", NULL, err, sizeof err);
 *   bl_client_t c; bl_client_init(&c, l);
 *   bl_image_t img; bl_image_from_elf("prog.elf", &img, err, sizeof err);
 *   bl_client_hello(&c, 10000)  -> the boot ROM answered (c.info)
 *   bl_client_load(&c, &img)    -> LOAD chunks, then CHECK of the whole image's CRC
 *   bl_client_jump(&c, img.entry)
 *
 * Every function returns 0 on success and -1 on failure with a message in c.err (or err).
 */
#ifndef BOARDLINK_CLIENT_H
#define BOARDLINK_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "boardlink/link.h"
#include "boardlink_proto.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- images */
typedef struct bl_image {
  uint32_t load_addr;   /* lowest PT_LOAD physical address */
  uint32_t entry;
  uint32_t length;      /* bytes, a multiple of 4 (zero padded) */
  uint8_t *data;
} bl_image_t;

/* The PT_LOAD segments (file contents; .bss is left to the program) of a 32-bit little-endian
 * RISC-V ELF, flattened into one block from the lowest to the highest address, gaps zeroed. */
int bl_image_from_elf(const char *path, bl_image_t *img, char *err, size_t errlen);
int bl_image_from_elf_mem(const uint8_t *elf, size_t size, bl_image_t *img, char *err, size_t errlen);
void bl_image_free(bl_image_t *img);

/* Flash image: bl_flash_header_t + payload. *out is malloc'd. */
int bl_flash_image_pack(const bl_image_t *img, uint8_t **out, size_t *outlen);
/* Parses and checks a flash image as the boot ROM does (header, range, payload CRC) against
 * the loadable RAM [ram_base, load_limit). Returns BL_IMG_*; on BL_IMG_OK fills img (pointing into
 * buf, not to be freed). */
int bl_flash_image_parse(const uint8_t *buf, size_t len, uint32_t ram_base, uint32_t load_limit,
                         bl_image_t *img);

/* ---------------------------------------------------------------- protocol client */
typedef struct bl_client {
  bl_link_t *link;
  uint8_t seq;
  int reply_timeout_ms;     /* per request (default 2000; CHECK x4, JUMP x3) */
  int retries;              /* resends of a request (default 5) */
  FILE *console;            /* text outside frames (boot ROM messages) is copied here, or NULL */
  bl_hello_info_t info;     /* from HELLO */
  uint8_t last_err;         /* BL_ERR_* of the last ERR reply */
  char err[1200];
  /* Bytes that arrived after the last reply in the same read: after JUMP, the program's first
   * output. The caller takes them (and sets nrest = 0). */
  uint8_t rest[256];
  size_t nrest;
  bl_parser_t parser;
  uint8_t rxbuf[BL_MAX_PAYLOAD];
} bl_client_t;

void bl_client_init(bl_client_t *c, bl_link_t *link);

/* Sends HELLO every 300 ms until the boot ROM answers or timeout_ms pass (the board may be
 * resetting). */
int bl_client_hello(bl_client_t *c, int timeout_ms);

/* One request, its reply (resent on timeout or a CRC/TIMEOUT error). OK payload into
 * reply/reply_len (reply may be NULL). */
int bl_client_request(bl_client_t *c, uint8_t type, const void *payload, size_t len, uint8_t *reply,
                      size_t *reply_len);

/* LOAD in chunks of up to BL_LOAD_MAX_DATA bytes, then CHECK the CRC of the whole image.
 * progress(ctx, done, total) after every chunk (may be NULL). */
int bl_client_load(bl_client_t *c, const bl_image_t *img,
                   void (*progress)(void *ctx, uint32_t done, uint32_t total), void *ctx);
int bl_client_jump(bl_client_t *c, uint32_t entry);

/* ---------------------------------------------------------------- self-test report */
#define BL_SELFTEST_MAX_TESTS 32
typedef struct bl_selftest_report {
  int begun, ended;              /* SELFTEST-BEGIN / SELFTEST RESULT seen */
  int result_pass;               /* SELFTEST RESULT PASS */
  int ntests, npass, nfail;
  struct { char name[40]; int pass; char detail[160]; } tests[BL_SELFTEST_MAX_TESTS];
  char info[400];                /* the SELFTEST-INFO line's key=value part */
  int have_cycles;
  unsigned long inval_1page, scrub_1page, page_bytes, inval_1page_mcycle, scrub_1page_mcycle;
} bl_selftest_report_t;

void bl_selftest_init(bl_selftest_report_t *r);
/* Feeds one line (without the newline; a trailing \r is ignored). Lines that are not part of
 * the report are ignored. Returns 1 once the RESULT line was seen. */
int bl_selftest_line(bl_selftest_report_t *r, const char *line);
/* PASS: a RESULT PASS line, no FAIL line, at least one test. */
int bl_selftest_passed(const bl_selftest_report_t *r);

#ifdef __cplusplus
}
#endif
#endif
