/* rvgen: random RISC-V test-program generator (docs/verification.md, "Random programs").
 *
 * Writes a self-contained RV32IMA + Zicsr + Zifencei assembly program for the SoC: random register
 * values, a random mix of ALU/M/A instructions, loads and stores of every width (aligned inside a
 * safe data region, misaligned, and to unmapped addresses), forward branches, bounded loops,
 * jumps and calls, CSR accesses, exceptions, software interrupts, privilege changes between M, S
 * and U, random delegation, and Sv32 page tables with random 4 KiB pages and superpages, random
 * permissions and A/D bits. Trap handlers (M and S) skip the trapping instruction or, for page
 * faults, set the PTE's A/D bits and retry, so every program terminates; it ends in M-mode by
 * storing a signature of the final state and writing the test finisher (pass).
 *
 * The programs do not check themselves: they are meant to run under lockstep
 * (`socsim --cosim`), which compares every retired instruction of the RTL with the ISS. They
 * also run on the ISS alone (`rviss`). Same seed + same options = same program.
 *
 * C11, no dependencies. --elf assembles and links with the cross compiler (RVGEN_CC or
 * riscv64-unknown-elf-gcc). */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* ---------------------------------------------------------------- memory layout */
#define CODE_BASE 0x80000000u /* init, handlers, body (identity mapped by 4 KiB pages) */
#define CODE_MAX_PAGES 1024u  /* the code must fit one 4 MiB superpage's worth of pages */
#define DATA_BASE 0x80400000u /* safe data region: loads, stores, AMOs */
#define DATA_PAGES 4u
#define DATA_SIZE (DATA_PAGES * 4096u)
#define GP_VALUE (DATA_BASE + 0x800u) /* gp: base of gp-relative accesses */
#define SYS_BASE 0x80800000u /* handler save areas, signature, page tables */
#define SYS_M_SAVE (SYS_BASE + 0x000u)
#define SYS_S_SAVE (SYS_BASE + 0x040u)
#define SYS_SIG (SYS_BASE + 0x100u)
#define PT_ROOT_A (SYS_BASE + 0x1000u)
#define PT_ROOT_B (SYS_BASE + 0x2000u)
#define PT_L0_CODE (SYS_BASE + 0x3000u)
#define PT_L0_DATA (SYS_BASE + 0x4000u)
#define PT_L0_WIN (SYS_BASE + 0x5000u)
#define PT_L0_NONLEAF (SYS_BASE + 0x6000u)
#define PT_L0_LOW (SYS_BASE + 0x7000u)
#define SYS_SIZE 0x8000u

#define FINISHER 0x00100000u
#define CLINT 0x02000000u
#define ALIAS_BASE 0x00800000u /* S-mode alias of the code: superpage -> CODE_BASE */

/* virtual windows onto the data region (and deliberately broken translations) */
#define W_SUPER 0xC0000000u   /* superpage -> DATA_BASE, random permissions */
#define W_PAGES 0x40000000u   /* 16 random 4 KiB pages -> random data pages */
#define W_MISSUPER 0x40400000u /* superpage leaf with PPN[0] != 0: page fault */
#define W_NONLEAF 0x40800000u /* level-0 entries that are pointers: page fault */
#define W_BIGPA 0x40C00000u   /* pointer with PPN[21:20] != 0: access fault */
#define W_BUSERR 0x41000000u  /* pointer to an unmapped PA: bus error on the walk */
#define W_BIGLEAF 0x41400000u /* superpage leaf with PPN[21:20] != 0: access fault */
#define W_PAGES_N 16u

#define PTE_V 0x01u
#define PTE_R 0x02u
#define PTE_W 0x04u
#define PTE_X 0x08u
#define PTE_U 0x10u
#define PTE_G 0x20u
#define PTE_A 0x40u
#define PTE_D 0x80u

enum { M = 3, S = 1, U = 0 };

/* ---------------------------------------------------------------- random numbers */
static uint64_t rng_state;
static uint64_t rnd64(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static uint32_t rnd(void) { return (uint32_t)(rnd64() >> 32); }
static uint32_t below(uint32_t n) { return n ? (uint32_t)(((uint64_t)rnd() * n) >> 32) : 0; }
static int range(int lo, int hi) { return lo + (int)below((uint32_t)(hi - lo + 1)); }
static int pct(int p) { return (int)below(100) < p; }

static const uint32_t edge_values[] = {
    0, 1, 2, 0xFFFFFFFFu, 0x80000000u, 0x7FFFFFFFu, 0x80000001u, 0xFFFFFFFEu, 0x7FFu, 0x800u,
    0xFFFFF800u, 0xFFFu, 0x1000u, 0xFFFFu, 0x8000u, 0x10000u, 31, 32, 33, 0x55555555u,
    0xAAAAAAAAu, 0x0000FFFFu, 0xFFFF0000u, 0x00FF00FFu, 0x12345678u};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
static uint32_t rand_value(void) {
  switch (below(4)) {
    case 0: return edge_values[below(NELEM(edge_values))];
    case 1: return (uint32_t)(int32_t)range(-64, 64);
    default: return rnd();
  }
}

/* ---------------------------------------------------------------- output */
static char *obuf;
static size_t olen, ocap;
static uint32_t cur; /* offset of the next instruction from CODE_BASE */

static void outv(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) return;
  if (olen + (size_t)n + 1 > ocap) {
    size_t nc = ocap ? ocap * 2 : 1 << 20;
    while (nc < olen + (size_t)n + 1) nc *= 2;
    char *nb = realloc(obuf, nc);
    if (!nb) {
      fprintf(stderr, "rvgen: out of memory\n");
      exit(2);
    }
    obuf = nb;
    ocap = nc;
  }
  vsnprintf(obuf + olen, (size_t)n + 1, fmt, ap);
  olen += (size_t)n;
}
static void out(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  outv(fmt, ap);
  va_end(ap);
}

/* page kinds of the code, for the code page table */
enum { PK_NONE = 0, PK_M, PK_S, PK_U, PK_HANDLER };
static uint8_t page_kind[CODE_MAX_PAGES];
static int cur_kind = PK_M;
static int layout_error;

static void mark_page(void) {
  uint32_t p = cur >> 12;
  if (p >= CODE_MAX_PAGES) {
    layout_error = 1;
    return;
  }
  if (page_kind[p] == PK_NONE || page_kind[p] == cur_kind) {
    page_kind[p] = (uint8_t)cur_kind;
  } else if (cur_kind == PK_M) {
    /* M code on an S/U page is fine (M does not translate) */
  } else if (page_kind[p] == PK_M) {
    page_kind[p] = (uint8_t)cur_kind; /* the page's M code does not care */
  } else {
    layout_error = 1;
  }
}

static uint64_t body_words; /* instructions emitted in the body */
static void ins(const char *fmt, ...) {
  va_list ap;
  mark_page();
  out("  ");
  va_start(ap, fmt);
  outv(fmt, ap);
  va_end(ap);
  out("\n");
  cur += 4;
  body_words++;
}
static void word(uint32_t w, const char *comment) {
  mark_page();
  out("  .word 0x%08" PRIx32 "  /* %s */\n", w, comment);
  cur += 4;
  body_words++;
}
static int nlabels;
static int newlab(void) { return ++nlabels; }
static void lab(int l) { out(".L%d:\n", l); }
/* pad to the next page boundary (checked by the assembler with .org) */
static void align_page(void) {
  uint32_t pad = (4096u - (cur & 4095u)) & 4095u;
  if (pad) out("  .skip %" PRIu32 "\n", pad);
  cur += pad;
  out("  .org 0x%" PRIx32 "\n", cur);
}

