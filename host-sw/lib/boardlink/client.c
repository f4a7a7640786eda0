/* boardlink client: images, the boot ROM protocol, the self-test report (client.h). */
#define _POSIX_C_SOURCE 200809L
#include "boardlink/client.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- ELF -> image */
#define ELF_MAX_SPAN (16u << 20)

int bl_image_from_elf_mem(const uint8_t *e, size_t size, bl_image_t *img, char *err, size_t errlen) {
  memset(img, 0, sizeof *img);
  if (size < 52 || memcmp(e, "\177ELF", 4) != 0) {
    snprintf(err, errlen, "not an ELF file");
    return -1;
  }
  if (e[4] != 1 || e[5] != 1) {
    snprintf(err, errlen, "not a 32-bit little-endian ELF (class %u, data %u)", e[4], e[5]);
    return -1;
  }
  if (bl_get16(e + 18) != 243) {
    snprintf(err, errlen, "not a RISC-V ELF (machine %u)", bl_get16(e + 18));
    return -1;
  }
  uint32_t entry = bl_get32(e + 24), phoff = bl_get32(e + 28);
  uint16_t phentsize = bl_get16(e + 42), phnum = bl_get16(e + 44);
  if (phentsize < 32 || phoff > size || (uint64_t)phoff + (uint64_t)phnum * phentsize > size) {
    snprintf(err, errlen, "truncated ELF: program headers outside the file");
    return -1;
  }
  uint32_t lo = UINT32_MAX, hi = 0;
  int n = 0;
  for (unsigned i = 0; i < phnum; i++) {
    const uint8_t *ph = e + phoff + (size_t)i * phentsize;
    uint32_t type = bl_get32(ph), off = bl_get32(ph + 4), paddr = bl_get32(ph + 12),
             filesz = bl_get32(ph + 16);
    if (type != 1 || filesz == 0) continue;
    if ((uint64_t)off + filesz > size) {
      snprintf(err, errlen, "truncated ELF: segment %u extends past the end of the file", i);
      return -1;
    }
    if ((uint64_t)paddr + filesz > UINT32_MAX) {
      snprintf(err, errlen, "segment %u wraps around the address space", i);
      return -1;
    }
    if (paddr < lo) lo = paddr;
    if (paddr + filesz > hi) hi = paddr + filesz;
    n++;
  }
  if (!n) {
    snprintf(err, errlen, "no loadable segment with contents");
    return -1;
  }
  lo &= ~3u;
  hi = (hi + 3u) & ~3u;
  if (hi - lo > ELF_MAX_SPAN) {
    snprintf(err, errlen, "segments span 0x%08x..0x%08x (%u bytes): more than %u bytes", lo, hi, hi - lo,
             ELF_MAX_SPAN);
    return -1;
  }
  img->data = calloc(1, hi - lo);
  if (!img->data) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  for (unsigned i = 0; i < phnum; i++) {
    const uint8_t *ph = e + phoff + (size_t)i * phentsize;
    uint32_t type = bl_get32(ph), off = bl_get32(ph + 4), paddr = bl_get32(ph + 12),
             filesz = bl_get32(ph + 16);
    if (type != 1 || filesz == 0) continue;
    memcpy(img->data + (paddr - lo), e + off, filesz);
  }
  img->load_addr = lo;
  img->length = hi - lo;
  img->entry = entry;
  if (entry < lo || entry >= hi) {
    snprintf(err, errlen, "entry point 0x%08x lies outside the loaded segments 0x%08x..0x%08x", entry, lo, hi);
    bl_image_free(img);
    return -1;
  }
  return 0;
}

int bl_image_from_elf(const char *path, bl_image_t *img, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  uint8_t *buf = NULL;
  size_t size = 0, cap = 0;
  for (;;) {
    if (size == cap) {
      cap = cap ? 2 * cap : 65536;
      if (cap > 64u << 20) { fclose(f); free(buf); snprintf(err, errlen, "%s: too large", path); return -1; }
      uint8_t *nb = realloc(buf, cap);
      if (!nb) { fclose(f); free(buf); snprintf(err, errlen, "out of memory"); return -1; }
      buf = nb;
    }
    size_t r = fread(buf + size, 1, cap - size, f);
    size += r;
    if (r == 0) break;
  }
  fclose(f);
  char e2[300];
  int r = bl_image_from_elf_mem(buf, size, img, e2, sizeof e2);
  if (r < 0) snprintf(err, errlen, "%s: %s", path, e2);
  free(buf);
  return r;
}

void bl_image_free(bl_image_t *img) {
  free(img->data);
  img->data = NULL;
}

