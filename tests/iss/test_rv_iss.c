/* Unit test of the reference ISS (sim/iss/rv_iss.h) and its disassembler, on hand-encoded
 * instructions: retirement records, traps and delegation, interrupts, Sv32, bus callbacks and
 * injected faults, the implementation-choice options, CSR access, counters. Host program; exit
 * status 0 = pass, prints the first failing check otherwise. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rv_disasm.h"
#include "rv_iss.h"

static int failures;
#define CHECK(cond)                                                    \
  do {                                                                 \
    if (!(cond)) {                                                     \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                      \
    }                                                                  \
  } while (0)
#define CHECK_EQ(a, b)                                                                     \
  do {                                                                                     \
    uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                                       \
    if (a_ != b_) {                                                                        \
      fprintf(stderr, "%s:%d: %s = 0x%" PRIx64 ", expected 0x%" PRIx64 "\n", __FILE__,    \
              __LINE__, #a, a_, b_);                                                       \
      failures++;                                                                          \
    }                                                                                      \
  } while (0)

/* ---------------------------------------------------------------- encoders */
static uint32_t R(uint32_t f7, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) {
  return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static uint32_t I(int32_t imm, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) {
  return ((uint32_t)imm & 0xFFF) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static uint32_t S(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3) {
  uint32_t u = (uint32_t)imm;
  return ((u >> 5) & 0x7F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 0x1F) << 7 | 0x23;
}
static uint32_t J(int32_t imm, uint32_t rd) {
  uint32_t u = (uint32_t)imm;
  return ((u >> 20) & 1) << 31 | ((u >> 1) & 0x3FF) << 21 | ((u >> 11) & 1) << 20 |
         ((u >> 12) & 0xFF) << 12 | rd << 7 | 0x6F;
}
static uint32_t LUI(uint32_t rd, uint32_t imm20) { return imm20 << 12 | rd << 7 | 0x37; }
#define ADDI(rd, rs1, imm) I(imm, rs1, 0, rd, 0x13)
#define LW(rd, rs1, imm) I(imm, rs1, 2, rd, 0x03)
#define LB(rd, rs1, imm) I(imm, rs1, 0, rd, 0x03)
#define SW(rs2, rs1, imm) S(imm, rs2, rs1, 2)
#define SB(rs2, rs1, imm) S(imm, rs2, rs1, 0)
#define CSRRW(rd, csr, rs1) I((int32_t)(csr), rs1, 1, rd, 0x73)
#define CSRRS(rd, csr, rs1) I((int32_t)(csr), rs1, 2, rd, 0x73)
#define ECALL 0x00000073u
#define MRET 0x30200073u
#define AMO(f5, rd, rs1, rs2) R((f5) << 2, rs2, rs1, 2, rd, 0x2F)

/* ---------------------------------------------------------------- board */
enum { RAM_BASE = 0x80000000u, RAM_SIZE = 1u << 20, DEV = 0x10000000u };
static uint8_t ram[RAM_SIZE];
static uint32_t dev_reg = 0x12345678;
static int dev_loads, dev_stores;

static int cb_load(void *ctx, uint32_t pa, unsigned size, rv_iss_access_t kind, uint32_t *v) {
  (void)ctx; (void)kind;
  if (pa - DEV >= 16) return 1;
  dev_loads++;
  *v = (dev_reg >> (8 * (pa & 3))) & (size == 4 ? ~0u : (1u << (8 * size)) - 1);
  return 0;
}
static int cb_store(void *ctx, uint32_t pa, unsigned size, rv_iss_access_t kind, uint32_t v) {
  (void)ctx; (void)kind; (void)size;
  if (pa - DEV >= 16) return 1;
  dev_stores++;
  dev_reg = v;
  return 0;
}

static void put(uint32_t addr, uint32_t w) { memcpy(ram + (addr - RAM_BASE), &w, 4); }
static uint32_t get(uint32_t addr) {
  uint32_t w;
  memcpy(&w, ram + (addr - RAM_BASE), 4);
  return w;
}

static rv_iss_t *make(int hw_ad, int misaligned, int manual) {
  memset(ram, 0, sizeof ram);
  rv_iss_config_t cfg;
  rv_iss_default_config(&cfg);
  cfg.ram = ram;
  cfg.ram_base = RAM_BASE;
  cfg.ram_size = RAM_SIZE;
  cfg.load = cb_load;
  cfg.store = cb_store;
  cfg.hw_ad_update = hw_ad;
  cfg.misaligned_access = misaligned;
  cfg.manual_interrupts = manual;
  rv_iss_t *s = rv_iss_create(&cfg);
  if (!s) {
    fprintf(stderr, "rv_iss_create failed\n");
    exit(1);
  }
  rv_iss_reset(s, RAM_BASE);
  return s;
}

/* program at RAM_BASE */
static void prog(const uint32_t *w, size_t n) {
  for (size_t i = 0; i < n; i++) put(RAM_BASE + 4 * (uint32_t)i, w[i]);
}
#define PROG(...)                                   \
  do {                                              \
    const uint32_t p_[] = {__VA_ARGS__};            \
    prog(p_, sizeof p_ / sizeof p_[0]);             \
  } while (0)

static uint32_t csr(rv_iss_t *s, uint32_t c) {
  uint32_t v = 0xDEADBEEF;
  CHECK(rv_iss_csr_read(s, c, &v) == 0);
  return v;
}

/* ---------------------------------------------------------------- tests */
static void test_alu_records(void) {
  rv_iss_t *s = make(0, 0, 0);
  PROG(ADDI(5, 0, 7), ADDI(6, 5, -9), R(0x20, 6, 5, 0, 7, 0x33) /* sub x7,x5,x6 */,
       LUI(8, 0x80000), ADDI(0, 5, 1), R(1, 5, 6, 4, 9, 0x33) /* div x9,x6,x5 */,
       R(1, 0, 5, 5, 10, 0x33) /* divu x10,x5,x0 */, R(1, 0, 5, 6, 11, 0x33) /* rem x11,x5,x0 */);
  rv_iss_retire_t r;
  CHECK_EQ(rv_iss_step(s, &r), 1);
  CHECK_EQ(r.order, 0);
  CHECK_EQ(r.pc_rdata, RAM_BASE);
  CHECK_EQ(r.pc_wdata, RAM_BASE + 4);
  CHECK_EQ(r.rd_addr, 5);
  CHECK_EQ(r.rd_wdata, 7);
  CHECK_EQ(r.rs1_addr, 0);
  CHECK_EQ(r.mode, RV_PRIV_M);
  CHECK_EQ(r.intr, 0);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, (uint32_t)-2);
  CHECK_EQ(r.rs1_addr, 5);
  CHECK_EQ(r.rs1_rdata, 7);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 9);
  CHECK_EQ(r.rs2_addr, 6);
  CHECK_EQ(r.rs2_rdata, (uint32_t)-2);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 0x80000000u);
  rv_iss_step(s, &r); /* rd = x0: no register write reported */
  CHECK_EQ(r.rd_addr, 0);
  CHECK_EQ(r.rd_wdata, 0);
  CHECK_EQ(rv_iss_get_reg(s, 0), 0);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 0); /* -2 / 7 rounds toward zero */
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 0xFFFFFFFFu); /* divu by zero */
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 7); /* rem by zero */
  CHECK_EQ(r.order, 7);
  CHECK_EQ(rv_iss_instret(s), 8);
  rv_iss_destroy(s);
}

