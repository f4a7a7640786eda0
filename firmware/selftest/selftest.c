/* Board self-test (docs/bringup.md): memory, the memory controller's remapping unit and
 * scrubber, and cycle counts of one invalidation and one page scrub, printed as a
 * machine-readable report that `board selftest` parses:
 *
 *   SELFTEST-BEGIN version=1
 *   SELFTEST-INFO key=value ...
 *   SELFTEST <name> PASS|FAIL [key=value ... | reason]
 *   SELFTEST-CYCLES inval_1page=N scrub_1page=N page_bytes=N inval_1page_mcycle=N scrub_1page_mcycle=N
 *   SELFTEST RESULT PASS|FAIL passed=N failed=N
 *
 * then exits through the finisher (0 = every test passed, 1 = a test failed). Works with any page
 * size (memctl CONFIG.PAGE_SHIFT), either organisation and any populated RAM size; the image itself
 * occupies [RAM_BASE, __stack) (linked small), every page above it is "free RAM". */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "baremetal.h"
#include "soc_memory_map.h"

#define MC(off) (*(volatile uint32_t *)(uintptr_t)(MEMCTL_BASE + (off)))
#define VM 1u
#define TIMEOUT_POLLS 20000000u

extern char __stack[];  /* end of the image's memory (baremetal.ld) */

uint32_t st_guest_call(uint32_t (*fn)(uint32_t), uint32_t arg);
void st_guest_resume(void);
uint32_t st_g_lw(uint32_t addr);
void st_g_sw(uint32_t addr, uint32_t value);

static struct {
  uint32_t org, page_shift, page, mem_pages, guest_pages, vms, tlb, backend;
  uint32_t ram_end, free_lo, free_hi;  /* free RAM [free_lo, free_hi) */
  uint32_t image_pages;                /* pages of the image, identity-mapped for the guest */
  uint32_t p2m_mpn;                    /* org b: first page of VM's P2M table */
} mc;

static int passed, failed;
static const char *current = "startup";