/* ---------------------------------------------------------------- flash images */
int bl_flash_image_pack(const bl_image_t *img, uint8_t **out, size_t *outlen) {
  size_t n = BL_IMAGE_HEADER_BYTES + img->length;
  uint8_t *b = calloc(1, n);
  if (!b) return -1;
  bl_flash_header_t h = {
      .magic = BL_IMAGE_MAGIC, .version = BL_IMAGE_VERSION, .header_bytes = BL_IMAGE_HEADER_BYTES,
      .load_addr = img->load_addr, .length = img->length, .entry = img->entry,
      .crc32 = bl_crc32(img->data, img->length), .flags = 0, .header_crc = 0};
  bl_flash_header_encode(b, &h);
  memcpy(b + BL_IMAGE_HEADER_BYTES, img->data, img->length);
  *out = b;
  *outlen = n;
  return 0;
}

int bl_flash_image_parse(const uint8_t *buf, size_t len, uint32_t ram_base, uint32_t load_limit,
                         bl_image_t *img) {
  if (len < BL_IMAGE_HEADER_BYTES) return BL_IMG_BAD_LENGTH;
  bl_flash_header_t h;
  bl_flash_header_decode(buf, &h);
  int e = bl_flash_header_check(buf, &h, ram_base, load_limit);
  if (e != BL_IMG_OK) return e;
  if (h.length > len - BL_IMAGE_HEADER_BYTES) return BL_IMG_BAD_LENGTH;
  if (bl_crc32(buf + BL_IMAGE_HEADER_BYTES, h.length) != h.crc32) return BL_IMG_BAD_CRC;
  img->load_addr = h.load_addr;
  img->length = h.length;
  img->entry = h.entry;
  img->data = (uint8_t *)(uintptr_t)(buf + BL_IMAGE_HEADER_BYTES);
  return BL_IMG_OK;
}

/* ---------------------------------------------------------------- protocol */
static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void cerr(bl_client_t *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->err, sizeof c->err, fmt, ap);
  va_end(ap);
}

void bl_client_init(bl_client_t *c, bl_link_t *link) {
  memset(c, 0, sizeof *c);
  c->link = link;
  c->reply_timeout_ms = 2000;
  c->retries = 5;
  bl_parser_init(&c->parser, c->rxbuf, BL_MAX_PAYLOAD);
}

/* Waits for the reply with sequence number seq. 1 = OK, 0 = ERR (c->last_err), -1 = timeout,
 * -2 = link error (c->err). */
static int wait_reply(bl_client_t *c, uint8_t seq, int timeout_ms, uint8_t *reply, size_t *reply_len) {
  long deadline = now_ms() + timeout_ms;
  uint8_t buf[256];
  for (;;) {
    long left = deadline - now_ms();
    if (left <= 0) return -1;
    long n = bl_link_read(c->link, buf, sizeof buf, (int)left);
    if (n < 0) {
      cerr(c, "%s", bl_link_error(c->link));
      return -2;
    }
    for (long i = 0; i < n; i++) {
      int hunting = !bl_parser_busy(&c->parser);
      int ev = bl_parser_feed(&c->parser, buf[i]);
      if (hunting && !bl_parser_busy(&c->parser) && c->console) fputc(buf[i], c->console);
      if (ev != BL_PARSE_FRAME || c->parser.seq != seq) continue;
      if (c->parser.type == BL_T_OK) {
        if (reply) memcpy(reply, c->rxbuf, c->parser.len);
        if (reply_len) *reply_len = c->parser.len;
        /* Anything after the reply in this chunk is kept for the caller (after JUMP: the
         * program's first output). */
        c->nrest = 0;
        for (long j = i + 1; j < n && c->nrest < sizeof c->rest; j++) c->rest[c->nrest++] = buf[j];
        return 1;
      }
      if (c->parser.type == BL_T_ERR && c->parser.len >= 1) {
        c->last_err = c->rxbuf[0];
        if (reply) memcpy(reply, c->rxbuf, c->parser.len);
        if (reply_len) *reply_len = c->parser.len;
        return 0;
      }
    }
    if (c->console) fflush(c->console);
  }
}

static const char *type_name(uint8_t t) {
  switch (t) {
    case BL_T_HELLO: return "HELLO";
    case BL_T_LOAD: return "LOAD";
    case BL_T_CHECK: return "CHECK";
    case BL_T_JUMP: return "JUMP";
    default: return "frame";
  }
}