static void test_memory(void) {
  rv_iss_t *s = make(0, 0, 0);
  PROG(LUI(5, 0x80001), ADDI(6, 0, -128) /* 0xffffff80 */, SB(6, 5, 1), LW(7, 5, 0),
       LB(8, 5, 1), LUI(9, 0x10000), LW(10, 9, 4), SW(5, 9, 8), LW(11, 0, 0x100) /* unmapped */);
  rv_iss_retire_t r;
  rv_iss_step(s, &r);
  rv_iss_step(s, &r);
  rv_iss_step(s, &r);
  CHECK_EQ(r.mem_addr, 0x80001000u);
  CHECK_EQ(r.mem_wmask, 0x2);
  CHECK_EQ(r.mem_rmask, 0);
  CHECK_EQ(r.mem_wdata & 0xFF00, 0x8000);
  CHECK_EQ(r.rd_addr, 0);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 0x8000);
  CHECK_EQ(r.mem_rmask, 0xF);
  CHECK_EQ(r.mem_rdata, 0x8000);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 0xFFFFFF80u); /* lb sign-extends */
  CHECK_EQ(r.mem_rmask, 0x2);
  CHECK_EQ(r.mem_rdata, 0x8000);
  rv_iss_step(s, &r);
  rv_iss_step(s, &r); /* device load through the callback */
  CHECK_EQ(r.rd_wdata, 0x12345678);
  CHECK_EQ(dev_loads, 1);
  rv_iss_step(s, &r);
  CHECK_EQ(dev_stores, 1);
  CHECK_EQ(dev_reg, 0x80001000u);
  CHECK_EQ(rv_iss_step(s, &r), 0); /* bus error -> load access fault */
  CHECK_EQ(r.trap, 1);
  CHECK_EQ(r.trap_cause, RV_EXC_LOAD_ACCESS);
  CHECK_EQ(r.rd_addr, 0);
  CHECK_EQ(r.mem_rmask, 0);
  CHECK_EQ(csr(s, 0x343), 0x100); /* mtval = address */
  CHECK_EQ(csr(s, 0x341), RAM_BASE + 32);
  rv_iss_destroy(s);
}