/* ---------------------------------------------------------------- report */
static void pass(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void pass(const char *name, const char *fmt, ...) {
  printf("SELFTEST %s PASS", name);
  if (fmt && *fmt) {
    va_list ap;
    va_start(ap, fmt);
    putchar(' ');
    vprintf(fmt, ap);
    va_end(ap);
  }
  putchar('\n');
  passed++;
}

/* Records a failure of test `name` and returns 0 (so tests `return fail(...)`). */
static int fail(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(const char *name, const char *fmt, ...) {
  va_list ap;
  printf("SELFTEST %s FAIL ", name);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
  failed++;
  return 0;
}

/* ---------------------------------------------------------------- traps */
static volatile struct {
  uint32_t count, cause, tval, gpa, info;
} fault;

static void trap(bm_trap_frame_t *f) {
  uint32_t from = (f->mstatus >> 11) & 3u;
  if (f->mcause == BM_CAUSE_ECALL_S || f->mcause == BM_CAUSE_ECALL_U) {
    f->mepc = (uint32_t)(uintptr_t)st_guest_resume;
    f->mstatus |= 3u << 11;
    return;
  }
  if (from != 3 && (f->mcause == BM_CAUSE_FETCH_ACCESS || f->mcause == BM_CAUSE_LOAD_ACCESS ||
                    f->mcause == BM_CAUSE_STORE_ACCESS)) {
    fault.count++;
    fault.cause = f->mcause;
    fault.tval = f->mtval;
    fault.gpa = MC(MEMCTL_FAULT_GPA);
    fault.info = MC(MEMCTL_FAULT_INFO);
    f->mepc = f->mcause == BM_CAUSE_FETCH_ACCESS ? f->x[1] : f->mepc + 4;
    return;
  }
  if (f->mcause == BM_CAUSE_STORE_ACCESS && f->mtval == FINISHER_BASE) {
    /* A board without the test finisher: the report is complete, stop here. */
    bm_uart_puts("SELFTEST-END (no finisher on this board: halted)\n");
    for (;;) __asm__ volatile("wfi");
  }
  MC(MEMCTL_CTRL) = 0;
  printf("SELFTEST %s FAIL unexpected trap mcause=0x%08" PRIx32 " mepc=0x%08" PRIx32
         " mtval=0x%08" PRIx32 "\n", current, f->mcause, f->mepc, f->mtval);
  printf("SELFTEST RESULT FAIL passed=%d failed=%d\n", passed, failed + 1);
  exit(2);
}

/* ---------------------------------------------------------------- memory controller helpers */
static uint32_t page_addr(uint32_t pn) { return RAM_BASE + (pn << mc.page_shift); }

static void mc_cmd(uint32_t op, uint32_t a0, uint32_t a1) {
  MC(MEMCTL_CMD_ARG0) = a0;
  MC(MEMCTL_CMD_ARG1) = a1;
  MC(MEMCTL_CMD) = op;
}

static int wait_fence(uint32_t seq) {
  for (uint32_t n = 0; MC(MEMCTL_FENCE_SEQ) == seq; n++)
    if (n > TIMEOUT_POLLS) return 0;
  return 1;
}

static int wait_scrub(void) {
  for (uint32_t n = 0; !(MC(MEMCTL_STATUS) & MEMCTL_STATUS_SCRUB_DONE); n++)
    if (n > TIMEOUT_POLLS) return 0;
  MC(MEMCTL_STATUS) = MEMCTL_STATUS_SCRUB_DONE;
  return 1;
}

static uint32_t pte(uint32_t mpn, uint32_t flags) { return (mpn << MEMCTL_PTE_MPN_SHIFT) | flags; }

static volatile uint32_t *p2m_word(uint32_t gppn) {
  return (volatile uint32_t *)(uintptr_t)(page_addr(mc.p2m_mpn) + 4 * gppn);
}

static void set_entry(uint32_t gppn, uint32_t e) {
  if (mc.org) {
    *p2m_word(gppn) = e;
  } else {
    MC(MEMCTL_TBL_VMID) = VM;
    MC(MEMCTL_TBL_GPPN) = gppn;
    MC(MEMCTL_TBL_ENTRY) = e;
  }
}

static uint32_t get_entry(uint32_t gppn) {
  if (mc.org) return *p2m_word(gppn);
  MC(MEMCTL_TBL_VMID) = VM;
  MC(MEMCTL_TBL_GPPN) = gppn;
  return MC(MEMCTL_TBL_ENTRY);
}

/* ---------------------------------------------------------------- memory tests */
static int test_walking_ones(void) {
  volatile uint32_t *w = (volatile uint32_t *)(uintptr_t)mc.free_lo;
  for (uint32_t b = 0; b < 32; b++) {
    uint32_t v = 1u << b;
    *w = v;
    if (*w != v) return fail("mem_walking_ones", "addr=0x%08" PRIx32 " wrote=0x%08" PRIx32 " read=0x%08" PRIx32,
                            mc.free_lo, v, *w);
    *w = ~v;
    if (*w != ~v) return fail("mem_walking_ones", "addr=0x%08" PRIx32 " wrote=0x%08" PRIx32 " read=0x%08" PRIx32,
                             mc.free_lo, ~v, *w);
  }
  pass("mem_walking_ones", "addr=0x%08" PRIx32 " patterns=64", mc.free_lo);
  return 1;
}

/* Address lines: words at free_lo + 4·2^k must not alias each other. */
static int test_addr_bus(void) {
  uint32_t size = mc.free_hi - mc.free_lo;
  volatile uint32_t *base = (volatile uint32_t *)(uintptr_t)mc.free_lo;
  const uint32_t pat = 0xAAAAAAAAu, anti = 0x55555555u;
  uint32_t lines = 0;
  for (uint32_t off = 4; off < size; off <<= 1) base[off / 4] = pat;
  base[0] = pat;
  for (uint32_t off = 4; off < size; off <<= 1) {
    lines++;
    base[off / 4] = anti;
    if (base[0] != pat)
      return fail("mem_addr_bus", "writing 0x%08" PRIx32 " changed 0x%08" PRIx32, mc.free_lo + off, mc.free_lo);
    for (uint32_t o2 = 4; o2 < size; o2 <<= 1)
      if (o2 != off && base[o2 / 4] != pat)
        return fail("mem_addr_bus", "writing 0x%08" PRIx32 " changed 0x%08" PRIx32, mc.free_lo + off,
                    mc.free_lo + o2);
    base[off / 4] = pat;
  }
  pass("mem_addr_bus", "lines=%" PRIu32, lines);
  return 1;
}

/* Address in address over [lo, hi), every `step` bytes: each word holds its own address, then its
 * complement. Returns 0 and reports on the first mismatch. */
static int addr_in_addr(uint32_t lo, uint32_t hi, uint32_t step) {
  uint32_t w = step / 4;
  volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)lo;
  volatile uint32_t *end = (volatile uint32_t *)(uintptr_t)hi;
  for (volatile uint32_t *q = p; q < end; q += w) *q = (uint32_t)(uintptr_t)q;
  for (volatile uint32_t *q = p; q < end; q += w) {
    uint32_t v = *q;
    if (v != (uint32_t)(uintptr_t)q)
      return fail("mem_addr_in_addr", "addr=0x%08" PRIx32 " read=0x%08" PRIx32 " expected=0x%08" PRIx32,
                  (uint32_t)(uintptr_t)q, v, (uint32_t)(uintptr_t)q);
    *q = ~v;
  }
  for (volatile uint32_t *q = p; q < end; q += w) {
    uint32_t v = *q;
    if (v != ~(uint32_t)(uintptr_t)q)
      return fail("mem_addr_in_addr", "addr=0x%08" PRIx32 " read=0x%08" PRIx32 " expected=0x%08" PRIx32,
                  (uint32_t)(uintptr_t)q, v, ~(uint32_t)(uintptr_t)q);
  }
  return 1;
}

/* Every free word up to SELFTEST_FULL_BYTES (all of an FPGA board's RAM); above that, on a large
 * simulated RAM, one word every SELFTEST_SAMPLE_STEP bytes (the address lines are covered by
 * mem_addr_bus over the whole range). */
#ifndef SELFTEST_FULL_BYTES
#define SELFTEST_FULL_BYTES (8u << 20)
#endif
#define SELFTEST_SAMPLE_STEP 256u
static int test_addr_in_addr(void) {
  uint32_t full_end = mc.free_hi - mc.free_lo > SELFTEST_FULL_BYTES ? mc.free_lo + SELFTEST_FULL_BYTES : mc.free_hi;
  if (!addr_in_addr(mc.free_lo, full_end, 4)) return 0;
  if (full_end < mc.free_hi && !addr_in_addr(full_end, mc.free_hi, SELFTEST_SAMPLE_STEP)) return 0;
  pass("mem_addr_in_addr", "range=0x%08" PRIx32 "-0x%08" PRIx32 " every_word_bytes=%" PRIu32
       " sampled_bytes=%" PRIu32 " sample_step=%" PRIu32, mc.free_lo, mc.free_hi, full_end - mc.free_lo,
       mc.free_hi - full_end, (uint32_t)SELFTEST_SAMPLE_STEP);
  return 1;
}

/* ---------------------------------------------------------------- remapping unit */
static uint32_t g_store_value;
static uint32_t g_store(uint32_t addr) {
  st_g_sw(addr, g_store_value);
  return 0;
}
static uint32_t guest_load(uint32_t addr) { return st_guest_call(st_g_lw, addr); }
static void guest_store(uint32_t addr, uint32_t v) {
  g_store_value = v;
  st_guest_call(g_store, addr);
}

static uint32_t gt, gu, mt, m_scrub;  /* test guest pages, machine pages */
static uint32_t inval_cycles, inval_mcycle, scrub_cycles, scrub_mcycle;

static int remap_setup(void) {
  uint32_t table_pages = 0;
  if (mc.org) table_pages = (mc.guest_pages * 4 + mc.page - 1) >> mc.page_shift;
  uint32_t free_lo_pn = (mc.free_lo - RAM_BASE) >> mc.page_shift;
  uint32_t free_hi_pn = (mc.free_hi - RAM_BASE) >> mc.page_shift;
  if (free_hi_pn < free_lo_pn + table_pages + 4)
    return fail("remap_setup", "too little free RAM (%" PRIu32 " pages)", free_hi_pn - free_lo_pn);
  mc.p2m_mpn = free_hi_pn - table_pages;
  mt = mc.p2m_mpn - 1;           /* the test page's machine page */
  m_scrub = mc.p2m_mpn - 3;      /* scrubbed page, with sentinels at m_scrub ± 1 */
  gt = mc.image_pages;           /* first guest page above the identity-mapped image */
  gu = gt + 1;                   /* never mapped */
  if (gu >= mc.guest_pages)
    return fail("remap_setup", "guest window too small: %" PRIu32 " pages, need %" PRIu32, mc.guest_pages, gu + 1);
  if (mt == gt) mt--;
  if (mc.org) {
    for (uint32_t g = 0; g < mc.guest_pages; g++) *p2m_word(g) = 0;
    MC(MEMCTL_P2M_SEL) = VM;
    MC(MEMCTL_P2M_BASE) = page_addr(mc.p2m_mpn);
    MC(MEMCTL_P2M_PAGES) = mc.guest_pages;
  }
  for (uint32_t g = 0; g < mc.image_pages; g++)
    set_entry(g, pte(g, MEMCTL_PTE_V | MEMCTL_PTE_W | MEMCTL_PTE_X));
  set_entry(gt, 0);
  set_entry(gu, 0);
  mc_cmd(MEMCTL_CMD_INVAL_VM, VM, 0);
  uint32_t seq = MC(MEMCTL_FENCE_SEQ);
  MC(MEMCTL_CMD) = MEMCTL_CMD_FENCE;
  if (!wait_fence(seq)) return fail("remap_setup", "FENCE did not complete");
  MC(MEMCTL_STATUS) = MEMCTL_STATUS_ERROR | MEMCTL_STATUS_FAULT | MEMCTL_STATUS_FENCE_DONE |
                      MEMCTL_STATUS_SCRUB_DONE;
  MC(MEMCTL_CUR_VMID) = VM;
  MC(MEMCTL_CTRL) = MEMCTL_CTRL_ENABLE;
  if (MC(MEMCTL_STATUS) & MEMCTL_STATUS_ERROR)
    return fail("remap_setup", "memctl ERROR %" PRIu32 " while setting up", MC(MEMCTL_ERROR));
  return 1;
}

static int test_translate(void) {
  const char *n = "remap_translate";
  volatile uint32_t *mpage = (volatile uint32_t *)(uintptr_t)page_addr(mt);
  volatile uint32_t *ident = (volatile uint32_t *)(uintptr_t)page_addr(gt);
  mpage[0] = 0x600DF00Du;
  mpage[1] = 0;
  ident[0] = 0xBADBAD00u;  /* what an untranslated access would see */
  set_entry(gt, pte(mt, MEMCTL_PTE_V | MEMCTL_PTE_W));
  uint32_t ga = page_addr(gt);
  uint32_t f0 = fault.count;
  uint32_t v = guest_load(ga);
  if (fault.count != f0) return fail(n, "guest load of mapped page 0x%08" PRIx32 " faulted", ga);
  if (v != 0x600DF00Du)
    return fail(n, "guest read 0x%08" PRIx32 " at 0x%08" PRIx32 ", machine page %" PRIu32 " holds 0x600df00d", v, ga, mt);
  guest_store(ga + 4, 0x12345678u);
  if (fault.count != f0) return fail(n, "guest store to mapped page faulted");
  if (mpage[1] != 0x12345678u) return fail(n, "guest store did not reach machine page %" PRIu32, mt);
  if (ident[0] != 0xBADBAD00u || ident[1] == 0x12345678u) return fail(n, "guest access went to the identity page");
  pass(n, "gppn=%" PRIu32 " mpn=%" PRIu32, gt, mt);
  return 1;
}

static int test_unmapped_fault(void) {
  const char *n = "remap_unmapped_fault";
  uint32_t ga = page_addr(gu) + 8;
  uint32_t f0 = fault.count;
  guest_load(ga);
  if (fault.count != f0 + 1) return fail(n, "guest load of unmapped page 0x%08" PRIx32 " did not fault", ga);
  uint32_t want = VM | (MEMCTL_FAULT_INVALID << 10);
  if (fault.cause != BM_CAUSE_LOAD_ACCESS || fault.gpa != ga || fault.info != want)
    return fail(n, "cause=%" PRIu32 " FAULT_GPA=0x%08" PRIx32 " FAULT_INFO=0x%" PRIx32 ", expected 5, 0x%08" PRIx32 ", 0x%" PRIx32,
                fault.cause, fault.gpa, fault.info, ga, want);
  if (!(MC(MEMCTL_STATUS) & MEMCTL_STATUS_FAULT)) return fail(n, "STATUS.FAULT not set");
  MC(MEMCTL_STATUS) = MEMCTL_STATUS_FAULT;
  pass(n, "gpa=0x%08" PRIx32, ga);
  return 1;
}

static int test_inval_fence(void) {
  const char *n = "remap_inval_fence";
  uint32_t ga = page_addr(gt);
  uint32_t f0 = fault.count;
  guest_load(ga);  /* the translation is in use (org b: in the TLB) */
  if (fault.count != f0) return fail(n, "mapped page faulted before the invalidation");
  set_entry(gt, 0);
  uint32_t seq = MC(MEMCTL_FENCE_SEQ);
  uint32_t t0 = bm_read_mcycle32();
  mc_cmd(MEMCTL_CMD_INVAL_PAGE, VM, gt);
  MC(MEMCTL_CMD) = MEMCTL_CMD_FENCE;
  int ok = wait_fence(seq);
  uint32_t t1 = bm_read_mcycle32();
  if (!ok) return fail(n, "FENCE did not complete");
  inval_cycles = MC(MEMCTL_LAST_FENCE_CYCLES);
  inval_mcycle = t1 - t0;
  guest_load(ga);
  if (fault.count != f0 + 1) return fail(n, "guest load after INVAL_PAGE + FENCE did not fault");
  if (fault.gpa != ga || ((fault.info >> 10) & 3u) != MEMCTL_FAULT_INVALID)
    return fail(n, "FAULT_GPA=0x%08" PRIx32 " FAULT_INFO=0x%" PRIx32, fault.gpa, fault.info);
  MC(MEMCTL_STATUS) = MEMCTL_STATUS_FAULT | MEMCTL_STATUS_FENCE_DONE;
  pass(n, "fence_cycles=%" PRIu32, inval_cycles);
  return 1;
}

static int test_dirty(void) {
  const char *n = "remap_dirty";
  uint32_t ga = page_addr(gt);
  set_entry(gt, pte(mt, MEMCTL_PTE_V | MEMCTL_PTE_W));  /* was invalid: no invalidation needed */
  uint32_t f0 = fault.count;
  guest_load(ga);
  if (get_entry(gt) & MEMCTL_PTE_D) return fail(n, "D set by a guest read");
  guest_store(ga, 1);
  if (fault.count != f0) return fail(n, "guest access faulted");
  uint32_t e = get_entry(gt);
  if (!(e & MEMCTL_PTE_D)) return fail(n, "D not set by a guest write (entry 0x%08" PRIx32 ")", e);
  /* Unmap again (the scrub test must not scrub a mapped page). */
  set_entry(gt, 0);
  uint32_t seq = MC(MEMCTL_FENCE_SEQ);
  mc_cmd(MEMCTL_CMD_INVAL_PAGE, VM, gt);
  MC(MEMCTL_CMD) = MEMCTL_CMD_FENCE;
  if (!wait_fence(seq)) return fail(n, "FENCE did not complete");
  pass(n, "entry=0x%08" PRIx32, e);
  return 1;
}

/* ---------------------------------------------------------------- scrubber */
static int test_scrub(void) {
  const char *n = "scrub_page";
  uint32_t words = mc.page / 4;
  for (uint32_t pn = m_scrub - 1; pn <= m_scrub + 1; pn++) {
    volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)page_addr(pn);
    for (uint32_t i = 0; i < words; i++) p[i] = pn ^ (i * 0x9E3779B9u) ^ 1u;
  }
  MC(MEMCTL_COUNTER_CTRL) = 1;
  MC(MEMCTL_STATUS) = MEMCTL_STATUS_SCRUB_DONE;
  uint32_t t0 = bm_read_mcycle32();
  mc_cmd(MEMCTL_CMD_SCRUB, m_scrub, 1);
  int ok = wait_scrub();
  uint32_t t1 = bm_read_mcycle32();
  if (!ok) return fail(n, "SCRUB_DONE did not come");
  scrub_cycles = MC(MEMCTL_CNT_SCRUB_CYCLES);
  scrub_mcycle = t1 - t0;
  volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)page_addr(m_scrub);
  for (uint32_t i = 0; i < words; i++)
    if (p[i]) return fail(n, "word 0x%08" PRIx32 " = 0x%08" PRIx32 " after SCRUB", (uint32_t)(uintptr_t)&p[i], p[i]);
  for (uint32_t pn = m_scrub - 1; pn <= m_scrub + 1; pn += 2) {
    volatile uint32_t *q = (volatile uint32_t *)(uintptr_t)page_addr(pn);
    for (uint32_t i = 0; i < words; i++)
      if (q[i] != (pn ^ (i * 0x9E3779B9u) ^ 1u)) return fail(n, "neighbour page %" PRIu32 " changed", pn);
  }
  if (MC(MEMCTL_CNT_SCRUB_PAGES) != 1) return fail(n, "SCRUB_PAGES = %" PRIu32 ", expected 1", MC(MEMCTL_CNT_SCRUB_PAGES));
  if (MC(MEMCTL_STATUS) & MEMCTL_STATUS_ERROR) return fail(n, "memctl ERROR %" PRIu32, MC(MEMCTL_ERROR));
  pass(n, "mpn=%" PRIu32 " scrub_cycles=%" PRIu32, m_scrub, scrub_cycles);
  return 1;
}

