/* Boot ROM: UART upload (include/boardlink_proto.h) or boot from the SPI flash image.
 *
 *   reset -> banner -> serve frames for BOOTROM_WAIT_CYCLES: a valid frame from a host starts an
 *   upload session that lasts until JUMP -> otherwise load the flash image at
 *   BL_FLASH_IMAGE_OFFSET, check it, jump -> on any flash error print why and serve uploads
 *   forever.
 *
 * Freestanding (no libc), no writable static data: everything is on the stack at the top of RAM.
 */
#include <stdint.h>

#include "boardlink_proto.h"
#include "bootrom_flash.h"
#include "soc_memory_map.h"

#ifndef BOOTROM_WAIT_CYCLES
#define BOOTROM_WAIT_CYCLES 6000000u    /* how long a host may take to send its first frame */
#endif
#ifndef BOOTROM_FRAME_TIMEOUT
#define BOOTROM_FRAME_TIMEOUT 2000000u  /* gap inside a frame after which it is dropped */
#endif

#define UART_REG(off) (*(volatile uint8_t *)(uintptr_t)(UART0_BASE + (off)))

/* gcc may emit calls to these for struct copies even when freestanding. */
void *memset(void *d, int c, unsigned n);
void *memcpy(void *d, const void *s, unsigned n);
void *memset(void *d, int c, unsigned n) {
  uint8_t *p = d;
  while (n--) *p++ = (uint8_t)c;
  return d;
}
void *memcpy(void *d, const void *s, unsigned n) {
  uint8_t *p = d;
  const uint8_t *q = s;
  while (n--) *p++ = *q++;
  return d;
}

static uint32_t now(void) {
  uint32_t v;
  __asm__ volatile("csrr %0, mcycle" : "=r"(v));
  return v;
}

static void putc_(char c) {
  while (!(UART_REG(UART_LSR) & UART_LSR_THRE)) {
  }
  UART_REG(UART_RBR_THR) = (uint8_t)c;
}
static void puts_(const char *s) {
  while (*s) putc_(*s++);
}
static void puthex(uint32_t v) {
  puts_("0x");
  for (int s = 28; s >= 0; s -= 4) putc_("0123456789abcdef"[(v >> s) & 0xf]);
}
static int getc_(void) {
  if (!(UART_REG(UART_LSR) & UART_LSR_DR)) return -1;
  return UART_REG(UART_RBR_THR);
}

/* The core is little-endian like the protocol, and every 32-bit field the boot ROM reads or writes
 * sits at a 4-byte aligned offset of a word-aligned buffer: plain word accesses replace the
 * header's byte-wise bl_get32 / bl_put32, which would not fit in 4 KiB. */
#define LD32(ptr) (*(const uint32_t *)(const void *)(ptr))

typedef struct {
  uint32_t ram_bytes, load_limit, page_bytes;
} rom_t;

static void send(uint8_t type, uint8_t seq, const uint8_t *payload, uint32_t len) {
  uint8_t hdr[BL_HEADER_BYTES];
  hdr[0] = BL_SOF0; hdr[1] = BL_SOF1; hdr[2] = type; hdr[3] = seq;
  bl_put16(hdr + 4, (uint16_t)len);
  uint32_t crc = bl_crc32_update(BL_CRC_INIT, hdr + 2, 4);
  crc = bl_crc32_final(bl_crc32_update(crc, payload, len));
  for (unsigned i = 0; i < BL_HEADER_BYTES; i++) putc_((char)hdr[i]);
  for (uint32_t i = 0; i < len; i++) putc_((char)payload[i]);
  for (int i = 0; i < 4; i++) putc_((char)(crc >> (8 * i)));
}

/* ERR reply: the code and optional extra bytes; the host tools know the messages. */
static void send_err(uint8_t seq, uint8_t code, const uint8_t *extra, uint32_t nextra) {
  uint8_t b[8];
  b[0] = code;
  for (uint32_t i = 0; i < nextra; i++) b[1 + i] = extra[i];
  send(BL_T_ERR, seq, b, 1 + nextra);
}

/* [addr, addr + len) inside the loadable RAM? */
static __attribute__((noinline)) int in_ram(const rom_t *r, uint32_t addr, uint32_t len) {
  return addr >= RAM_BASE && addr < r->load_limit && len <= r->load_limit - addr;
}

