/* The board link: the boot ROM's UART upload protocol and the SPI-flash image format.
 *
 * ONE source of truth for both sides: included by the boot ROM (firmware/bootrom, freestanding,
 * no libc), by the host tools and their library (host-sw/, libboardlink) and by the host unit
 * tests. It depends on nothing but <stdint.h> and <stddef.h> and compiles as C11 (and C++).
 * Everything is little-endian. docs/bringup.md describes how the tools use it.
 *
 * ---------------------------------------------------------------- frames (UART upload)
 *
 *   +------+------+------+-----+--------+-------------+----------------+
 *   | 0xA5 | 0x5A | type | seq | len    | payload     | crc32          |
 *   |      |      | u8   | u8  | u16 LE | len bytes   | u32 LE         |
 *   +------+------+------+-----+--------+-------------+----------------+
 *   crc32 = CRC-32/IEEE (as zlib's crc32) over type, seq, len and the payload.
 *
 * The two sync bytes are not ASCII, so the host finds reply frames among the boot ROM's text lines
 * (banner, messages). len <= BL_MAX_PAYLOAD. The host sends one request and waits for its reply
 * (stop and wait: the SoC's UART has a 16-byte receive FIFO and no flow control); a reply carries
 * the request's seq. Every request is idempotent except JUMP, so the host resends a request
 * whose reply does not arrive or reports BL_ERR_CRC / BL_ERR_TIMEOUT.
 *
 * Requests (host -> boot ROM) and their OK payloads:
 *   HELLO  (no payload)                      OK: bl_hello_info_t (28 bytes)
 *   LOAD   addr u32, data[1..MAX-4]          OK: empty. data is written at addr (RAM, below
 *                                            hello.load_limit; refused with BL_ERR_RANGE otherwise)
 *   CHECK  addr u32, len u32, crc32 u32      OK: the computed crc32 (u32); BL_ERR_VERIFY if it
 *                                            differs (ERR payload: code, the computed crc32)
 *   JUMP   entry u32                         OK: empty, sent before the jump (4-byte aligned,
 *                                            inside the loadable RAM, else BL_ERR_RANGE)
 * Replies (boot ROM -> host):
 *   OK     request-specific payload
 *   ERR    code u8 (BL_ERR_*) [, code-specific data]; the host tools hold the messages
 *          (bl_err_name), which keeps the boot ROM inside its 4 KiB
 *
 * ---------------------------------------------------------------- flash image
 *
 *   offset BL_FLASH_IMAGE_OFFSET in the SPI flash (after the FPGA bitstream):
 *   bl_flash_header_t (32 bytes), then `length` bytes loaded at `load_addr`; the boot ROM checks
 *   the header (bl_flash_header_check) and the payload CRC, copies it, and jumps to `entry`.
 */
#ifndef BOARDLINK_PROTO_H
#define BOARDLINK_PROTO_H

#include <stddef.h>
#include <stdint.h>

#define BL_PROTO_VERSION 1u

#define BL_SOF0 0xA5u
#define BL_SOF1 0x5Au
#define BL_HEADER_BYTES 6u            /* SOF0 SOF1 type seq len16 */
#define BL_CRC_BYTES 4u
#define BL_MAX_PAYLOAD 512u           /* largest payload either side sends or accepts */
#define BL_MAX_FRAME (BL_HEADER_BYTES + BL_MAX_PAYLOAD + BL_CRC_BYTES)
#define BL_LOAD_MAX_DATA (BL_MAX_PAYLOAD - 4u)

/* Frame types. */
enum {
  BL_T_HELLO = 0x01,
  BL_T_LOAD = 0x02,
  BL_T_CHECK = 0x03,
  BL_T_JUMP = 0x04,
  BL_T_OK = 0x80,
  BL_T_ERR = 0x81,
};

/* ERR codes. */
enum {
  BL_ERR_CRC = 1,       /* frame CRC mismatch: resend */
  BL_ERR_LEN = 2,       /* payload length wrong for the type, or above BL_MAX_PAYLOAD */
  BL_ERR_TYPE = 3,      /* unknown frame type */
  BL_ERR_RANGE = 4,     /* address range outside the loadable RAM, or entry misaligned */
  BL_ERR_VERIFY = 5,    /* CHECK: memory CRC differs */
  BL_ERR_TIMEOUT = 6,   /* a frame stopped arriving in the middle: resend */
};

