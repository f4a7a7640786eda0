/* Misaligned loads and stores. Our core traps on them (causes 4 and 6); QEMU performs them in
 * hardware. A trap handler emulates each trapped access byte by byte, so the program computes
 * the same results on both, and the number of traps must be either 0 or every misaligned access. */
#include <stdint.h>
#include <string.h>

#include "baremetal.h"
#include "check.h"

#define OPCODE_LOAD 0x03u
#define OPCODE_STORE 0x23u

static volatile uint32_t emulated_accesses;

static int32_t sign_extend(uint32_t value, unsigned bits) {
  uint32_t sign = 1u << (bits - 1);
  return (int32_t)((value ^ sign) - sign);
}

static void emulate_misaligned(bm_trap_frame_t *frame) {
  if (frame->mcause != BM_CAUSE_MISALIGNED_LOAD && frame->mcause != BM_CAUSE_MISALIGNED_STORE) {
    bm_default_trap_handler(frame);
  }
  uint32_t insn = *(const uint32_t *)(uintptr_t)frame->mepc;  /* no C extension: 4 bytes */
  uint32_t opcode = insn & 0x7f;
  uint32_t funct3 = (insn >> 12) & 7;
  uint32_t rs1 = (insn >> 15) & 31;
  unsigned bytes = 1u << (funct3 & 3);
  int32_t offset;
  if (opcode == OPCODE_LOAD && frame->mcause == BM_CAUSE_MISALIGNED_LOAD) {
    offset = (int32_t)insn >> 20;
  } else if (opcode == OPCODE_STORE && frame->mcause == BM_CAUSE_MISALIGNED_STORE) {
    offset = sign_extend(((insn >> 25) << 5) | ((insn >> 7) & 31), 12);
  } else {
    bm_default_trap_handler(frame);  /* e.g. a misaligned AMO: not ours to fix */
  }
  uint32_t address = frame->x[rs1] + (uint32_t)offset;
  /* mtval should hold the faulting address (zero is allowed: "not provided"). */
  if (frame->mtval != 0 && frame->mtval != address) {
    bm_uart_puts("misaligned: mtval does not match the effective address\n");
    exit(60);
  }
  volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)address;
  if (opcode == OPCODE_LOAD) {
    uint32_t value = 0;
    for (unsigned i = 0; i < bytes; i++) value |= (uint32_t)p[i] << (8 * i);
    if (bytes < 4 && !(funct3 & 4)) value = (uint32_t)sign_extend(value, 8 * bytes);
    uint32_t rd = (insn >> 7) & 31;
    if (rd != 0) frame->x[rd] = value;
  } else {
    uint32_t value = frame->x[(insn >> 20) & 31];
    for (unsigned i = 0; i < bytes; i++) p[i] = (uint8_t)(value >> (8 * i));
  }
  emulated_accesses++;
  frame->mepc += 4;
}

static uint8_t buffer[32] __attribute__((aligned(8)));

/* Hides a pointer's alignment from the compiler: for an address it knows to be misaligned, GCC
 * emits byte accesses (even for a volatile access on this strict-alignment target), and then
 * nothing would trap. */
static inline uint8_t *opaque(uint8_t *p) {
  __asm__("" : "+r"(p));
  return p;
}

static void fill_buffer(void) {
  for (unsigned i = 0; i < sizeof buffer; i++) buffer[i] = (uint8_t)(0x81 + 0x1d * i);
}

/* What a little-endian access of `bytes` at buffer[offset] reads, from the bytes themselves. */
static uint32_t expected_load(unsigned offset, unsigned bytes, int is_signed) {
  uint32_t value = 0;
  for (unsigned i = 0; i < bytes; i++) value |= (uint32_t)buffer[offset + i] << (8 * i);
  if (is_signed && bytes < 4) value = (uint32_t)sign_extend(value, 8 * bytes);
  return value;
}