static void __attribute__((noreturn)) jump(uint32_t entry) {
  while (!(UART_REG(UART_LSR) & UART_LSR_TEMT)) {
  }
  __asm__ volatile("fence rw, rw\n\tfence.i" ::: "memory");
  __asm__ volatile("li a0, 0\n\tli a1, 0\n\tjr %0" : : "r"(entry) : "a0", "a1");
  __builtin_unreachable();
}

/* Out of line: inlined, gcc threads the parser's states into the receive loop (1 KiB more). */
static __attribute__((noinline)) int feed(bl_parser_t *p, uint8_t b) { return bl_parser_feed(p, b); }

/* Handles one good frame. Returns 1 after JUMP's reply (the caller jumps to *entry). */
static __attribute__((noinline)) int handle(const rom_t *r, bl_parser_t *p, uint32_t *entry) {
  const uint8_t *pl = p->buf;
  switch (p->type) {
    case BL_T_HELLO:
      if (p->len != 0) break;
    {
      uint32_t info[BL_HELLO_INFO_BYTES / 4];
      info[0] = BL_PROTO_VERSION | BL_MAX_PAYLOAD << 16;
      info[1] = RAM_BASE;
      info[2] = r->ram_bytes;
      info[3] = r->load_limit;
      info[4] = r->page_bytes;
      info[5] = BL_FLASH_IMAGE_OFFSET;
      info[6] = (bootrom_flash_present() ? BL_ROMF_FLASH : 0u)
#ifdef BOOTROM_IN_RAM
                | BL_ROMF_IN_RAM
#endif
          ;
      send(BL_T_OK, p->seq, (const uint8_t *)info, BL_HELLO_INFO_BYTES);
    }
      return 0;
    case BL_T_LOAD: {
      if (p->len < 5) break;
      uint32_t addr = LD32(pl), n = p->len - 4u;
      if (!in_ram(r, addr, n)) {
        send_err(p->seq, BL_ERR_RANGE, 0, 0);
        return 0;
      }
      volatile uint8_t *dst = (volatile uint8_t *)(uintptr_t)addr;
      for (uint32_t i = 0; i < n; i++) dst[i] = pl[4 + i];
      send(BL_T_OK, p->seq, 0, 0);
      return 0;
    }
    case BL_T_CHECK: {
      if (p->len != 12) break;
      uint32_t addr = LD32(pl), n = LD32(pl + 4), want = LD32(pl + 8);
      if (!in_ram(r, addr, n)) {
        send_err(p->seq, BL_ERR_RANGE, 0, 0);
        return 0;
      }
      uint32_t crc = bl_crc32((const void *)(uintptr_t)addr, n);
      if (crc != want) send_err(p->seq, BL_ERR_VERIFY, (const uint8_t *)&crc, 4);
      else send(BL_T_OK, p->seq, (const uint8_t *)&crc, 4);
      return 0;
    }
    case BL_T_JUMP: {
      if (p->len != 4) break;
      uint32_t e = LD32(pl);
      if ((e & 3u) || !in_ram(r, e, 4)) {
        send_err(p->seq, BL_ERR_RANGE, 0, 0);
        return 0;
      }
      send(BL_T_OK, p->seq, 0, 0);
      *entry = e;
      return 1;
    }
    default:
      send_err(p->seq, BL_ERR_TYPE, 0, 0);
      return 0;
  }
  send_err(p->seq, BL_ERR_LEN, 0, 0);
  return 0;
}

/* Serves frames. wait != 0: returns 0 if no good frame arrived within `wait` cycles. A good frame
 * starts a session without a time limit; the session ends with JUMP (does not return). */
static void serve(const rom_t *r, uint32_t wait) {
  uint32_t buf[BL_MAX_PAYLOAD / 4];  /* word aligned: see LD32 */
  bl_parser_t p;
  bl_parser_init(&p, (uint8_t *)buf, BL_MAX_PAYLOAD);
  uint32_t start = now(), last = start;
  int session = wait == 0;
  for (;;) {
    int c = getc_();
    if (c < 0) {
      uint32_t t = now();
      if (bl_parser_busy(&p) && t - last > BOOTROM_FRAME_TIMEOUT) {
        send_err(p.seq, BL_ERR_TIMEOUT, 0, 0);
        bl_parser_reset(&p);
      }
      if (!session && t - start > wait) return;
      continue;
    }
    last = now();
    int ev = feed(&p, (uint8_t)c);
    if (ev == BL_PARSE_MORE) continue;
    if (ev == BL_PARSE_BAD_CRC) {
      send_err(p.seq, BL_ERR_CRC, 0, 0);
      continue;
    }
    if (ev == BL_PARSE_BAD_LEN) {
      send_err(p.seq, BL_ERR_LEN, 0, 0);
      continue;
    }
    if (!session) {
      session = 1;
      puts_("BOOTROM: host connected, UART upload\r\n");
    }
    uint32_t entry;
    if (handle(r, &p, &entry)) jump(entry);
  }
}