static inline const char *bl_err_name(int code) {
  switch (code) {
    case BL_ERR_CRC: return "frame CRC mismatch";
    case BL_ERR_LEN: return "bad payload length";
    case BL_ERR_TYPE: return "unknown frame type";
    case BL_ERR_RANGE: return "address outside the loadable RAM, or misaligned";
    case BL_ERR_VERIFY: return "memory CRC differs from the image";
    case BL_ERR_TIMEOUT: return "frame incomplete (timeout)";
    default: return "unknown error";
  }
}

/* HELLO reply. */
typedef struct bl_hello_info {
  uint16_t version;       /* BL_PROTO_VERSION */
  uint16_t max_payload;   /* BL_MAX_PAYLOAD of the boot ROM */
  uint32_t ram_base;      /* RAM_BASE */
  uint32_t ram_bytes;     /* populated RAM (memctl MEM_PAGES << PAGE_SHIFT) */
  uint32_t load_limit;    /* first address LOAD refuses (the boot ROM's stack is above it) */
  uint32_t page_bytes;    /* memctl page size */
  uint32_t flash_offset;  /* where the boot ROM looks for a flash image */
  uint32_t rom_flags;     /* BL_ROMF_* */
} bl_hello_info_t;
#define BL_HELLO_INFO_BYTES 28u
#define BL_ROMF_FLASH 0x1u     /* the SoC has a SPI flash reader */
#define BL_ROMF_IN_RAM 0x2u    /* the boot ROM runs from RAM (simulation variant) */

/* RAM at the top of memory the boot ROM keeps for its stack and buffers. */
#define BL_ROM_RAM_RESERVED 0x800u

/* ---------------------------------------------------------------- CRC-32 (IEEE, reflected) */
/* Four bits at a time with a 16-entry table (64 bytes: fits the 4 KiB boot ROM, and about four
 * times faster than bit by bit, which matters for CHECK of a whole image on a 12 MHz core). The
 * state is the inverted CRC: start with BL_CRC_INIT, feed bytes, finish with bl_crc32_final. */
#define BL_CRC_INIT 0xFFFFFFFFu
#if defined(__GNUC__)
#define BL_MAYBE_UNUSED __attribute__((unused))
#else
#define BL_MAYBE_UNUSED
#endif
static const uint32_t bl_crc32_nibble[16] BL_MAYBE_UNUSED = {
    0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u,
    0x4DB26158u, 0x5005713Cu, 0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
    0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu};
static inline uint32_t bl_crc32_byte(uint32_t state, uint8_t byte) {
  state ^= byte;
  state = (state >> 4) ^ bl_crc32_nibble[state & 15u];
  return (state >> 4) ^ bl_crc32_nibble[state & 15u];
}
static inline uint32_t bl_crc32_update(uint32_t state, const void *data, size_t len) {
  const uint8_t *p = (const uint8_t *)data;
  for (size_t i = 0; i < len; i++) state = bl_crc32_byte(state, p[i]);
  return state;
}
static inline uint32_t bl_crc32_final(uint32_t state) { return ~state; }
static inline uint32_t bl_crc32(const void *data, size_t len) {
  return bl_crc32_final(bl_crc32_update(BL_CRC_INIT, data, len));
}

/* ---------------------------------------------------------------- little-endian helpers */
static inline uint32_t bl_get32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint16_t bl_get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline void bl_put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline void bl_put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }

/* Encodes a frame into out (room for BL_HEADER_BYTES + len + BL_CRC_BYTES); returns its size,
 * or 0 if len > BL_MAX_PAYLOAD. payload may be NULL when len is 0. */
static inline size_t bl_frame_encode(uint8_t *out, uint8_t type, uint8_t seq, const void *payload,
                                     size_t len) {
  if (len > BL_MAX_PAYLOAD) return 0;
  out[0] = BL_SOF0; out[1] = BL_SOF1; out[2] = type; out[3] = seq;
  bl_put16(out + 4, (uint16_t)len);
  const uint8_t *pl = (const uint8_t *)payload;
  for (size_t i = 0; i < len; i++) out[BL_HEADER_BYTES + i] = pl[i];
  uint32_t crc = bl_crc32(out + 2, 4 + len);
  bl_put32(out + BL_HEADER_BYTES + len, crc);
  return BL_HEADER_BYTES + len + BL_CRC_BYTES;
}

/* ---------------------------------------------------------------- frame parser
 * Byte at a time, no allocation: the boot ROM and the host use this same code. Bytes outside a
 * frame (text) are skipped while it hunts for the sync bytes. */