/* ---------------------------------------------------------------- main */
static int probe(void) {
  uint32_t id = MC(MEMCTL_ID);
  if (id != MEMCTL_ID_VALUE) return fail("memctl_id", "ID = 0x%08" PRIx32 ", expected 0x%08" PRIx32, id, (uint32_t)MEMCTL_ID_VALUE);
  uint32_t cfg = MC(MEMCTL_CONFIG);
  mc.org = cfg & MEMCTL_CONFIG_ORG_TLB;
  mc.page_shift = (cfg >> MEMCTL_CONFIG_PAGE_SHIFT_LSB) & 0x1f;
  mc.vms = (cfg >> MEMCTL_CONFIG_VMS_LSB) & 0x1f;
  mc.tlb = (cfg >> MEMCTL_CONFIG_TLB_LSB) & 0xff;
  mc.backend = (cfg >> MEMCTL_CONFIG_BACKEND_LSB) & 3;
  mc.page = 1u << mc.page_shift;
  mc.mem_pages = MC(MEMCTL_MEM_PAGES);
  mc.guest_pages = MC(MEMCTL_GUEST_PAGES);
  if (mc.page_shift < 8 || mc.page_shift > 16 || mc.vms <= VM || mc.mem_pages == 0)
    return fail("memctl_id", "implausible CONFIG 0x%08" PRIx32 " MEM_PAGES %" PRIu32, cfg, mc.mem_pages);
  mc.ram_end = RAM_BASE + (mc.mem_pages << mc.page_shift);
  uint32_t image_end = (uint32_t)(uintptr_t)__stack;
  mc.image_pages = (image_end - RAM_BASE + mc.page - 1) >> mc.page_shift;
  mc.free_lo = page_addr(mc.image_pages);
  mc.free_hi = mc.ram_end;
  if (mc.free_lo >= mc.free_hi) return fail("memctl_id", "no free RAM above the image (ends 0x%08" PRIx32 ")", image_end);
  static const char *const backends[] = {"sram", "dram", "spram", "?"};
  printf("SELFTEST-INFO ram_bytes=%" PRIu32 " page_bytes=%" PRIu32 " mem_pages=%" PRIu32
         " guest_pages=%" PRIu32 " vms=%" PRIu32 " org=%s tlb_entries=%" PRIu32 " backend=%s"
         " image_end=0x%08" PRIx32 " free=0x%08" PRIx32 "-0x%08" PRIx32 "\n",
         mc.mem_pages << mc.page_shift, mc.page, mc.mem_pages, mc.guest_pages, mc.vms,
         mc.org ? "tlb" : "table", mc.tlb, backends[mc.backend], image_end, mc.free_lo, mc.free_hi);
  pass("memctl_id", "id=0x%08" PRIx32 " config=0x%08" PRIx32, id, cfg);
  return 1;
}