static void test_traps_and_delegation(void) {
  rv_iss_t *s = make(0, 0, 0);
  const uint32_t mtvec = RAM_BASE + 0x400, stvec = RAM_BASE + 0x800;
  PROG(0x00000000u /* illegal */);
  put(mtvec, MRET);
  put(stvec, 0x10200073u /* sret */);
  rv_iss_csr_write(s, 0x305, mtvec | 2); /* bit 1 reads 0 */
  CHECK_EQ(csr(s, 0x305), mtvec);
  rv_iss_csr_write(s, 0x105, stvec);
  rv_iss_retire_t r;
  CHECK_EQ(rv_iss_step(s, &r), 0);
  CHECK_EQ(r.trap_cause, RV_EXC_ILLEGAL);
  CHECK_EQ(r.insn, 0);
  CHECK_EQ(r.pc_wdata, mtvec);
  CHECK_EQ(csr(s, 0x342), 2);
  CHECK_EQ(csr(s, 0x343), 0); /* the instruction bits */
  CHECK_EQ((csr(s, 0x300) >> 11) & 3, RV_PRIV_M); /* MPP */
  rv_iss_step(s, &r); /* mret, first instruction of the handler */
  CHECK_EQ(r.intr, 1);
  CHECK_EQ(r.pc_wdata, RAM_BASE);

  /* ecall from U: delegated to S, then from S not delegated: to M */
  PROG(ECALL);
  put(stvec, ECALL);
  rv_iss_csr_write(s, 0x302, 1u << RV_EXC_ECALL_U | 1u << 11 /* read-only 0 */);
  CHECK_EQ(csr(s, 0x302), 1u << RV_EXC_ECALL_U);
  rv_iss_set_priv(s, RV_PRIV_U);
  rv_iss_set_pc(s, RAM_BASE);
  rv_iss_step(s, &r);
  CHECK_EQ(r.mode, RV_PRIV_U);
  CHECK_EQ(r.trap_cause, RV_EXC_ECALL_U);
  CHECK_EQ(r.pc_wdata, stvec);
  CHECK_EQ(rv_iss_get_priv(s), RV_PRIV_S);
  CHECK_EQ(csr(s, 0x142), RV_EXC_ECALL_U);
  CHECK_EQ(csr(s, 0x141), RAM_BASE);
  CHECK_EQ(csr(s, 0x100) & 0x100, 0); /* SPP = U */
  rv_iss_step(s, &r);
  CHECK_EQ(r.mode, RV_PRIV_S);
  CHECK_EQ(r.trap_cause, RV_EXC_ECALL_S);
  CHECK_EQ(r.pc_wdata, mtvec);
  CHECK_EQ((csr(s, 0x300) >> 11) & 3, RV_PRIV_S);

  /* illegal tval option, ebreak tval, misaligned jump */
  rv_iss_destroy(s);
  s = make(0, 0, 0);
  PROG(0x00100073u /* ebreak */, J(6, 1) /* jal ra, +6: misaligned target */, 0xFFFFFFFFu);
  rv_iss_csr_write(s, 0x305, mtvec);
  put(mtvec, MRET);
  rv_iss_step(s, &r);
  CHECK_EQ(r.trap_cause, RV_EXC_BREAKPOINT);
  CHECK_EQ(csr(s, 0x343), RAM_BASE);
  rv_iss_csr_write(s, 0x341, RAM_BASE + 4);
  rv_iss_step(s, &r); /* mret */
  rv_iss_step(s, &r);
  CHECK_EQ(r.trap_cause, RV_EXC_INSN_MISALIGNED);
  CHECK_EQ(csr(s, 0x343), RAM_BASE + 10);
  CHECK_EQ(rv_iss_get_reg(s, 1), 0); /* rd not written */
  rv_iss_csr_write(s, 0x341, RAM_BASE + 8);
  rv_iss_step(s, &r);
  rv_iss_step(s, &r);
  CHECK_EQ(r.trap_cause, RV_EXC_ILLEGAL);
  CHECK_EQ(csr(s, 0x343), 0xFFFFFFFFu);
  rv_iss_destroy(s);
}