int bl_client_request(bl_client_t *c, uint8_t type, const void *payload, size_t len, uint8_t *reply,
                      size_t *reply_len) {
  uint8_t frame[BL_MAX_FRAME];
  uint8_t seq = ++c->seq;
  size_t n = bl_frame_encode(frame, type, seq, payload, len);
  if (!n) {
    cerr(c, "%s payload of %zu bytes exceeds %u", type_name(type), len, BL_MAX_PAYLOAD);
    return -1;
  }
  uint8_t rb[BL_MAX_PAYLOAD];
  size_t rl = 0;
  for (int attempt = 0; attempt <= c->retries; attempt++) {
    int w = bl_link_write(c->link, frame, n);
    if (w < 0) {
      cerr(c, "%s", bl_link_error(c->link));
      return -1;
    }
    /* CHECK computes a CRC over the whole image (about 0.1 s per 64 KiB at 12 MHz, more on a
     * loaded simulator); duplicates of earlier requests may still be queued before JUMP. */
    int timeout = type == BL_T_CHECK ? 4 * c->reply_timeout_ms
                  : type == BL_T_JUMP ? 3 * c->reply_timeout_ms : c->reply_timeout_ms;
    int r = wait_reply(c, seq, timeout, rb, &rl);
    if (r == 1) {
      if (reply) memcpy(reply, rb, rl);
      if (reply_len) *reply_len = rl;
      return 0;
    }
    if (r == -2) return -1;
    if (r == 0 && c->last_err != BL_ERR_CRC && c->last_err != BL_ERR_TIMEOUT) {
      if (c->last_err == BL_ERR_VERIFY && rl >= 5)
        cerr(c, "boot ROM refused %s: %s (memory CRC 0x%08x)", type_name(type), bl_err_name(c->last_err),
             bl_get32(rb + 1));
      else
        cerr(c, "boot ROM refused %s: %s (error %u)", type_name(type), bl_err_name(c->last_err), c->last_err);
      return -1;
    }
    /* timeout, or a damaged frame: resend */
  }
  cerr(c, "no reply from the boot ROM to %s after %d attempts (%d ms each)", type_name(type),
       c->retries + 1, c->reply_timeout_ms);
  return -1;
}

int bl_client_hello(bl_client_t *c, int timeout_ms) {
  long deadline = now_ms() + timeout_ms;
  uint8_t frame[BL_HEADER_BYTES + BL_CRC_BYTES];
  uint8_t seq = ++c->seq;
  size_t n = bl_frame_encode(frame, BL_T_HELLO, seq, NULL, 0);
  uint8_t rb[BL_MAX_PAYLOAD];
  size_t rl = 0;
  while (now_ms() < deadline) {
    if (bl_link_write(c->link, frame, n) < 0) {
      cerr(c, "%s", bl_link_error(c->link));
      return -1;
    }
    long left = deadline - now_ms();
    int r = wait_reply(c, seq, left < 300 ? (int)(left > 0 ? left : 1) : 300, rb, &rl);
    if (r == -2) return -1;
    if (r == 1) {
      if (rl < BL_HELLO_INFO_BYTES) {
        cerr(c, "short HELLO reply (%zu bytes)", rl);
        return -1;
      }
      c->info.version = bl_get16(rb);
      c->info.max_payload = bl_get16(rb + 2);
      c->info.ram_base = bl_get32(rb + 4);
      c->info.ram_bytes = bl_get32(rb + 8);
      c->info.load_limit = bl_get32(rb + 12);
      c->info.page_bytes = bl_get32(rb + 16);
      c->info.flash_offset = bl_get32(rb + 20);
      c->info.rom_flags = bl_get32(rb + 24);
      if (c->info.version != BL_PROTO_VERSION) {
        cerr(c, "boot ROM speaks protocol version %u, this tool %u: rebuild the bitstream or the tools",
             c->info.version, BL_PROTO_VERSION);
        return -1;
      }
      return 0;
    }
  }
  cerr(c, "the boot ROM did not answer within %d ms.\n"
          "Check: the FPGA runs the SoC bitstream (`board program`), the boot ROM listens only for a\n"
          "short time after reset (press the board's reset button, or `board reset`, and retry), the\n"
          "baud rate (--baud) matches the design, and no other program reads the UART.",
       timeout_ms);
  return -1;
}