static const char *R(unsigned r) {
  static const char *const n[32] = {
      "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
      "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
  return n[r & 31];
}

static void li(unsigned rd, uint32_t v) {
  int32_t sv = (int32_t)v;
  if (sv >= -2048 && sv < 2048) {
    ins("addi %s, zero, %d", R(rd), sv);
    return;
  }
  uint32_t hi = ((v + 0x800u) >> 12) & 0xFFFFFu;
  int32_t lo = (int32_t)(v << 20) >> 20;
  ins("lui %s, 0x%" PRIx32, R(rd), hi);
  if (lo) ins("addi %s, %s, %d", R(rd), R(rd), lo);
}
static void la_label(unsigned rd, const char *sym) {
  int l = newlab();
  lab(l);
  ins("auipc %s, %%pcrel_hi(%s)", R(rd), sym);
  ins("addi %s, %s, %%pcrel_lo(.L%d)", R(rd), R(rd), l);
}
static void la_local(unsigned rd, int target) {
  char sym[32];
  snprintf(sym, sizeof sym, ".L%d", target);
  la_label(rd, sym);
}

/* ---------------------------------------------------------------- encodings for odd words */
static uint32_t enc_b(uint32_t f3, unsigned rs1, unsigned rs2, int32_t imm) {
  uint32_t i = (uint32_t)imm;
  return ((i >> 12 & 1) << 31) | ((i >> 5 & 0x3F) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
         ((i >> 1 & 0xF) << 8) | ((i >> 11 & 1) << 7) | 0x63u;
}
static uint32_t enc_j(unsigned rd, int32_t imm) {
  uint32_t i = (uint32_t)imm;
  return ((i >> 20 & 1) << 31) | ((i >> 1 & 0x3FF) << 21) | ((i >> 11 & 1) << 20) |
         ((i >> 12 & 0xFF) << 12) | (rd << 7) | 0x6Fu;
}
static uint32_t enc_i(uint32_t opc, uint32_t f3, unsigned rd, unsigned rs1, uint32_t imm) {
  return (imm << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
}
static uint32_t enc_r(uint32_t opc, uint32_t f3, uint32_t f7, unsigned rd, unsigned rs1,
                      unsigned rs2) {
  return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
}

/* ---------------------------------------------------------------- options, mixes */
enum {
  C_ALU, C_MUL, C_LOAD, C_STORE, C_AMO, C_BRANCH, C_JUMP, C_LOOP, C_CALL, C_CSR, C_TRAP,
  C_COUNTER, C_FENCE, C_VM, C_IRQ, C_DELEG, C_EDGE, C_COUNT
};
static const char *const cat_names[C_COUNT] = {
    "alu", "mul", "load", "store", "amo", "branch", "jump", "loop", "call", "csr", "trap",
    "counter", "fence", "vm", "irq", "deleg", "edge"};

typedef struct mix {
  const char *name;
  const char *desc;
  int w[C_COUNT];
  int mode_w[3]; /* M, S, U */
  int blk_min, blk_max;
} mix_t;

static const mix_t mixes[] = {
    /*                          alu mul ld st amo br jmp lp call csr trap cnt fen vm irq dlg edge */
    {"default", "everything", {20, 6, 12, 10, 4, 8, 4, 3, 2, 8, 6, 2, 1, 5, 2, 2, 6}, {2, 3, 3}, 30, 300},
    {"alu", "ALU and M instructions with edge values, mostly M-mode", {50, 25, 3, 2, 0, 5, 1, 2, 1, 1, 1, 0, 0, 0, 0, 0, 15}, {6, 2, 2}, 200, 1000},
    {"mem", "loads, stores, AMOs, LR/SC through Sv32", {10, 2, 30, 25, 12, 4, 1, 1, 1, 2, 2, 0, 1, 8, 0, 1, 5}, {2, 4, 4}, 40, 400},
    {"ctrl", "branches, loops, jumps and calls", {20, 3, 5, 5, 1, 25, 15, 10, 8, 2, 5, 1, 1, 1, 0, 0, 5}, {1, 1, 1}, 50, 400},
    {"trap", "exceptions, CSRs, delegation, many privilege changes", {10, 2, 8, 6, 2, 3, 2, 1, 1, 25, 25, 5, 1, 4, 6, 8, 3}, {3, 4, 4}, 10, 80},
    {"vm", "Sv32: S/U code, page-table updates, satp, SUM/MXR/MPRV", {10, 2, 20, 15, 8, 5, 2, 1, 1, 5, 5, 1, 1, 20, 1, 4, 4}, {1, 5, 5}, 20, 200},
    {"irq", "software interrupts, delegation, WFI", {20, 3, 8, 6, 2, 5, 2, 1, 1, 15, 10, 2, 1, 3, 20, 10, 3}, {3, 4, 3}, 20, 150},
};

static struct {
  uint64_t seed;
  uint64_t length;
  const mix_t *mix;
  int w[C_COUNT];
  int clint;
  int vm;
} opt;

/* ---------------------------------------------------------------- generator state */
static int mode = M;      /* privilege of the code being generated */
static int satp_sel = 0;  /* 0 bare, 1 root A, 2 root B (always known: only generated code writes satp) */
static int alias;         /* S code currently running through the alias superpage */
static uint32_t protect;  /* registers the current construct must not write */
static int depth;         /* nesting of branches/loops */
static int mvectored, svectored;

static uint32_t satp_value(int sel) {
  return sel == 1 ? 0x80000000u | (PT_ROOT_A >> 12) : sel == 2 ? 0x80000000u | (PT_ROOT_B >> 12) : 0;
}

/* a destination register for random code: not zero (mostly), gp, tp or a protected one */
static unsigned dst(void) {
  if (pct(3)) return 0;
  for (;;) {
    unsigned r = 1 + below(31);
    if (r == 3 || r == 4) continue;
    if (protect & (1u << r)) continue;
    return r;
  }
}
static unsigned src(void) { return below(32); }

/* ---------------------------------------------------------------- items */
static void gen_item(int simple);

static void gen_edge(void) { li(dst(), rand_value()); }

static void gen_alu(void) {
  static const char *const rr[] = {"add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and"};
  static const char *const ri[] = {"addi", "slti", "sltiu", "xori", "ori", "andi"};
  static const char *const sh[] = {"slli", "srli", "srai"};
  unsigned rd = dst();
  switch (below(10)) {
    case 0: case 1: case 2: case 3:
      ins("%s %s, %s, %s", rr[below(NELEM(rr))], R(rd), R(src()), R(src()));
      break;
    case 4: case 5: case 6: {
      int imm = pct(30) ? (int)(const int[]){-2048, 2047, 0, -1, 1, 0x7FF, -0x800}[below(7)]
                        : range(-2048, 2047);
      ins("%s %s, %s, %d", ri[below(NELEM(ri))], R(rd), R(src()), imm);
      break;
    }
    case 7:
      ins("%s %s, %s, %u", sh[below(3)], R(rd), R(src()), pct(30) ? (unsigned[]){0, 1, 31}[below(3)] : below(32));
      break;
    case 8: ins("lui %s, 0x%" PRIx32, R(rd), rnd() & 0xFFFFF); break;
    default: ins("auipc %s, 0x%" PRIx32, R(rd), rnd() & 0xFFFFF); break;
  }
}

static void gen_mul(void) {
  static const char *const ops[] = {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"};
  unsigned rd = dst(), a = src(), b = src();
  if (pct(25)) { /* corner cases: division by zero, overflow */
    unsigned ra = dst(), rb = dst();
    if (ra == 0 || rb == 0 || ra == rb) goto plain;
    switch (below(3)) {
      case 0: li(ra, 0x80000000u); li(rb, 0xFFFFFFFFu); break;
      case 1: li(ra, rand_value()); li(rb, 0); break;
      default: li(ra, rand_value()); li(rb, rand_value()); break;
    }
    a = ra;
    b = rb;
  }
plain:
  ins("%s %s, %s, %s", ops[below(8)], R(rd), R(a), R(b));
}

/* An address for a data access of `size` bytes in base register rb (loaded here) + offset;
 * returns the offset to use. kind: 0 aligned safe, 1 misaligned, 2 window, 3 unmapped. */
static const uint32_t unmapped_addrs[] = {0x00000000u, 0x00000ff0u, 0x20000000u, 0x7FFFF000u,
                                          0x90000000u, 0xA0000000u, 0xFFFFF000u, 0x3FFFFF00u};

static uint32_t window_addr(unsigned size, int misalign) {
  uint32_t a;
  switch (below(12)) {
    case 0: case 1: case 2: a = DATA_BASE + below(DATA_SIZE); break; /* identity window */
    case 3: case 4: case 5: a = W_SUPER + below(DATA_SIZE); break;
    case 6: case 7: case 8: a = W_PAGES + below(W_PAGES_N) * 4096u + below(4096); break;
    case 9: a = (uint32_t[]){W_MISSUPER, W_NONLEAF, W_BIGPA}[below(3)] + below(8192); break;
    case 10: a = (uint32_t[]){W_BUSERR, W_BIGLEAF}[below(2)] + below(8192); break;
    default: a = unmapped_addrs[below(NELEM(unmapped_addrs))] + (below(16) << 2); break;
  }
  a &= ~(size - 1);
  if (misalign && size > 1) a += 1 + below(size - 1);
  return a;
}

static int gen_addr(unsigned size, unsigned *base, int store) {
  unsigned k = below(100);
  int misalign = pct(8);
  if (k < 55) { /* gp-relative, inside the data region */
    int off = range(-2048, 2047 - (int)size) & ~(int)(size - 1);
    if (misalign && size > 1) off += 1 + (int)below(size - 1);
    *base = 3;
    return off;
  }
  unsigned rb = dst();
  if (rb == 0 || (protect & (1u << rb))) { /* no free register: an aligned gp access */
    *base = 3;
    return 0;
  }
  uint32_t a;
  if (k < 60 && !store) { /* read the code (this page): X/R/MXR checks */
    ins("auipc %s, 0", R(rb));
    *base = rb;
    return (int)(below(64) * 4) - 128 + (misalign ? 1 : 0);
  }
  a = window_addr(size, misalign);
  int off = pct(50) ? range(-64, 64) : 0;
  li(rb, a - (uint32_t)off);
  *base = rb;
  return off;
}

static void gen_load(void) {
  static const char *const ops[] = {"lb", "lh", "lw", "lbu", "lhu"};
  static const unsigned sizes[] = {1, 2, 4, 1, 2};
  unsigned k = below(5), base;
  int off = gen_addr(sizes[k], &base, 0);
  ins("%s %s, %d(%s)", ops[k], R(dst()), off, R(base));
}

static void gen_store(void) {
  static const char *const ops[] = {"sb", "sh", "sw"};
  unsigned k = below(3), base;
  int off = gen_addr(1u << k, &base, 1);
  ins("%s %s, %d(%s)", ops[k], R(src()), off, R(base));
}

static const char *aqrl(void) {
  return (const char *[]){"", "", ".aq", ".rl", ".aqrl"}[below(5)];
}

static unsigned amo_base(void) {
  unsigned rb = dst();
  if (rb == 0) rb = 6;
  if (protect & (1u << rb)) return 0;
  if (pct(70)) {
    int off = range(-2048, 2044) & ~3;
    if (pct(8)) off += 1 + (int)below(3);
    ins("addi %s, gp, %d", R(rb), off);
  } else {
    li(rb, window_addr(4, pct(8)));
  }
  return rb;
}

static void gen_amo(void) {
  static const char *const ops[] = {"amoswap", "amoadd", "amoxor", "amoand", "amoor",
                                    "amomin", "amomax", "amominu", "amomaxu"};
  unsigned rb = amo_base();
  if (!rb) return;
  if (pct(30)) { /* LR/SC pair */
    protect |= 1u << rb;
    ins("lr.w%s %s, (%s)", aqrl(), R(dst()), R(rb));
    int n = (int)below(3);
    for (int i = 0; i < n; i++) gen_alu();
    switch (below(6)) { /* a trap clears the reservation, a plain store does not */
      case 0: ins("%s", pct(50) ? "ecall" : "ebreak"); break;
      case 1: ins("sw %s, 0(%s)", R(src()), R(rb)); break;
      default: break;
    }
    protect &= ~(1u << rb);
    if (pct(30)) { /* SC to another address (fails, or traps) */
      rb = amo_base();
      if (!rb) return;
    }
    ins("sc.w%s %s, %s, (%s)", aqrl(), R(dst()), R(src()), R(rb));
    return;
  }
  if (pct(5)) { /* SC without reservation */
    ins("sc.w%s %s, %s, (%s)", aqrl(), R(dst()), R(src()), R(rb));
    return;
  }
  ins("%s.w%s %s, %s, (%s)", ops[below(NELEM(ops))], aqrl(), R(dst()), R(src()), R(rb));
}

static void gen_branch(void) {
  static const char *const ops[] = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};
  static const uint32_t f3s[] = {0, 1, 4, 5, 6, 7};
  unsigned k = below(6), a = src(), b = pct(15) ? a : src();
  if (pct(6)) { /* target with bit 1 set: address-misaligned exception when taken */
    int32_t imm = (int32_t[]){2, 6, 10, -2, -6}[below(5)];
    word(enc_b(f3s[k], a, b, imm), "branch to a misaligned target");
    return;
  }
  int l = newlab();
  ins("%s %s, %s, .L%d", ops[k], R(a), R(b), l);
  int n = range(1, 5);
  depth++;
  for (int i = 0; i < n; i++) gen_item(depth > 2);
  depth--;
  lab(l);
}

static void gen_jump(void) {
  int l = newlab();
  switch (below(5)) {
    case 0: /* jal forward */
      ins("jal %s, .L%d", R(dst()), l);
      break;
    case 1: { /* jalr to a label, with an odd offset sometimes (bit 0 is ignored) */
      unsigned rb = dst();
      if (rb == 0) rb = 7;
      if (protect & (1u << rb)) return;
      la_local(rb, l);
      int adj = range(-32, 32) * 4;
      if (adj) ins("addi %s, %s, %d", R(rb), R(rb), adj);
      ins("jalr %s, %d(%s)", R(dst()), -adj + (pct(30) ? 1 : 0), R(rb));
      break;
    }
    case 2: { /* jalr with rd == rs1 */
      unsigned rb = dst();
      if (rb == 0) rb = 7;
      if (protect & (1u << rb)) return;
      la_local(rb, l);
      ins("jalr %s, 0(%s)", R(rb), R(rb));
      break;
    }
    case 3: { /* jalr to a misaligned target (bit 1 set): exception, rd not written */
      unsigned rb = dst();
      if (rb == 0) rb = 7;
      if (protect & (1u << rb)) return;
      la_local(rb, l);
      ins("jalr %s, %d(%s)", R(dst()), pct(50) ? 2 : 3, R(rb));
      break;
    }
    default: /* jal to a misaligned target */
      word(enc_j(dst(), (int32_t[]){2, 6, -2}[below(3)]), "jal to a misaligned target");
      return;
  }
  int n = range(0, 3);
  depth++;
  for (int i = 0; i < n; i++) gen_item(1);
  depth--;
  lab(l);
}

static void gen_loop(void) {
  unsigned rc = dst();
  if (rc == 0 || depth > 0) {
    gen_alu();
    return;
  }
  int n = range(1, 8);
  li(rc, (uint32_t)n);
  int l = newlab();
  lab(l);
  protect |= 1u << rc;
  depth++;
  int k = range(1, 8);
  for (int i = 0; i < k; i++) gen_item(0);
  depth--;
  protect &= ~(1u << rc);
  ins("addi %s, %s, -1", R(rc), R(rc));
  ins("bnez %s, .L%d", R(rc), l);
}

static void gen_call(void) {
  unsigned rl = dst();
  if (rl == 0 || depth > 1) {
    gen_alu();
    return;
  }
  int sub = newlab(), after = newlab();
  ins("jal %s, .L%d", R(rl), sub);
  ins("jal zero, .L%d", after);
  lab(sub);
  protect |= 1u << rl;
  depth++;
  int k = range(1, 6);
  for (int i = 0; i < k; i++) gen_item(1);
  depth--;
  protect &= ~(1u << rl);
  ins("jalr zero, 0(%s)", R(rl));
  lab(after);
}

/* CSR accesses. Free CSRs take any value; others are written with safe masks only. */
static const char *const csr_free_m[] = {"mscratch", "mepc", "mtval", "mcause", "sscratch", "sepc",
                                         "stval", "scause", "minstret", "minstreth", "mcycle",
                                         "mcycleh", "mcounteren", "scounteren", "mcountinhibit",
                                         "misa", "pmpcfg0", "pmpaddr0", "pmpaddr15", "mhpmcounter3",
                                         "mhpmevent3", "mhpmcounter31h", "menvcfg", "menvcfgh",
                                         "mstatush", "senvcfg", "mideleg"};
static const char *const csr_read_m[] = {"mstatus", "misa", "medeleg", "mideleg", "mie", "mtvec",
                                         "mcounteren", "mscratch", "mepc", "mcause", "mtval", "mip",
                                         "sstatus", "sie", "stvec", "scounteren", "sscratch", "sepc",
                                         "scause", "stval", "sip", "satp", "mcountinhibit",
                                         "minstret", "minstreth", "instret", "instreth",
                                         "mvendorid", "marchid", "mimpid", "mhartid", "mconfigptr",
                                         "menvcfg", "senvcfg", "mstatush", "pmpcfg0", "pmpcfg3",
                                         "pmpaddr0", "mhpmcounter3", "hpmcounter3", "hpmcounter31h",
                                         "mhpmevent31"};
static const char *const csr_free_s[] = {"sscratch", "sepc", "stval", "scause", "scounteren",
                                         "senvcfg", "sstatus", "sie", "sip"};
static const char *const csr_read_s[] = {"sstatus", "sie", "stvec", "scounteren", "sscratch",
                                         "sepc", "scause", "stval", "sip", "satp", "instret",
                                         "instreth", "hpmcounter3", "senvcfg",
                                         /* illegal from S: */
                                         "mstatus", "mscratch", "mepc", "medeleg", "mhartid",
                                         "minstret", "mcycle"};
static const char *const csr_read_u[] = {"instret", "instreth", "hpmcounter3", "hpmcounter17h",
                                         /* illegal from U: */
                                         "sstatus", "sscratch", "satp", "mstatus", "mhartid",
                                         "0x000", "0x001"};
static const char *const csr_ro[] = {"mvendorid", "marchid", "mimpid", "mhartid", "mconfigptr",
                                     "cycle", "time", "instret", "cycleh", "instreth", "hpmcounter3"};
static const char *const csr_absent[] = {"0x7b0", "0x7b1", "0x5a8", "0x3a4", "0x3c0", "0x7c0",
                                         "0x800", "0x105 + 0x100", "0x3bf + 1", "0xfc0", "0x015",
                                         "0x003", "0x181"};

static const char *pick(const char *const *a, size_t n) { return a[below((uint32_t)n)]; }
#define PICK(a) pick(a, NELEM(a))

static void csr_write_value(const char *csr, uint32_t v) {
  unsigned rd = pct(50) ? dst() : 0;
  switch (below(4)) {
    case 0: case 1: {
      unsigned rs = dst();
      if (rs == 0) rs = 5;
      if (protect & (1u << rs)) {
        ins("csrrw %s, %s, zero", R(rd), csr);
        return;
      }
      li(rs, v);
      ins("%s %s, %s, %s", (const char *[]){"csrrw", "csrrs", "csrrc"}[below(3)], R(rd), csr, R(rs));
      break;
    }
    default:
      ins("%s %s, %s, %u", (const char *[]){"csrrwi", "csrrsi", "csrrci"}[below(3)], R(rd), csr,
          v & 31);
      break;
  }
}

/* mstatus/sstatus bits random code may flip: SIE SPIE SPP SUM MXR, and TW from M */
static void gen_status_bits(void) {
  uint32_t mask = 0;
  static const uint32_t bits[] = {1u << 1, 1u << 5, 1u << 8, 1u << 18, 1u << 19, 1u << 21};
  int n = mode == M ? 6 : 5;
  for (int i = 0; i < 2; i++) mask |= bits[below((uint32_t)n)];
  const char *csr = mode == M && pct(50) ? "mstatus" : "sstatus";
  unsigned r = dst();
  if (r == 0 || (protect & (1u << r))) return;
  li(r, mask);
  ins("%s %s, %s, %s", pct(50) ? "csrrs" : "csrrc", R(dst()), csr, R(r));
}

static void gen_csr(void) {
  unsigned k = below(100);
  if (mode == M) {
    if (k < 30) ins("csrr %s, %s", R(dst()), PICK(csr_read_m));
    else if (k < 65) {
      const char *c = PICK(csr_free_m);
      if (opt.clint && !strcmp(c, "mideleg")) ins("csrw mideleg, zero"); /* see gen_irq */
      else csr_write_value(c, rand_value());
    }
    else if (k < 80) gen_status_bits();
    else if (k < 90) ins("csrrw %s, %s, %s", R(dst()), PICK(csr_ro), R(src()));     /* illegal */
    else ins("%s %s, %s, %s", pct(50) ? "csrrs" : "csrrw", R(dst()), PICK(csr_absent), R(src()));
  } else if (mode == S) {
    if (k < 35) ins("csrr %s, %s", R(dst()), PICK(csr_read_s));
    else if (k < 70) csr_write_value(PICK(csr_free_s), rand_value());
    else if (k < 80) gen_status_bits();
    else if (k < 90) ins("csrrw %s, %s, %s", R(dst()), PICK(csr_ro), R(src()));
    else ins("csrrs %s, %s, %s", R(dst()), PICK(csr_absent), R(src()));
  } else {
    if (k < 70) ins("csrr %s, %s", R(dst()), PICK(csr_read_u));
    else if (k < 85) csr_write_value(PICK(csr_free_s), rand_value()); /* illegal */
    else ins("csrrw %s, %s, %s", R(dst()), PICK(csr_ro), R(src()));
  }
}

/* cycle/time values come from the RTL under lockstep: overwrite them at once so that they never
 * steer the program (the ISS alone follows the same path). */
static void gen_counter(void) {
  static const char *const m_ctr[] = {"cycle", "cycleh", "time", "timeh", "mcycle", "mcycleh"};
  static const char *const su_ctr[] = {"cycle", "cycleh", "time", "timeh"};
  unsigned rd = dst();
  if (pct(40)) {
    ins("csrr %s, %s", R(rd), mode == M ? PICK(m_ctr) : PICK(su_ctr));
    ins("lui %s, 0x%" PRIx32, R(rd), rnd() & 0xFFFFF);
  } else {
    ins("csrr %s, %s", R(rd), (const char *[]){"instret", "instreth", "minstret"}[below(mode == M ? 3 : 2)]);
  }
}

static void gen_trap(void) {
  unsigned k = below(100);
  unsigned rd = below(32), rs1 = below(32), rs2 = below(32);
  if (k < 15) { ins("ecall"); return; }
  if (k < 28) { ins("ebreak"); return; }
  if (k < 36) {
    if (mode != M) ins("mret"); /* illegal below M */
    else ins("csrrw %s, mhartid, zero", R(dst()));
    return;
  }
  if (k < 42) {
    if (mode == U) ins("%s", (const char *[]){"sret", "wfi", "sfence.vma"}[below(3)]);
    else word(0x00200073u, "uret (not implemented)");
    return;
  }
  static const struct { uint32_t w; const char *what; } fixed[] = {
      {0x00000000u, "all zeros"}, {0xFFFFFFFFu, "all ones"}, {0x00001234u, "16-bit encoding"},
      {0x0000A001u, "16-bit encoding"}, {0x7FFFFFFFu, "48-bit encoding prefix"},
      {0x00000007u, "flw (no F)"}, {0x00000027u, "fsw (no F)"}, {0x00000053u, "OP-FP"},
      {0x0000001Bu, "OP-IMM-32 (RV64)"}, {0x0000003Bu, "OP-32 (RV64)"}, {0x0000000Bu, "custom-0"},
      {0x00000057u, "OP-V"}, {0x0000007Fu, "80-bit+ prefix"}, {0x0000005Bu, "custom-2"}};
  switch (below(16)) {
    case 0: { unsigned i = below(NELEM(fixed)); word(fixed[i].w | (pct(50) ? (rnd() & 0xFFFFF000u & (fixed[i].w ? ~0u : 0)) : 0), fixed[i].what); break; }
    case 1: word(enc_i(0x03, (uint32_t[]){3, 6, 7}[below(3)], rd, rs1, rnd() & 0xFFF), "load: reserved funct3"); break;
    case 2: word(enc_i(0x23, 3 + below(5), rd, rs1, rnd() & 0xFFF), "store: reserved funct3"); break;
    case 3: word(enc_r(0x33, below(8), (uint32_t[]){0x40, 0x02, 0x21, 0x7F, 0x10}[below(5)], rd, rs1, rs2), "OP: reserved funct7"); break;
    case 4: word(enc_r(0x33, (uint32_t[]){1, 2, 3, 4, 6, 7}[below(6)], 0x20, rd, rs1, rs2), "OP funct7=0x20: reserved funct3"); break;
    case 5: word(enc_r(0x13, 1, (uint32_t[]){0x20, 0x01, 0x40}[below(3)], rd, rs1, rs2), "slli: reserved funct7 / shamt[5]"); break;
    case 6: word(enc_r(0x13, 5, (uint32_t[]){0x01, 0x10, 0x60, 0x21}[below(4)], rd, rs1, rs2), "srli/srai: reserved funct7 / shamt[5]"); break;
    case 7: word(enc_i(0x67, 1 + below(7), rd, rs1, rnd() & 0xFFF), "jalr: reserved funct3"); break;
    case 8: word(enc_b(2 + below(2), rs1, rs2, 8), "branch: reserved funct3"); break;
    case 9: word(enc_r(0x2F, 2, ((uint32_t[]){0x05, 0x06, 0x07, 0x09, 0x0A, 0x1E, 0x1F}[below(7)] << 2) | below(4), rd, rs1, rs2), "AMO: reserved funct5"); break;
    case 10: word(enc_r(0x2F, (uint32_t[]){0, 1, 3, 4, 7}[below(5)], below(128) & 0x7C, rd, rs1, rs2), "AMO: funct3 != 2"); break;
    case 11: word(enc_r(0x2F, 2, (0x02u << 2) | below(4), rd, rs1, 1 + below(31)), "lr.w with rs2 != 0"); break;
    case 12: word(enc_i(0x73, 4, rd, rs1, rnd() & 0xFFF), "SYSTEM funct3=4"); break;
    case 13: word(enc_i(0x73, 0, 0, 0, (uint32_t[]){0x002, 0x7B2, 0x104, 0x303, 0x001 | 0x400}[below(5)]), "SYSTEM: unknown funct12"); break;
    case 14: word(enc_i(0x0F, 2 + below(6), rd, rs1, rnd() & 0xFFF), "MISC-MEM: reserved funct3"); break;
    default: word(enc_r(0x73, 0, 0x09, 1 + below(31), rs1, rs2), "sfence.vma with rd != 0"); break;
  }
}

static void gen_fence(void) {
  switch (below(4)) {
    case 0: ins("fence"); break;
    case 1: ins("fence rw, rw"); break;
    case 2: ins("fence.i"); break;
    default: ins("fence %s, %s", (const char *[]){"r", "w", "i", "o", "iorw"}[below(5)],
                 (const char *[]){"r", "w", "i", "o", "iorw"}[below(5)]); break;
  }
}

/* ---------------------------------------------------------------- page tables */
static uint32_t root_a[1024], root_b[1024], l0_code[1024], l0_data[1024], l0_win[1024],
    l0_nonleaf[1024], l0_low[1024];

static uint32_t pte(uint32_t pa, uint32_t flags) { return ((pa >> 12) << 10) | flags; }

/* a random leaf (or broken) PTE for data at physical pa (4 KiB or superpage level) */
static uint32_t rand_data_pte(uint32_t pa, int superpage) {
  uint32_t f = PTE_V;
  unsigned k = below(100);
  if (k < 8) return pte(pa, rnd() & 0x3FEu); /* invalid */
  if (k < 12) {
    f |= PTE_W; /* W without R: reserved */
  } else if (k < 15 && !superpage) {
    return pte(PT_L0_DATA, PTE_V); /* non-leaf at level 0 (points anywhere): page fault */
  } else {
    f |= PTE_R;
    if (pct(60)) f |= PTE_W;
  }
  if (pct(20)) f |= PTE_X;
  if (pct(50)) f |= PTE_U;
  if (pct(20)) f |= PTE_G;
  if (pct(70)) f |= PTE_A;
  if (pct(60)) f |= PTE_D;
  f |= (rnd() & 3u) << 8; /* RSW */
  return pte(pa, f);
}

static uint32_t code_pte(uint32_t pa, int kind) {
  uint32_t f;
  switch (kind) {
    case PK_HANDLER: return pte(pa, PTE_V | PTE_R | PTE_X | PTE_A | PTE_D | PTE_G);
    case PK_S: case PK_U:
      f = PTE_V | PTE_X;
      if (pct(60)) f |= PTE_R;
      if (pct(75)) f |= PTE_A;
      if (pct(30)) f |= PTE_D;
      if (pct(20)) f |= PTE_G;
      if (kind == PK_U) f |= PTE_U;
      return pte(pa, f);
    default: /* M-only code: not used while translating */
      return pct(50) ? 0 : pte(pa, rnd() & 0x3FFu);
  }
}

static void build_tables(uint32_t code_pages) {
  for (uint32_t p = 0; p < code_pages; p++) l0_code[p] = code_pte(CODE_BASE + p * 4096u, page_kind[p]);
  for (uint32_t i = 0; i < DATA_PAGES; i++) l0_data[i] = rand_data_pte(DATA_BASE + i * 4096u, 0);
  for (uint32_t i = 0; i < W_PAGES_N; i++)
    l0_win[i] = rand_data_pte(DATA_BASE + below(DATA_PAGES) * 4096u, 0);
  for (uint32_t i = 0; i < 2; i++) l0_nonleaf[i] = pte(PT_L0_DATA, PTE_V);
  l0_low[FINISHER >> 12] = pte(FINISHER, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);

  for (int r = 0; r < 2; r++) {
    uint32_t *t = r ? root_b : root_a;
    t[0] = pte(PT_L0_LOW, PTE_V);
    t[ALIAS_BASE >> 22] = pte(CODE_BASE, PTE_V | PTE_X | (pct(50) ? PTE_R : 0) | (pct(80) ? PTE_A : 0));
    t[CODE_BASE >> 22] = pte(PT_L0_CODE, PTE_V);
    t[DATA_BASE >> 22] = r ? rand_data_pte(DATA_BASE, 1) : pte(PT_L0_DATA, PTE_V);
    t[SYS_BASE >> 22] = pte(SYS_BASE, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    t[W_SUPER >> 22] = rand_data_pte(DATA_BASE, 1);
    t[W_PAGES >> 22] = pte(PT_L0_WIN, PTE_V);
    t[W_MISSUPER >> 22] = pte(DATA_BASE + 4096u * (1 + below(3)), PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | (pct(50) ? PTE_U : 0));
    t[W_NONLEAF >> 22] = pte(PT_L0_NONLEAF, PTE_V);
    t[W_BIGPA >> 22] = ((0x300000u | (PT_L0_WIN >> 12)) << 10) | PTE_V;
    t[W_BUSERR >> 22] = pte(0x40000000u, PTE_V);
    t[W_BIGLEAF >> 22] = ((0x100000u | (DATA_BASE >> 12)) << 10) | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D | PTE_U;
  }
}

/* PTE slots random code may rewrite (data mappings only), with their VA and level */
typedef struct { uint32_t addr; uint32_t va; int superpage; } slot_t;
static int remap_slot(slot_t *s) {
  unsigned k = below(10);
  if (k < 4) {
    uint32_t i = below(W_PAGES_N);
    *s = (slot_t){PT_L0_WIN + 4 * i, W_PAGES + i * 4096u, 0};
  } else if (k < 7) {
    uint32_t i = below(DATA_PAGES);
    *s = (slot_t){PT_L0_DATA + 4 * i, DATA_BASE + i * 4096u, 0};
  } else if (k < 9) {
    *s = (slot_t){(pct(50) ? PT_ROOT_A : PT_ROOT_B) + 4 * (W_SUPER >> 22), W_SUPER, 1};
  } else {
    *s = (slot_t){PT_ROOT_B + 4 * (DATA_BASE >> 22), DATA_BASE, 1};
  }
  return 1;
}

static void gen_sfence(int specific_va) {
  if (specific_va >= 0) {
    ins("sfence.vma %s, zero", R((unsigned)specific_va));
  } else {
    switch (below(3)) {
      case 0: ins("sfence.vma"); break;
      case 1: ins("sfence.vma %s, zero", R(src())); break;
      default: ins("sfence.vma %s, %s", R(src()), R(src())); break;
    }
  }
}

static void gen_satp(void) {
  /* not in the alias (the code would vanish) nor where a branch may skip it (the generator
   * tracks satp statically) */
  if (alias || depth > 0) return;
  unsigned r = dst();
  if (r == 0 || (protect & (1u << r))) return;
  int sel = (int)below(3);
  uint32_t v = satp_value(sel);
  if (sel == 0 && pct(30)) v = PT_ROOT_A >> 12; /* PPN without MODE: still bare */
  li(r, v);
  ins("csrrw %s, satp, %s", R(dst()), R(r));
  satp_sel = sel;
  if (pct(50)) gen_sfence(-1);
}

static void gen_vm(void) {
  unsigned k = below(100);
  if (mode == U) {
    if (k < 30) gen_sfence(-1); /* illegal in U */
    else gen_load();
    return;
  }
  if (k < 20) {
    gen_satp();
  } else if (k < 50) { /* rewrite a data PTE, then SFENCE.VMA */
    slot_t s;
    remap_slot(&s);
    unsigned ra = dst(), rv = dst();
    if (ra == 0 || rv == 0 || ra == rv || ((protect >> ra) & 1) || ((protect >> rv) & 1)) return;
    uint32_t pa = s.superpage ? DATA_BASE : DATA_BASE + below(DATA_PAGES) * 4096u;
    li(ra, s.addr);
    li(rv, rand_data_pte(pa, s.superpage));
    ins("sw %s, 0(%s)", R(rv), R(ra));
    if (pct(50)) {
      li(ra, s.va + below(4096));
      gen_sfence((int)ra);
    } else {
      ins("sfence.vma");
    }
  } else if (k < 65) {
    gen_status_bits();
  } else if (k < 75) {
    gen_sfence(-1);
  } else if (k < 85 && mode == M) { /* MPRV: loads/stores with the privilege in MPP */
    unsigned r = dst();
    if (r == 0 || ((protect >> r) & 1)) return;
    li(r, 3u << 11);
    ins("csrc mstatus, %s", R(r));
    li(r, (1u << 17) | ((pct(50) ? 1u : 0u) << 11));
    ins("csrs mstatus, %s", R(r));
    protect |= 1u << r;
    int n = range(1, 6);
    for (int i = 0; i < n; i++) {
      switch (below(3)) {
        case 0: gen_load(); break;
        case 1: gen_store(); break;
        default: gen_amo(); break;
      }
    }
    protect &= ~(1u << r);
    li(r, 1u << 17);
    ins("csrc mstatus, %s", R(r));
  } else {
    for (int i = 0; i < 3; i++) (pct(50) ? gen_load : gen_store)();
  }
}

/* Interrupts raised by software (mip.SSIP/STIP/SEIP), optionally the CLINT (MSIP, MTIP).
 * With --clint no interrupt is delegated (mideleg = 0): an asynchronous M-level interrupt taken
 * just before the first instruction of an S handler entered by a delegated interrupt is a case
 * the lockstep checker cannot follow (docs/verification.md, known gaps). */
static void gen_irq(void) {
  unsigned r = dst();
  if (r == 0 || ((protect >> r) & 1)) {
    gen_alu();
    return;
  }
  if (mode == U) {
    gen_alu();
    return;
  }
  if (mode == S) {
    switch (below(3)) {
      case 0: li(r, 0x222u & rnd()); ins("csrs sie, %s", R(r)); break;
      case 1: ins("csrsi sip, 2"); break;
      default: ins("csrsi sstatus, 2"); break; /* SIE */
    }
    return;
  }
  unsigned k = below(100);
  if (k < 30) {
    li(r, rnd() & 0x222u);
    ins("csrs mie, %s", R(r));
    li(r, rnd() & 0x222u);
    ins("csrs mip, %s", R(r));
  } else if (k < 45) {
    li(r, opt.clint ? 0 : rnd() & 0x222u);
    ins("csrw mideleg, %s", R(r));
  } else if (k < 65) { /* M-level interrupts taken in M: open a window with MIE = 1 */
    li(r, rnd() & 0x222u);
    ins("csrs mie, %s", R(r));
    li(r, rnd() & 0x222u);
    ins("csrs mip, %s", R(r));
    ins("csrsi mstatus, 8");
    int n = range(1, 3);
    for (int i = 0; i < n; i++) gen_alu();
    ins("csrci mstatus, 8");
  } else if (k < 80) { /* WFI with an interrupt pending and enabled (MIE = 0: not taken) */
    uint32_t bit = 1u << (1 + 4 * below(3));
    li(r, bit);
    ins("csrs mie, %s", R(r));
    ins("csrs mip, %s", R(r));
    ins("wfi");
    ins("csrc mip, %s", R(r));
  } else if (k < 90 && opt.clint) { /* machine software interrupt through the CLINT */
    unsigned r2 = dst();
    if (r2 == 0 || r2 == r || ((protect >> r2) & 1)) return;
    li(r, CLINT);
    li(r2, 1);
    ins("sw %s, 0(%s)", R(r2), R(r));
    ins("lw %s, 0(%s)", R(r2), R(r));
    ins("csrsi mie, 8");
  } else if (opt.clint) { /* timer interrupt a little later */
    unsigned r2 = dst();
    if (r2 == 0 || r2 == r || ((protect >> r2) & 1)) return;
    li(r, CLINT + 0x4000u);
    li(r2, 0xFFFFFFFFu);
    ins("sw %s, 4(%s)", R(r2), R(r));
    li(r2, CLINT + 0xBFF8u);
    ins("lw %s, 0(%s)", R(r2), R(r2));
    ins("addi %s, %s, %d", R(r2), R(r2), range(20, 400));
    ins("sw %s, 0(%s)", R(r2), R(r));
    ins("sw zero, 4(%s)", R(r));
    ins("lui %s, 0x%" PRIx32, R(r2), rnd() & 0xFFFFF); /* the mtime value must not steer */
    li(r, 0x80);
    ins("csrs mie, %s", R(r));
  } else {
    ins("csrci mip, 2");
  }
}

static void gen_deleg(void) {
  unsigned r = dst();
  if (r == 0 || ((protect >> r) & 1)) return;
  uint32_t v = rnd() & 0xB1FFu; /* never ECALL from S (bit 9): service calls must reach M */
  if (pct(30)) v |= 0xB000u;    /* page faults */
  li(r, v);
  ins("csrw medeleg, %s", R(r));
  if (pct(30)) {
    li(r, opt.clint ? 0 : rnd() & 0x222u);
    ins("csrw mideleg, %s", R(r));
  }
}

static void gen_item(int simple) {
  int w[C_COUNT];
  memcpy(w, opt.w, sizeof w);
  if (simple) w[C_LOOP] = w[C_CALL] = w[C_BRANCH] = w[C_JUMP] = w[C_VM] = w[C_IRQ] = 0;
  if (depth > 0) w[C_LOOP] = 0;
  if (!opt.vm) w[C_VM] = 0;
  int total = 0;
  for (int i = 0; i < C_COUNT; i++) total += w[i];
  if (total == 0) {
    gen_alu();
    return;
  }
  int k = (int)below((uint32_t)total);
  int c = 0;
  while (k >= w[c]) k -= w[c++];
  switch (c) {
    case C_ALU: gen_alu(); break;
    case C_MUL: gen_mul(); break;
    case C_LOAD: gen_load(); break;
    case C_STORE: gen_store(); break;
    case C_AMO: gen_amo(); break;
    case C_BRANCH: gen_branch(); break;
    case C_JUMP: gen_jump(); break;
    case C_LOOP: gen_loop(); break;
    case C_CALL: gen_call(); break;
    case C_CSR: gen_csr(); break;
    case C_TRAP: gen_trap(); break;
    case C_COUNTER: gen_counter(); break;
    case C_FENCE: gen_fence(); break;
    case C_VM: gen_vm(); break;
    case C_IRQ: gen_irq(); break;
    case C_DELEG: gen_deleg(); break;
    default: gen_edge(); break;
  }
}

/* ---------------------------------------------------------------- privilege changes */
static int kind_of(int m) { return m == M ? PK_M : m == S ? PK_S : PK_U; }

static void leave_alias(void) {
  if (!alias) return;
  int l = newlab();
  la_local(5, l);
  li(6, CODE_BASE - ALIAS_BASE);
  ins("add t0, t0, t1");
  ins("jalr zero, 0(t0)");
  lab(l);
  alias = 0;
}

/* Ends the current block and switches to `to`; the next block starts on a new page. */
static void switch_mode(int to, int blk) {
  char target[32];
  snprintf(target, sizeof target, "blk%d", blk);
  leave_alias();
  int direct = pct(50);
  if (mode == M && direct && to != M && pct(30)) { /* sret from M (legal: returns to SPP) */
    la_label(5, target);
    ins("csrw sepc, t0");
    li(6, 1u << 8);
    ins("%s mstatus, t1", to == S ? "csrs" : "csrc");
    ins("sret");
  } else if (mode == M && direct) { /* mret (to M too: MPP = M, MPIE = 0 keeps MIE = 0) */
    la_label(5, target);
    ins("csrw mepc, t0");
    li(6, (3u << 11) | (1u << 7));
    ins("csrc mstatus, t1");
    if (to != U) {
      li(6, (uint32_t)to << 11);
      ins("csrs mstatus, t1");
    }
    ins("mret");
  } else if (mode == S && to != M && direct) { /* sret */
    la_label(5, target);
    ins("csrw sepc, t0");
    li(6, 1u << 8);
    ins("%s sstatus, t1", to == S ? "csrs" : "csrc");
    ins("sret");
  } else { /* service call: tp = target | mode; the M handler switches */
    la_label(4, target);
    ins("ori tp, tp, %d", to);
    ins("ecall");
  }
  cur_kind = kind_of(to);
  align_page();
  out("%s:\n", target);
  mode = to;
}

/* ---------------------------------------------------------------- handlers */
/* Emits the trap handler for M (m = 1) or S. Saves t0-t2, t3, t4 and t6 (t6 through xscratch), so
 * the interrupted code's registers are preserved. */
static void emit_handler(int m) {
  const char *p = m ? "m" : "s";
  const char *epc = m ? "mepc" : "sepc", *cause = m ? "mcause" : "scause";
  const char *tval = m ? "mtval" : "stval", *scratch = m ? "mscratch" : "sscratch";
  const char *ie = m ? "mie" : "sie", *ip = m ? "mip" : "sip";
  out("  .balign 256\n");
  cur = (cur + 255u) & ~255u;
  out("  .org 0x%" PRIx32 "\n", cur);
  out("%s_vec:\n", p);
  int vectored = m ? mvectored : svectored;
  for (int i = 0; i < (vectored ? 16 : 1); i++) ins("jal zero, %s_trap", p);
  out("%s_trap:\n", p);
  ins("csrw %s, t6", scratch);
  la_label(31, m ? "m_save" : "s_save");
  ins("sw t0, 0(t6)");
  ins("sw t1, 4(t6)");
  ins("sw t2, 8(t6)");
  ins("sw t3, 12(t6)");
  ins("sw t4, 16(t6)");
  ins("csrr t0, %s", scratch);
  ins("sw t0, 20(t6)");
  /* livelock guard: the same epc trapping many times in a row is a generator bug */
  ins("csrr t0, %s", epc);
  ins("lw t1, 24(t6)");
  ins("lw t2, 28(t6)");
  ins("addi t2, t2, 1");
  ins("beq t0, t1, %s_guard", p);
  ins("addi t2, zero, 0");
  out("%s_guard:\n", p);
  ins("sw t0, 24(t6)");
  ins("sw t2, 28(t6)");
  ins("addi t1, zero, 200");
  ins("bgeu t2, t1, %s_livelock", p);
  ins("csrr t0, %s", cause);
  ins("bltz t0, %s_irq", p);
  ins("addi t1, zero, 8");
  ins("beq t0, t1, %s_ecall", p);
  if (m) {
    ins("addi t1, zero, 9");
    ins("beq t0, t1, %s_ecall", p);
    ins("addi t1, zero, 11");
    ins("beq t0, t1, %s_ecall", p);
  }
  ins("addi t1, zero, 12");
  ins("beq t0, t1, %s_pf", p);
  ins("addi t1, zero, 13");
  ins("beq t0, t1, %s_pf", p);
  ins("addi t1, zero, 15");
  ins("beq t0, t1, %s_pf", p);
  ins("addi t1, zero, 1");
  ins("beq t0, t1, %s_fatal", p);
  out("%s_skip:\n", p);
  ins("csrr t0, %s", epc);
  ins("addi t0, t0, 4");
  ins("csrw %s, t0", epc);
  out("%s_ret:\n", p);
  la_label(31, m ? "m_save" : "s_save");
  ins("lw t0, 0(t6)");
  ins("lw t1, 4(t6)");
  ins("lw t2, 8(t6)");
  ins("lw t3, 12(t6)");
  ins("lw t4, 16(t6)");
  ins("lw t6, 20(t6)");
  ins("%s", m ? "mret" : "sret");

  out("%s_ecall:\n", p);
  ins("beqz tp, %s_skip", p);
  if (m) { /* service call: tp = target | privilege */
    ins("andi t0, tp, 3");
    ins("slli t0, t0, 11");
    li(6, (3u << 11) | (1u << 7)); /* MPP, MPIE: M code runs with MIE = 0 */
    ins("csrc mstatus, t1");
    ins("csrs mstatus, t0");
    ins("andi t0, tp, -4");
    ins("bltz t0, m_svc_target");
    li(6, CODE_BASE - ALIAS_BASE); /* a target in the alias: the identity address */
    ins("add t0, t0, t1");
    out("m_svc_target:\n");
    ins("csrw mepc, t0");
    ins("addi tp, zero, 0");
    ins("jal zero, m_ret");
  } else { /* forward the service call to M */
    la_label(31, "s_save");
    ins("lw t0, 0(t6)");
    ins("lw t1, 4(t6)");
    ins("lw t2, 8(t6)");
    ins("lw t3, 12(t6)");
    ins("lw t4, 16(t6)");
    ins("lw t6, 20(t6)");
    ins("ecall");
    ins("jal zero, s_fatal");
  }

  out("%s_irq:\n", p); /* disable the source: clear its enable and (if writable) pending bit */
  ins("slli t0, t0, 1");
  ins("srli t0, t0, 1");
  ins("addi t1, zero, 1");
  ins("sll t1, t1, t0");
  ins("csrc %s, t1", ie);
  ins("csrc %s, t1", ip);
  if (m) {
    ins("addi t2, zero, 3");
    ins("bne t0, t2, m_irq_1");
    li(7, CLINT);
    ins("sw zero, 0(t2)");
    out("m_irq_1:\n");
    ins("addi t2, zero, 7");
    ins("bne t0, t2, m_irq_2");
    li(7, CLINT + 0x4000u);
    ins("addi t3, zero, -1");
    ins("sw t3, 4(t2)");
    ins("sw t3, 0(t2)");
    out("m_irq_2:\n");
  }
  ins("jal zero, %s_ret", p);

  /* page fault: walk the table; a leaf with A (or, for a store, D) clear gets it set and the
   * access is retried; otherwise loads/stores are skipped and fetches are fatal */
  out("%s_pf:\n", p);
  ins("csrr t1, %s", tval);
  ins("csrr t2, satp");
  ins("slli t2, t2, 12");
  ins("srli t3, t1, 22");
  ins("slli t3, t3, 2");
  ins("add t2, t2, t3");
  ins("lw t3, 0(t2)");
  ins("andi t4, t3, 1");
  ins("beqz t4, %s_pf_nofix", p);
  ins("andi t4, t3, 0xe");
  ins("bnez t4, %s_pf_leaf", p);
  ins("srli t2, t3, 10");
  ins("slli t2, t2, 12");
  ins("srli t4, t1, 12");
  ins("andi t4, t4, 0x3ff");
  ins("slli t4, t4, 2");
  ins("add t2, t2, t4");
  ins("lw t3, 0(t2)");
  ins("andi t4, t3, 1");
  ins("beqz t4, %s_pf_nofix", p);
  ins("andi t4, t3, 0xe");
  ins("beqz t4, %s_pf_nofix", p);
  out("%s_pf_leaf:\n", p);
  ins("ori t4, t3, 0x40");
  ins("addi t1, zero, 15");
  ins("bne t0, t1, %s_pf_a", p);
  ins("ori t4, t4, 0x80");
  out("%s_pf_a:\n", p);
  ins("beq t4, t3, %s_pf_nofix", p);
  ins("sw t4, 0(t2)");
  ins("sfence.vma");
  ins("jal zero, %s_ret", p);
  out("%s_pf_nofix:\n", p);
  ins("addi t1, zero, 12");
  ins("bne t0, t1, %s_skip", p);

  /* unexpected: report failure code 0x100 + cause (0x200 + cause from S), 0x3ff livelock */
  out("%s_fatal:\n", p);
  ins("csrr t0, %s", cause);
  ins("andi t0, t0, 0xff");
  ins("ori t0, t0, %d", m ? 0x100 : 0x200);
  ins("jal zero, %s_fail", p);
  out("%s_livelock:\n", p);
  ins("addi t0, zero, 0x3ff");
  out("%s_fail:\n", p);
  ins("slli t0, t0, 16");
  li(6, 0x3333u);
  ins("or t0, t0, t1");
  li(6, FINISHER);
  ins("sw t0, 0(t1)");
  ins("jal zero, %s_fail", p);
}

/* ---------------------------------------------------------------- program */
static void emit_words(const char *label, const uint32_t *w, size_t n) {
  out("%s:\n", label);
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && w[j] == 0) j++;
    if (j > i) {
      out("  .skip %zu\n", (j - i) * 4);
      i = j;
      continue;
    }
    out("  .word 0x%08" PRIx32 "\n", w[i]);
    i++;
  }
}

static void pick_mode_block(int *to, int *len) {
  const int *mw = opt.mix->mode_w;
  int t = mw[0] + mw[1] + mw[2];
  int k = (int)below((uint32_t)t);
  *to = k < mw[0] ? M : k < mw[0] + mw[1] ? S : U;
  *len = range(opt.mix->blk_min, opt.mix->blk_max);
}

static void generate(const char *cmdline) {
  out("/* Generated by rvgen (docs/verification.md, \"Random programs\"); do not edit.\n"
      " * %s\n * seed %" PRIu64 ", length %" PRIu64 ", mix %s */\n", cmdline, opt.seed,
      opt.length, opt.mix->name);
  out("  .option norvc\n  .option norelax\n  .text\n  .globl _start\n_start:\n");
  mvectored = pct(40);
  svectored = pct(40);
  cur_kind = PK_M;

  /* ---- init (M) */
  ins("csrw mie, zero");
  ins("csrw satp, zero");
  ins("csrw medeleg, zero");
  ins("csrw mideleg, zero");
  ins("csrw mip, zero");
  ins("csrw mstatus, zero");
  ins("csrw mcountinhibit, zero");
  la_label(5, "m_vec");
  if (mvectored) ins("ori t0, t0, 1");
  ins("csrw mtvec, t0");
  la_label(5, "s_vec");
  if (svectored) ins("ori t0, t0, 1");
  ins("csrw stvec, t0");
  li(5, rnd() | (pct(70) ? 7u : 0u));
  ins("csrw mcounteren, t0");
  li(5, rnd() | (pct(70) ? 7u : 0u));
  ins("csrw scounteren, t0");
  if (opt.clint) { /* mtimecmp far away */
    li(5, CLINT + 0x4000u);
    ins("addi t1, zero, -1");
    ins("sw t1, 4(t0)");
    ins("sw t1, 0(t0)");
  }
  for (unsigned r = 1; r < 32; r++) {
    if (r == 3) li(r, GP_VALUE);
    else if (r == 4) li(r, 0);
    else li(r, rand_value());
  }
  ins("jal zero, blk0");

  /* ---- handlers: M then S (the S handler's pages are mapped for S) */
  emit_handler(1);
  cur_kind = PK_HANDLER;
  align_page();
  emit_handler(0);
  cur_kind = PK_M;
  align_page();

  /* ---- body */
  uint64_t start_words = body_words;
  int blk = 0;
  out("blk0:\n");
  mode = M;
  cur_kind = PK_M;
  while (body_words - start_words < opt.length && !layout_error) {
    int to, len;
    pick_mode_block(&to, &len);
    if (blk > 0 || to != M) switch_mode(to, ++blk);
    if (mode == S && satp_sel != 0 && pct(25)) { /* run this block through the code alias */
      int l = newlab();
      la_local(5, l);
      li(6, ALIAS_BASE - CODE_BASE);
      ins("add t0, t0, t1");
      ins("jalr zero, 0(t0)");
      lab(l);
      alias = 1;
    }
    for (int i = 0; i < len && body_words - start_words < opt.length; i++) gen_item(0);
    if ((cur >> 12) + 8 >= CODE_MAX_PAGES) {
      fprintf(stderr, "rvgen: the code region is full (4 MiB): body cut at %" PRIu64
              " instructions\n", body_words - start_words);
      break;
    }
  }

  /* ---- end (M): signature, finisher */
  switch_mode(M, ++blk);
  out("end:\n");
  ins("csrw mscratch, t6");
  li(31, 1u << 17);
  ins("csrc mstatus, t6"); /* MPRV off */
  li(31, SYS_SIG);
  for (unsigned r = 1; r < 31; r++) ins("sw %s, %u(t6)", R(r), 4 * r);
  ins("csrr t0, mscratch");
  ins("sw t0, 124(t6)");
  static const char *const sig_csrs[] = {"mstatus", "medeleg", "mideleg", "mie", "mepc", "sepc",
                                         "mcause", "scause", "mtval", "stval", "satp", "sscratch",
                                         "mcounteren", "scounteren", "mcountinhibit", "minstret"};
  for (unsigned i = 0; i < NELEM(sig_csrs); i++) {
    ins("csrr t0, %s", sig_csrs[i]);
    ins("sw t0, %u(t6)", 128 + 4 * i);
  }
  /* fold the data region into one word */
  li(5, DATA_BASE);
  li(6, DATA_BASE + DATA_SIZE);
  ins("addi t2, zero, 0");
  out("sig_fold:\n");
  ins("lw t3, 0(t0)");
  ins("slli t4, t2, 5");
  ins("srli t2, t2, 27");
  ins("or t2, t2, t4");
  ins("xor t2, t2, t3");
  ins("addi t0, t0, 4");
  ins("bltu t0, t1, sig_fold");
  ins("sw t2, 192(t6)");
  li(5, FINISHER);
  li(6, 0x5555u);
  ins("sw t1, 0(t0)");
  out("end_loop:\n");
  ins("jal zero, end_loop");
  uint32_t code_pages = (cur + 4095u) >> 12;

  /* ---- data and system regions */
  out("\n  .section .rvdata, \"aw\"\n");
  out("data:\n");
  for (uint32_t i = 0; i < DATA_SIZE / 4; i++) out("  .word 0x%08" PRIx32 "\n", rand_value());
  build_tables(code_pages);
  out("\n  .section .rvsys, \"aw\"\n");
  out("m_save:\n  .skip 64\ns_save:\n  .skip 64\n  .skip 128\nsignature:\n  .skip 256\n");
  out("  .skip %u\n", PT_ROOT_A - SYS_SIG - 256);
  emit_words("pt_root_a", root_a, 1024);
  emit_words("pt_root_b", root_b, 1024);
  emit_words("pt_l0_code", l0_code, 1024);
  emit_words("pt_l0_data", l0_data, 1024);
  emit_words("pt_l0_win", l0_win, 1024);
  emit_words("pt_l0_nonleaf", l0_nonleaf, 1024);
  emit_words("pt_l0_low", l0_low, 1024);
}

/* ---------------------------------------------------------------- main */
static void usage(FILE *f) {
  fprintf(f,
          "usage: rvgen [--seed N] [--length N] [--mix NAME] [--weights cat=N,...] [--clint]\n"
          "             [--no-vm] [-o PROG.S] [--elf PROG.elf]\n"
          "Writes a random self-contained RV32IMA test program for socsim --cosim / rviss.\n\n"
          "  --seed N       random seed (default 1)\n"
          "  --length N     about N instructions in the random body (default 10000)\n"
          "  --mix NAME     instruction/privilege mix (default: default); --list-mixes lists them\n"
          "  --weights L    override category weights, e.g. --weights amo=30,vm=0\n"
          "                 categories:");
  for (int i = 0; i < C_COUNT; i++) fprintf(f, " %s", cat_names[i]);
  fprintf(f,
          "\n  --clint        also raise machine software/timer interrupts through the CLINT\n"
          "  --no-vm        no Sv32 items (satp stays 0)\n"
          "  -o FILE        write the assembly to FILE (default: stdout, unless --elf)\n"
          "  --elf FILE     also assemble and link FILE with $RVGEN_CC (default\n"
          "                 riscv64-unknown-elf-gcc); the assembly goes to -o or FILE.S\n");
}

int main(int argc, char **argv) {
  const char *outpath = NULL, *elfpath = NULL, *weights = NULL;
  opt.seed = 1;
  opt.length = 10000;
  opt.mix = &mixes[0];
  opt.vm = 1;
  char cmdline[1024] = "rvgen";
  for (int i = 1; i < argc; i++) {
    size_t l = strlen(cmdline);
    snprintf(cmdline + l, sizeof cmdline - l, " %s", argv[i]);
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV()                                                   \
  do {                                                            \
    if (!v) {                                                     \
      fprintf(stderr, "rvgen: %s needs a value\n", a);            \
      return 2;                                                   \
    }                                                             \
    i++;                                                          \
  } while (0)
    if (!strcmp(a, "--seed")) { NEEDV(); opt.seed = strtoull(v, NULL, 0); }
    else if (!strcmp(a, "--length")) { NEEDV(); opt.length = strtoull(v, NULL, 0); }
    else if (!strcmp(a, "--mix")) {
      NEEDV();
      opt.mix = NULL;
      for (size_t k = 0; k < NELEM(mixes); k++)
        if (!strcmp(v, mixes[k].name)) opt.mix = &mixes[k];
      if (!opt.mix) {
        fprintf(stderr, "rvgen: unknown mix '%s' (--list-mixes)\n", v);
        return 2;
      }
    } else if (!strcmp(a, "--weights")) { NEEDV(); weights = v; }
    else if (!strcmp(a, "--clint")) opt.clint = 1;
    else if (!strcmp(a, "--no-vm")) opt.vm = 0;
    else if (!strcmp(a, "-o")) { NEEDV(); outpath = v; }
    else if (!strcmp(a, "--elf")) { NEEDV(); elfpath = v; }
    else if (!strcmp(a, "--list-mixes")) {
      for (size_t k = 0; k < NELEM(mixes); k++) printf("%-8s %s\n", mixes[k].name, mixes[k].desc);
      return 0;
    } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return 0;
    } else {
      fprintf(stderr, "rvgen: unknown option '%s'\n", a);
      usage(stderr);
      return 2;
    }
  }
  if (opt.length > 200000) {
    fprintf(stderr, "rvgen: --length at most 200000 (the code must fit 4 MiB)\n");
    return 2;
  }
  memcpy(opt.w, opt.mix->w, sizeof opt.w);
  if (weights) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s", weights);
    for (char *t = strtok(buf, ","); t; t = strtok(NULL, ",")) {
      char *eq = strchr(t, '=');
      int found = 0;
      if (eq) {
        *eq = 0;
        for (int k = 0; k < C_COUNT; k++)
          if (!strcmp(t, cat_names[k])) {
            opt.w[k] = atoi(eq + 1);
            found = 1;
          }
      }
      if (!found) {
        fprintf(stderr, "rvgen: bad --weights entry '%s'\n", t);
        return 2;
      }
    }
  }
  rng_state = opt.seed * 0x9E3779B97F4A7C15ull ^ 0x5DEECE66Dull;

  generate(cmdline);
  if (layout_error) {
    fprintf(stderr, "rvgen: internal error: code layout (page kinds) inconsistent\n");
    return 1;
  }

  char spath[4096];
  if (!outpath && elfpath) {
    snprintf(spath, sizeof spath, "%s.S", elfpath);
    outpath = spath;
  }
  FILE *f = outpath ? fopen(outpath, "w") : stdout;
  if (!f) {
    perror(outpath);
    return 2;
  }
  fwrite(obuf, 1, olen, f);
  if (f != stdout && fclose(f) != 0) {
    perror(outpath);
    return 2;
  }
  if (elfpath) {
    const char *cc = getenv("RVGEN_CC");
    if (!cc || !*cc) cc = "riscv64-unknown-elf-gcc";
    char cmd[12288];
    snprintf(cmd, sizeof cmd,
             "'%s' -march=rv32ima_zicsr_zifencei -mabi=ilp32 -nostdlib -nostartfiles -static "
             "-Wl,-n -Wl,--no-relax -Wl,-Ttext=0x%08x -Wl,--section-start=.rvdata=0x%08x "
             "-Wl,--section-start=.rvsys=0x%08x -Wl,-e,_start -x assembler '%s' -o '%s'",
             cc, CODE_BASE, DATA_BASE, SYS_BASE, outpath, elfpath);
    int st = system(cmd);
    if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
      fprintf(stderr, "rvgen: assembling failed: %s\n", cmd);
      return 1;
    }
  }
  return 0;
}