static void test_interrupts(void) {
  rv_iss_t *s = make(0, 0, 0);
  const uint32_t mtvec = RAM_BASE + 0x400;
  PROG(ADDI(5, 0, 1), ADDI(5, 5, 1), ADDI(5, 5, 1));
  put(mtvec + 4 * 7, MRET);
  rv_iss_csr_write(s, 0x305, mtvec | 1); /* vectored */
  rv_iss_csr_write(s, 0x304, RV_MIP_MTIP | RV_MIP_MSIP);
  rv_iss_retire_t r;
  rv_iss_set_irq_lines(s, RV_MIP_MTIP);
  rv_iss_step(s, &r); /* MIE = 0 in M: not taken */
  CHECK_EQ(r.intr, 0);
  CHECK_EQ(csr(s, 0x344), RV_MIP_MTIP);
  CHECK_EQ(rv_iss_pending_interrupt(s), -1);
  rv_iss_csr_write(s, 0x300, 0x8); /* MIE */
  CHECK_EQ(rv_iss_pending_interrupt(s), RV_IRQ_MTI);
  rv_iss_step(s, &r); /* taken before the second addi: the record is the handler's mret */
  CHECK_EQ(r.intr, 1);
  CHECK_EQ(r.pc_rdata, mtvec + 28);
  CHECK_EQ(r.insn, MRET);
  CHECK_EQ(csr(s, 0x342), 0x80000007u);
  CHECK_EQ(csr(s, 0x341), RAM_BASE + 4);
  CHECK_EQ(r.pc_wdata, RAM_BASE + 4);
  /* priority MSI before MTI */
  rv_iss_set_irq_lines(s, RV_MIP_MTIP | RV_MIP_MSIP);
  CHECK_EQ(rv_iss_pending_interrupt(s), RV_IRQ_MSI);
  rv_iss_destroy(s);

  /* manual mode: only rv_iss_take_interrupt; delegated STI not taken in M, taken in U */
  s = make(0, 0, 1);
  PROG(ADDI(5, 0, 1), ADDI(5, 5, 1));
  put(RAM_BASE + 0x800, ADDI(6, 0, 2));
  rv_iss_csr_write(s, 0x105, RAM_BASE + 0x800);
  rv_iss_csr_write(s, 0x303, 1u << RV_IRQ_STI);
  rv_iss_csr_write(s, 0x304, 1u << RV_IRQ_STI);
  rv_iss_csr_write(s, 0x344, 1u << RV_IRQ_STI); /* STIP is writable from M */
  rv_iss_csr_write(s, 0x300, 0x8);
  CHECK_EQ(rv_iss_pending_interrupt(s), -1);
  rv_iss_set_priv(s, RV_PRIV_U);
  CHECK_EQ(rv_iss_pending_interrupt(s), RV_IRQ_STI);
  rv_iss_step(s, &r);
  CHECK_EQ(r.intr, 0); /* manual: not taken */
  CHECK_EQ(rv_iss_take_interrupt(s), RV_IRQ_STI);
  CHECK_EQ(rv_iss_get_priv(s), RV_PRIV_S);
  CHECK_EQ(csr(s, 0x142), 0x80000005u);
  rv_iss_step(s, &r);
  CHECK_EQ(r.intr, 1);
  CHECK_EQ(r.mode, RV_PRIV_S);
  CHECK_EQ(r.rd_wdata, 2);
  /* sip shows only delegated bits; SEIP line vs software bit */
  rv_iss_set_irq_lines(s, RV_MIP_SEIP);
  CHECK_EQ(csr(s, 0x344), RV_MIP_SEIP | (1u << RV_IRQ_STI));
  CHECK_EQ(csr(s, 0x144), 1u << RV_IRQ_STI);
  rv_iss_destroy(s);
}