int bl_client_load(bl_client_t *c, const bl_image_t *img,
                   void (*progress)(void *ctx, uint32_t done, uint32_t total), void *ctx) {
  if (img->load_addr < c->info.ram_base || img->load_addr >= c->info.load_limit ||
      img->length > c->info.load_limit - img->load_addr) {
    cerr(c, "image 0x%08x..0x%08x does not fit the boot ROM's loadable RAM 0x%08x..0x%08x",
         img->load_addr, img->load_addr + img->length, c->info.ram_base, c->info.load_limit);
    return -1;
  }
  uint32_t max = c->info.max_payload && c->info.max_payload < BL_MAX_PAYLOAD ? c->info.max_payload : BL_MAX_PAYLOAD;
  uint32_t chunk = (max - 4u) & ~3u;
  uint8_t pl[BL_MAX_PAYLOAD];
  for (uint32_t off = 0; off < img->length; off += chunk) {
    uint32_t n = img->length - off < chunk ? img->length - off : chunk;
    bl_put32(pl, img->load_addr + off);
    memcpy(pl + 4, img->data + off, n);
    if (bl_client_request(c, BL_T_LOAD, pl, 4 + n, NULL, NULL) < 0) return -1;
    if (progress) progress(ctx, off + n, img->length);
  }
  bl_put32(pl, img->load_addr);
  bl_put32(pl + 4, img->length);
  bl_put32(pl + 8, bl_crc32(img->data, img->length));
  return bl_client_request(c, BL_T_CHECK, pl, 12, NULL, NULL);
}

int bl_client_jump(bl_client_t *c, uint32_t entry) {
  uint8_t pl[4];
  bl_put32(pl, entry);
  int saved = c->retries;
  c->retries = 0;  /* JUMP is not idempotent: a resend would reach the program */
  int r = bl_client_request(c, BL_T_JUMP, pl, 4, NULL, NULL);
  c->retries = saved;
  return r;
}

/* ---------------------------------------------------------------- self-test report */
void bl_selftest_init(bl_selftest_report_t *r) { memset(r, 0, sizeof *r); }

static void copy_trunc(char *dst, size_t cap, const char *src) {
  size_t n = strlen(src);
  if (n >= cap) n = cap - 1;
  memcpy(dst, src, n);
  dst[n] = 0;
}

static unsigned long kv(const char *s, const char *key, int *found) {
  size_t kl = strlen(key);
  for (const char *p = s; (p = strstr(p, key)) != NULL; p++) {
    if ((p == s || p[-1] == ' ') && p[kl] == '=') {
      *found += 1;
      return strtoul(p + kl + 1, NULL, 10);
    }
  }
  return 0;
}

int bl_selftest_line(bl_selftest_report_t *r, const char *line_in) {
  char line[512];
  copy_trunc(line, sizeof line, line_in);
  size_t l = strlen(line);
  while (l && (line[l - 1] == '\r' || line[l - 1] == '\n')) line[--l] = 0;
  if (!strncmp(line, "SELFTEST-BEGIN", 14)) {
    r->begun = 1;
    return r->ended;
  }
  if (!strncmp(line, "SELFTEST-INFO ", 14)) {
    copy_trunc(r->info, sizeof r->info, line + 14);
    return r->ended;
  }
  if (!strncmp(line, "SELFTEST-CYCLES ", 16)) {
    int f = 0;
    r->inval_1page = kv(line, "inval_1page", &f);
    r->scrub_1page = kv(line, "scrub_1page", &f);
    r->page_bytes = kv(line, "page_bytes", &f);
    r->inval_1page_mcycle = kv(line, "inval_1page_mcycle", &f);
    r->scrub_1page_mcycle = kv(line, "scrub_1page_mcycle", &f);
    r->have_cycles = f >= 3;
    return r->ended;
  }
  if (strncmp(line, "SELFTEST ", 9) != 0) return r->ended;
  const char *p = line + 9;
  if (!strncmp(p, "RESULT ", 7)) {
    r->ended = 1;
    r->result_pass = !strncmp(p + 7, "PASS", 4) && (p[11] == 0 || p[11] == ' ');
    return 1;
  }
  const char *sp = strchr(p, ' ');
  if (!sp || sp == p) return r->ended;
  int pass = !strncmp(sp + 1, "PASS", 4) && (sp[5] == 0 || sp[5] == ' ');
  int failv = !strncmp(sp + 1, "FAIL", 4) && (sp[5] == 0 || sp[5] == ' ');
  if (!pass && !failv) return r->ended;
  if (pass) r->npass++; else r->nfail++;
  if (r->ntests < BL_SELFTEST_MAX_TESTS) {
    int i = r->ntests++;
    size_t nl = (size_t)(sp - p) < sizeof r->tests[i].name - 1 ? (size_t)(sp - p) : sizeof r->tests[i].name - 1;
    memcpy(r->tests[i].name, p, nl);
    r->tests[i].name[nl] = 0;
    r->tests[i].pass = pass;
    copy_trunc(r->tests[i].detail, sizeof r->tests[i].detail, sp[5] ? sp + 6 : "");
  }
  return r->ended;
}

int bl_selftest_passed(const bl_selftest_report_t *r) {
  return r->ended && r->result_pass && r->nfail == 0 && r->npass > 0;
}