typedef struct bl_parser {
  uint8_t *buf;        /* payload buffer, `cap` bytes, owned by the caller */
  uint16_t cap;        /* <= BL_MAX_PAYLOAD */
  uint8_t state;       /* internal */
  uint8_t type, seq;   /* of the frame being received / just completed */
  uint16_t len, pos;   /* payload length, bytes received */
  uint32_t crc;        /* running CRC state */
  uint32_t rx_crc;     /* CRC bytes received */
} bl_parser_t;

enum {
  BL_PARSE_MORE = 0,       /* nothing complete yet */
  BL_PARSE_FRAME = 1,      /* a good frame: type, seq, len, buf[0..len) */
  BL_PARSE_BAD_CRC = -1,   /* a whole frame arrived with a wrong CRC (type, seq as received) */
  BL_PARSE_BAD_LEN = -2,   /* the header announced more than cap bytes; the frame is dropped */
};

enum { BLP_HUNT, BLP_SOF1, BLP_TYPE, BLP_SEQ, BLP_LEN0, BLP_LEN1, BLP_PAYLOAD, BLP_CRC };

static inline void bl_parser_init(bl_parser_t *p, uint8_t *buf, uint16_t cap) {
  p->buf = buf; p->cap = cap; p->state = BLP_HUNT;
  p->type = p->seq = 0; p->len = p->pos = 0; p->crc = 0; p->rx_crc = 0;
}
static inline void bl_parser_reset(bl_parser_t *p) { p->state = BLP_HUNT; }
/* 1 while a frame has started (sync seen) but is not complete: an inter-byte timeout applies. */
static inline int bl_parser_busy(const bl_parser_t *p) { return p->state != BLP_HUNT; }

static inline int bl_parser_feed(bl_parser_t *p, uint8_t b) {
  /* type, seq, len and payload bytes go into the CRC (one place: the boot ROM is small). */
  if (p->state >= BLP_TYPE && p->state <= BLP_PAYLOAD)
    p->crc = bl_crc32_byte(p->state == BLP_TYPE ? BL_CRC_INIT : p->crc, b);
  switch (p->state) {
    case BLP_HUNT:
      if (b == BL_SOF0) p->state = BLP_SOF1;
      return BL_PARSE_MORE;
    case BLP_SOF1:
      p->state = b == BL_SOF1 ? BLP_TYPE : b == BL_SOF0 ? BLP_SOF1 : BLP_HUNT;
      return BL_PARSE_MORE;
    case BLP_TYPE:
      p->type = b; p->state = BLP_SEQ;
      return BL_PARSE_MORE;
    case BLP_SEQ:
      p->seq = b; p->state = BLP_LEN0;
      return BL_PARSE_MORE;
    case BLP_LEN0:
      p->len = b; p->state = BLP_LEN1;
      return BL_PARSE_MORE;
    case BLP_LEN1:
      p->len = (uint16_t)(p->len | b << 8); p->pos = 0; p->rx_crc = 0;
      if (p->len > p->cap) { p->state = BLP_HUNT; return BL_PARSE_BAD_LEN; }
      p->state = p->len ? BLP_PAYLOAD : BLP_CRC;
      return BL_PARSE_MORE;
    case BLP_PAYLOAD:
      p->buf[p->pos++] = b;
      if (p->pos == p->len) { p->state = BLP_CRC; p->pos = 0; }
      return BL_PARSE_MORE;
    case BLP_CRC:
      p->rx_crc |= (uint32_t)b << (8 * p->pos);
      if (++p->pos < 4) return BL_PARSE_MORE;
      p->state = BLP_HUNT;
      return p->rx_crc == bl_crc32_final(p->crc) ? BL_PARSE_FRAME : BL_PARSE_BAD_CRC;
    default:
      p->state = BLP_HUNT;
      return BL_PARSE_MORE;
  }
}

/* ---------------------------------------------------------------- flash image */
#define BL_IMAGE_MAGIC 0x4D494C42u     /* "BLIM" */
#define BL_IMAGE_VERSION 1u
#define BL_IMAGE_HEADER_BYTES 32u
/* Where the boot ROM looks in the SPI flash: 1 MiB, well past the iCE40 UP5K bitstream
 * (~104 KiB at offset 0) and aligned to iceprog's 64 KiB erase blocks. */
#define BL_FLASH_IMAGE_OFFSET 0x00100000u