/* Sv32: identity superpage for code, a 4 KiB page for data at VA 0x40000000. */
static void sv32_setup(rv_iss_t *s, uint32_t leaf_flags) {
  const uint32_t root = RAM_BASE + 0x10000, l0 = RAM_BASE + 0x11000, data = RAM_BASE + 0x20000;
  put(root + 4 * (RAM_BASE >> 22), ((RAM_BASE >> 12) << 10) | 0xCF); /* VRWX AD, S */
  put(root + 4 * (0x40000000u >> 22), ((l0 >> 12) << 10) | 0x01);
  put(l0, ((data >> 12) << 10) | leaf_flags);
  put(data, 0xCAFEF00D);
  rv_iss_csr_write(s, 0x180, 0x80000000u | (root >> 12));
  rv_iss_csr_write(s, 0x305, RAM_BASE + 0x400);
  rv_iss_set_priv(s, RV_PRIV_S);
}

static void test_sv32(void) {
  rv_iss_t *s = make(0, 0, 0);
  PROG(LUI(5, 0x40000), LW(6, 5, 0), SW(6, 5, 4));
  sv32_setup(s, 0x47 /* V R W A, D = 0 */);
  rv_iss_retire_t r;
  rv_iss_step(s, &r);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 0xCAFEF00D);
  CHECK_EQ(r.mem_addr, 0x40000000u);
  rv_iss_step(s, &r); /* D = 0: store page fault, PTE unchanged */
  CHECK_EQ(r.trap_cause, RV_EXC_STORE_PAGE);
  CHECK_EQ(csr(s, 0x343), 0x40000004u);
  CHECK_EQ(get(RAM_BASE + 0x11000) & 0xC0, 0x40);
  rv_iss_destroy(s);

  /* hardware A/D update */
  s = make(1, 0, 0);
  PROG(LUI(5, 0x40000), LW(6, 5, 0), SW(6, 5, 4));
  sv32_setup(s, 0x07 /* V R W, A = D = 0 */);
  rv_iss_step(s, &r);
  rv_iss_step(s, &r);
  CHECK_EQ(r.trap, 0);
  CHECK_EQ(get(RAM_BASE + 0x11000) & 0xC0, 0x40); /* A set by the load */
  rv_iss_step(s, &r);
  CHECK_EQ(r.trap, 0);
  CHECK_EQ(get(RAM_BASE + 0x11000) & 0xC0, 0xC0); /* D set by the store */
  CHECK_EQ(get(RAM_BASE + 0x20004), 0xCAFEF00D);
  rv_iss_destroy(s);

  /* U page from S without SUM: load page fault; with SUM: fine */
  s = make(0, 0, 0);
  PROG(LUI(5, 0x40000), LW(6, 5, 0), LW(6, 5, 0));
  sv32_setup(s, 0xD3 /* V R U A D */);
  rv_iss_step(s, &r);
  rv_iss_step(s, &r);
  CHECK_EQ(r.trap_cause, RV_EXC_LOAD_PAGE);
  rv_iss_csr_write(s, 0x300, 1u << 18 | 1u << 11); /* SUM, MPP = S */
  rv_iss_set_priv(s, RV_PRIV_S);
  rv_iss_set_pc(s, RAM_BASE + 8);
  rv_iss_step(s, &r);
  CHECK_EQ(r.trap, 0);
  CHECK_EQ(r.rd_wdata, 0xCAFEF00D);
  rv_iss_destroy(s);
}