int main(void) {
  bm_set_trap_handler(trap);
  printf("SELFTEST-BEGIN version=1\n");
  if (probe()) {
    current = "mem_walking_ones";
    test_walking_ones();
    current = "mem_addr_bus";
    test_addr_bus();
    current = "mem_addr_in_addr";
    test_addr_in_addr();
    current = "remap_setup";
    if (remap_setup()) {
      current = "remap_translate";
      int mapped = test_translate();
      current = "remap_unmapped_fault";
      test_unmapped_fault();
      current = "remap_inval_fence";
      if (mapped) test_inval_fence();
      current = "remap_dirty";
      test_dirty();
      MC(MEMCTL_CTRL) = 0;
      current = "scrub_page";
      test_scrub();
    }
    MC(MEMCTL_CTRL) = 0;
    MC(MEMCTL_CUR_VMID) = 0;
    printf("SELFTEST-CYCLES inval_1page=%" PRIu32 " scrub_1page=%" PRIu32 " page_bytes=%" PRIu32
           " inval_1page_mcycle=%" PRIu32 " scrub_1page_mcycle=%" PRIu32 "\n",
           inval_cycles, scrub_cycles, mc.page, inval_mcycle, scrub_mcycle);
  }
  printf("SELFTEST RESULT %s passed=%d failed=%d\n", failed ? "FAIL" : "PASS", passed, failed);
  return failed ? 1 : 0;
}