typedef struct bl_flash_header {
  uint32_t magic;        /* BL_IMAGE_MAGIC */
  uint16_t version;      /* BL_IMAGE_VERSION */
  uint16_t header_bytes; /* BL_IMAGE_HEADER_BYTES */
  uint32_t load_addr;    /* where the payload goes (RAM, 4-byte aligned) */
  uint32_t length;       /* payload bytes (>= 4, multiple of 4) */
  uint32_t entry;        /* jump target, inside [load_addr, load_addr + length) */
  uint32_t crc32;        /* of the payload */
  uint32_t flags;        /* 0 */
  uint32_t header_crc;   /* crc32 of the 28 bytes before it */
} bl_flash_header_t;

enum {
  BL_IMG_OK = 0,
  BL_IMG_ERASED,        /* magic 0xFFFFFFFF: nothing was ever written at the offset */
  BL_IMG_BAD_MAGIC,
  BL_IMG_BAD_VERSION,
  BL_IMG_BAD_HEADER_CRC,
  BL_IMG_BAD_LENGTH,    /* 0, not a multiple of 4, or larger than the loadable RAM */
  BL_IMG_BAD_RANGE,     /* load_addr misaligned or the payload does not fit the loadable RAM */
  BL_IMG_BAD_ENTRY,     /* entry misaligned or outside the payload */
  BL_IMG_BAD_CRC,       /* payload CRC (checked after the copy) */
};

/* Decodes the 32 header bytes. */
static inline void bl_flash_header_decode(const uint8_t *b, bl_flash_header_t *h) {
  h->magic = bl_get32(b); h->version = bl_get16(b + 4); h->header_bytes = bl_get16(b + 6);
  h->load_addr = bl_get32(b + 8); h->length = bl_get32(b + 12); h->entry = bl_get32(b + 16);
  h->crc32 = bl_get32(b + 20); h->flags = bl_get32(b + 24); h->header_crc = bl_get32(b + 28);
}
static inline void bl_flash_header_encode(uint8_t *b, const bl_flash_header_t *h) {
  bl_put32(b, h->magic); bl_put16(b + 4, h->version); bl_put16(b + 6, h->header_bytes);
  bl_put32(b + 8, h->load_addr); bl_put32(b + 12, h->length); bl_put32(b + 16, h->entry);
  bl_put32(b + 20, h->crc32); bl_put32(b + 24, h->flags);
  bl_put32(b + 28, bl_crc32(b, 28));
}

/* Checks a header against the loadable RAM [ram_base, load_limit). `raw` are the 32 bytes as
 * read (for the header CRC). Returns BL_IMG_*. */
static inline int bl_flash_header_check(const uint8_t *raw, const bl_flash_header_t *h,
                                        uint32_t ram_base, uint32_t load_limit) {
  if (h->magic == 0xFFFFFFFFu) return BL_IMG_ERASED;
  if (h->magic != BL_IMAGE_MAGIC) return BL_IMG_BAD_MAGIC;
  if (h->version != BL_IMAGE_VERSION || h->header_bytes != BL_IMAGE_HEADER_BYTES)
    return BL_IMG_BAD_VERSION;
  if (bl_crc32(raw, 28) != h->header_crc) return BL_IMG_BAD_HEADER_CRC;
  if (h->length == 0 || (h->length & 3u) || h->length > load_limit - ram_base)
    return BL_IMG_BAD_LENGTH;
  if ((h->load_addr & 3u) || h->load_addr < ram_base || h->load_addr >= load_limit ||
      h->length > load_limit - h->load_addr)
    return BL_IMG_BAD_RANGE;
  if ((h->entry & 3u) || h->entry < h->load_addr || h->entry - h->load_addr >= h->length)
    return BL_IMG_BAD_ENTRY;
  return BL_IMG_OK;
}

static inline const char *bl_image_error_name(int code) {
  switch (code) {
    case BL_IMG_OK: return "ok";
    case BL_IMG_ERASED: return "no image (flash erased: magic reads 0xffffffff)";
    case BL_IMG_BAD_MAGIC: return "bad magic (not a boardlink image)";
    case BL_IMG_BAD_VERSION: return "unsupported image version or header size";
    case BL_IMG_BAD_HEADER_CRC: return "header CRC mismatch (corrupt header)";
    case BL_IMG_BAD_LENGTH: return "bad length (0, not a multiple of 4, or larger than RAM)";
    case BL_IMG_BAD_RANGE: return "load address range outside the loadable RAM";
    case BL_IMG_BAD_ENTRY: return "entry point outside the image or misaligned";
    case BL_IMG_BAD_CRC: return "payload CRC mismatch (corrupt image)";
    default: return "unknown image error";
  }
}

#endif /* BOARDLINK_PROTO_H */