static void test_options_and_faults(void) {
  rv_iss_t *s = make(0, 0, 0);
  PROG(LUI(5, 0x80001), LW(6, 5, 1), SW(5, 5, 0), SW(5, 5, 0), LW(6, 5, 0));
  rv_iss_retire_t r;
  rv_iss_step(s, &r);
  rv_iss_step(s, &r);
  CHECK_EQ(r.trap_cause, RV_EXC_LOAD_MISALIGNED);
  CHECK_EQ(csr(s, 0x343), 0x80001001u);
  rv_iss_set_pc(s, RAM_BASE + 8);
  rv_iss_inject_access_fault(s, 0); /* the data side of the next step fails */
  rv_iss_step(s, &r);
  CHECK_EQ(r.trap_cause, RV_EXC_STORE_ACCESS);
  CHECK_EQ(get(0x80001000u), 0);
  rv_iss_set_pc(s, RAM_BASE + 12);
  rv_iss_step(s, &r); /* the injection was used up */
  CHECK_EQ(r.trap, 0);
  CHECK_EQ(get(0x80001000u), 0x80001000u);
  rv_iss_inject_access_fault(s, 1);
  rv_iss_step(s, &r);
  CHECK_EQ(r.trap_cause, RV_EXC_INSN_ACCESS);
  CHECK_EQ(r.insn, 0);
  rv_iss_destroy(s);

  s = make(0, 1, 0); /* misaligned accesses performed */
  PROG(LUI(5, 0x80001), LW(6, 5, 1));
  put(0x80001000u, 0x44332211);
  put(0x80001004u, 0x88776655);
  rv_iss_step(s, &r);
  rv_iss_step(s, &r);
  CHECK_EQ(r.trap, 0);
  CHECK_EQ(r.rd_wdata, 0x55443322);
  rv_iss_destroy(s);
}

static void test_atomics_csrs_counters(void) {
  rv_iss_t *s = make(0, 0, 0);
  PROG(LUI(5, 0x80001), ADDI(6, 0, 5), AMO(0x00, 7, 5, 6) /* amoadd.w x7,x6,(x5) */,
       AMO(0x02, 8, 5, 0) /* lr.w */, AMO(0x03, 9, 5, 6) /* sc.w ok */,
       AMO(0x03, 10, 5, 6) /* sc.w fails */, CSRRS(11, 0xB02, 0) /* minstret */,
       CSRRW(0, 0xB02, 6) /* minstret = 5 */, CSRRS(12, 0xB02, 0), CSRRS(13, 0x301, 0),
       CSRRS(14, 0x7C0, 0) /* no such CSR */, CSRRW(0, 0xF14, 0) /* write to read-only */);
  put(0x80001000u, 10);
  rv_iss_retire_t r;
  rv_iss_step(s, &r);
  rv_iss_step(s, &r);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 10);
  CHECK_EQ(r.mem_rmask, 0xF);
  CHECK_EQ(r.mem_wmask, 0xF);
  CHECK_EQ(r.mem_rdata, 10);
  CHECK_EQ(r.mem_wdata, 15);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 15);
  CHECK_EQ(r.rs2_addr, 0);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 0);
  CHECK_EQ(r.mem_wmask, 0xF);
  CHECK_EQ(get(0x80001000u), 5);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 1);
  CHECK_EQ(r.mem_wmask, 0);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 6); /* six instructions retired before */
  rv_iss_step(s, &r);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 5); /* the write won over its own retirement */
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 0x40141101u);
  CHECK_EQ(rv_iss_step(s, &r), 0);
  CHECK_EQ(r.trap_cause, RV_EXC_ILLEGAL);
  rv_iss_set_pc(s, RAM_BASE + 44);
  CHECK_EQ(rv_iss_step(s, &r), 0);
  CHECK_EQ(r.trap_cause, RV_EXC_ILLEGAL);
  CHECK_EQ(rv_iss_instret(s), 7); /* 5 after the write, +2; traps do not retire */
  uint32_t v;
  CHECK_EQ(rv_iss_csr_read(s, 0x7C0, &v), -1);
  CHECK_EQ(rv_iss_csr_read(s, 0x3A0, &v), 0); /* pmpcfg0: read-only zero */
  CHECK_EQ(v, 0);
  CHECK_EQ(csr(s, 0x300) & 0x1800, 0x1800); /* MPP = M after the traps */
  rv_iss_csr_write(s, 0x300, 0x1000);        /* MPP = 2 is reserved: ignored */
  CHECK_EQ(csr(s, 0x300) & 0x1800, 0x1800);
  rv_iss_csr_write(s, 0x300, 0x0800);
  CHECK_EQ(csr(s, 0x300) & 0x1800, 0x0800);
  rv_iss_csr_write(s, 0x341, 0x80000003u);
  CHECK_EQ(csr(s, 0x341), 0x80000000u);
  rv_iss_destroy(s);
}