/* Instruction encodings for calling the handler directly. */
static uint32_t encode_load(uint32_t funct3, uint32_t rd, uint32_t rs1, int32_t imm) {
  return ((uint32_t)imm << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | OPCODE_LOAD;
}
static uint32_t encode_store(uint32_t funct3, uint32_t rs2, uint32_t rs1, int32_t imm) {
  uint32_t u = (uint32_t)imm & 0xfff;
  return ((u >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | ((u & 31) << 7) |
         OPCODE_STORE;
}

/* Feeds the handler hand-made frames, so that its decoding is exercised even on a core that never
 * traps on misaligned accesses (QEMU). */
static void test_handler_directly(void) {
  static uint32_t insn;
  bm_trap_frame_t f;
  fill_buffer();

  memset(&f, 0, sizeof f);
  insn = encode_load(2, 15, 10, 3);  /* lw a5, 3(a0) with a0 = buffer */
  f.x[10] = (uint32_t)(uintptr_t)buffer;
  f.mepc = (uint32_t)(uintptr_t)&insn;
  f.mcause = BM_CAUSE_MISALIGNED_LOAD;
  f.mtval = f.x[10] + 3;
  emulate_misaligned(&f);
  CHECK_EQ(f.x[15], expected_load(3, 4, 0), 40);
  CHECK_EQ(f.mepc, (uint32_t)(uintptr_t)&insn + 4, 41);

  insn = encode_load(1, 9, 10, 1);  /* lh s1, 1(a0): a negative halfword, sign-extended */
  f.mepc = (uint32_t)(uintptr_t)&insn;
  f.mtval = 0;                      /* "no address provided" is accepted */
  emulate_misaligned(&f);
  CHECK(expected_load(1, 2, 1) >= 0xffff8000u, 47);
  CHECK_EQ(f.x[9], expected_load(1, 2, 1), 42);

  insn = encode_load(5, 0, 10, 1);  /* lhu zero, 1(a0): x0 stays 0 */
  f.mepc = (uint32_t)(uintptr_t)&insn;
  emulate_misaligned(&f);
  CHECK_EQ(f.x[0], 0, 43);

  insn = encode_store(2, 12, 11, -5);  /* sw a2, -5(a1) with a1 = buffer + 12 */
  f.x[11] = (uint32_t)(uintptr_t)(buffer + 12);
  f.x[12] = 0x11223344u;
  f.mepc = (uint32_t)(uintptr_t)&insn;
  f.mcause = BM_CAUSE_MISALIGNED_STORE;
  f.mtval = f.x[11] - 5;
  emulate_misaligned(&f);
  CHECK_EQ(expected_load(7, 4, 0), 0x11223344u, 44);

  insn = encode_store(1, 13, 11, 3);  /* sh a3, 3(a1) */
  f.x[13] = 0xcafebeefu;
  f.mepc = (uint32_t)(uintptr_t)&insn;
  f.mtval = f.x[11] + 3;
  emulate_misaligned(&f);
  CHECK_EQ(expected_load(15, 2, 0), 0xbeef, 45);
  CHECK_EQ(f.mepc, (uint32_t)(uintptr_t)&insn + 4, 46);
}

/* Each phase's misaligned accesses must all have trapped (a strict-alignment core) or none
 * (a core that handles them, like QEMU); a mix means some went wrong silently. */
static uint32_t check_phase(const char *phase, uint32_t traps_before, uint32_t misaligned,
                            int code) {
  uint32_t trapped = emulated_accesses - traps_before;
  printf("%-7s %2" PRIu32 " misaligned, %2" PRIu32 " trapped and emulated\n", phase, misaligned,
         trapped);
  CHECK(trapped == 0 || trapped == misaligned, code);
  return trapped;
}

int main(void) {
  bm_set_trap_handler(emulate_misaligned);
  uint32_t trapped = 0, misaligned = 0, start = emulated_accesses;

  fill_buffer();
  for (unsigned offset = 0; offset < 8; offset++) {
    uint8_t *at = opaque(buffer + offset);
    CHECK_EQ(*(volatile uint32_t *)at, expected_load(offset, 4, 0), 1);
    CHECK_EQ(*(volatile int16_t *)at, expected_load(offset, 2, 1), 2);
    CHECK_EQ(*(volatile uint16_t *)at, expected_load(offset, 2, 0), 3);
    CHECK_EQ(*(volatile int8_t *)at, expected_load(offset, 1, 1), 4);
    misaligned += (offset % 4 != 0) + (offset % 2 != 0) * 2;
  }
  trapped += check_phase("loads", start, misaligned, 30);

  uint32_t stores = 0;
  start = emulated_accesses;
  for (unsigned offset = 0; offset < 8; offset++) {
    uint8_t before[sizeof buffer];
    fill_buffer();
    memcpy(before, buffer, sizeof buffer);
    *(volatile uint32_t *)opaque(buffer + offset) = 0xa1b2c3d4u;
    *(volatile uint16_t *)opaque(buffer + 16 + offset) = 0xe5f6u;
    stores += (offset % 4 != 0) + (offset % 2 != 0);
    for (unsigned i = 0; i < sizeof buffer; i++) {
      uint8_t want = before[i];
      if (i >= offset && i < offset + 4) want = (uint8_t)(0xa1b2c3d4u >> (8 * (i - offset)));
      if (i >= 16 + offset && i < 16 + offset + 2) want = (uint8_t)(0xe5f6u >> (8 * (i - 16 - offset)));
      CHECK_EQ(buffer[i], want, 10 + offset);
    }
  }
  trapped += check_phase("stores", start, stores, 31);
  misaligned += stores;

  /* A load whose destination is also its base register: the address must be formed first. */
  fill_buffer();
  start = emulated_accesses;
  uint32_t value = (uint32_t)(uintptr_t)(buffer + 3);
  __asm__ volatile("lw %0, 0(%0)" : "+r"(value) : : "memory");
  CHECK_EQ(value, expected_load(3, 4, 0), 20);
  trapped += check_phase("rd=rs1", start, 1, 32);
  misaligned++;

  printf("misaligned accesses %" PRIu32 ", trapped and emulated %" PRIu32 "\n", misaligned, trapped);
  CHECK(trapped == 0 || trapped == misaligned, 33);

  test_handler_directly();
  printf("PASS misaligned\n");
  return 0;
}