/* Short names of the BL_IMG_* codes (the host tools print the long ones). */
static const char *const img_err[] = {
    "ok", "erased: no image written", "bad magic", "bad version", "bad header crc",
    "bad length", "load range outside RAM", "bad entry", "bad payload crc"};

/* Loads the flash image; returns only on an error (after printing it). */
static void boot_flash(const rom_t *r) {
  puts_("BOOTROM: no host; flash image @");
  puthex(BL_FLASH_IMAGE_OFFSET);
  puts_("\r\n");
  if (!bootrom_flash_present()) {
    puts_("BOOTROM ERROR: no SPI flash reader in this SoC\r\n");
    return;
  }
  /* The header's layout is its little-endian encoding (no padding): read it in place. */
  union {
    bl_flash_header_t h;
    uint8_t raw[BL_IMAGE_HEADER_BYTES];
  } u;
  _Static_assert(sizeof(bl_flash_header_t) == BL_IMAGE_HEADER_BYTES, "header layout");
  bootrom_flash_read(BL_FLASH_IMAGE_OFFSET, u.raw, BL_IMAGE_HEADER_BYTES);
  const bl_flash_header_t h = u.h;
  int e = bl_flash_header_check(u.raw, &h, RAM_BASE, r->load_limit);
  if (e == BL_IMG_OK) {
    bootrom_flash_read(BL_FLASH_IMAGE_OFFSET + BL_IMAGE_HEADER_BYTES,
                       (uint8_t *)(uintptr_t)h.load_addr, h.length);
    if (bl_crc32((const void *)(uintptr_t)h.load_addr, h.length) == h.crc32) {
      puts_("BOOTROM: flash image ok, jump to ");
      puthex(h.entry);
      puts_("\r\n");
      jump(h.entry);
    }
    e = BL_IMG_BAD_CRC;
  }
  puts_("BOOTROM ERROR: flash image: ");
  puts_(img_err[e]);
  puts_(", magic ");
  puthex(h.magic);
  puts_("\r\n");
}

static __attribute__((noinline)) void rom_init(rom_t *r, uint32_t ram_bytes) {
  r->ram_bytes = ram_bytes;
  r->load_limit = RAM_BASE + ram_bytes - BL_ROM_RAM_RESERVED;
#ifdef BOOTROM_IN_RAM
  extern char _start[];
  if ((uint32_t)(uintptr_t)_start < r->load_limit) r->load_limit = (uint32_t)(uintptr_t)_start;
#endif
  volatile uint32_t *mc = (volatile uint32_t *)(uintptr_t)MEMCTL_BASE;
  r->page_bytes = 1u << ((mc[MEMCTL_CONFIG / 4] >> MEMCTL_CONFIG_PAGE_SHIFT_LSB) & 0x1f);
}

void __attribute__((noreturn)) bootrom_main(uint32_t ram_bytes);
void __attribute__((noreturn)) bootrom_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval);

void bootrom_main(uint32_t ram_bytes) {
  rom_t r;
  rom_init(&r, ram_bytes);
  UART_REG(UART_IER) = 0;
  UART_REG(UART_LCR) = 0x03;  /* 8N1; the baud rate is fixed by the hardware */
  puts_("\r\nBOOTROM boardlink v1: ram ");
  puthex(ram_bytes);
  puts_(" page ");
  puthex(r.page_bytes);
  puts_(" load below ");
  puthex(r.load_limit);
  puts_("\r\n");
  serve(&r, BOOTROM_WAIT_CYCLES);
  boot_flash(&r);
  puts_("BOOTROM: waiting for a UART upload\r\n");
  serve(&r, 0);
  for (;;) {
  }
}

void bootrom_trap(uint32_t mcause, uint32_t mepc, uint32_t mtval) {
  puts_("BOOTROM ERROR: trap mcause=");
  puthex(mcause);
  puts_(" mepc=");
  puthex(mepc);
  puts_(" mtval=");
  puthex(mtval);
  puts_("\r\nBOOTROM: waiting for a UART upload\r\n");
  uint32_t top;
  __asm__ volatile("csrr %0, mscratch" : "=r"(top));
  rom_t r;
  rom_init(&r, top - RAM_BASE);
  serve(&r, 0);
  for (;;) {
  }
}