/* Counter writes (found by the random programs, sim/rvgen): the increment is computed from the
 * value before the instruction and a write replaces only the half it writes; a write to
 * mcountinhibit applies after the writing instruction (which is counted under the old value). */
static void test_counter_writes(void) {
  rv_iss_t *s = make(0, 0, 0);
  PROG(ADDI(5, 0, -1), CSRRW(0, 0xB82, 0) /* minstreth = 0 */, CSRRW(0, 0xB02, 5) /* minstret = -1 */,
       CSRRS(10, 0xB82, 0) /* no carry from the written value: 0 */,
       CSRRS(11, 0xB02, 0) /* wrapped: 0 */, CSRRS(12, 0xB82, 0) /* the carry now: 1 */,
       I(0x320, 4, 5, 0, 0x73) /* csrrwi mcountinhibit, 4 */, CSRRS(13, 0xB02, 0),
       I(0x320, 0, 5, 0, 0x73) /* csrrwi mcountinhibit, 0 (not counted) */, CSRRS(14, 0xB02, 0));
  rv_iss_csr_write(s, 0x320, 0);
  rv_iss_retire_t r;
  for (int i = 0; i < 4; i++) rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 0);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 0);
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 1);
  rv_iss_step(s, &r); /* sets IR: still counted */
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 3); /* not counted itself */
  rv_iss_step(s, &r); /* clears IR: not counted (inhibited while it executed) */
  rv_iss_step(s, &r);
  CHECK_EQ(r.rd_wdata, 3);
  rv_iss_destroy(s);
}

static void test_disasm(void) {
  char b[96];
  struct { uint32_t pc, insn; const char *text; } cases[] = {
      {0, ADDI(10, 10, 1), "addi a0, a0, 1"},
      {0, ADDI(5, 0, -9), "addi t0, zero, -9"},
      {0x80000000u, J(16, 1), "jal ra, 0x80000010"},
      {0, LW(6, 2, 12), "lw t1, 12(sp)"},
      {0, SB(6, 5, -1), "sb t1, -1(t0)"},
      {0, R(1, 6, 5, 4, 7, 0x33), "div t2, t0, t1"},
      {0, CSRRW(5, 0x340, 5), "csrrw t0, mscratch, t0"},
      {0, AMO(0x02, 8, 5, 0), "lr.w s0, (t0)"},
      {0, AMO(0x01, 8, 5, 6), "amoswap.w s0, t1, (t0)"},
      {0, MRET, "mret"},
      {0, 0x12000073u, "sfence.vma zero, zero"},
      {0, 0xFFFFFFFFu, "unknown 0xffffffff"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    rv_disasm(cases[i].pc, cases[i].insn, b, sizeof b);
    if (strcmp(b, cases[i].text)) {
      fprintf(stderr, "disasm 0x%08x: '%s', expected '%s'\n", cases[i].insn, b, cases[i].text);
      failures++;
    }
  }
}

int main(void) {
  test_alu_records();
  test_memory();
  test_traps_and_delegation();
  test_interrupts();
  test_sv32();
  test_options_and_faults();
  test_atomics_csrs_counters();
  test_counter_writes();
  test_disasm();
  if (failures) {
    fprintf(stderr, "test_rv_iss: %d failures\n", failures);
    return 1;
  }
  printf("test_rv_iss: all checks passed\n");
  return 0;
}
