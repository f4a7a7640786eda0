/* Unit test of the memory controller's SystemC reference model through its C API
 * (sim/memctl_model/memctl_model.h; docs/memctl.md is the specification checked here).
 *
 * Every instance is created up front (SystemC cannot add modules once time has advanced); the
 * test then reuses them with memctl_model_reconfigure(). Each check failure prints one line; the
 * program ends with "memctl model test passed" or "N checks failed". */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memctl_model.h"
#include "soc_memory_map.h"

static int failures;
static int checks;

#define CHECK(cond, ...)                                                         \
  do {                                                                           \
    checks++;                                                                    \
    if (!(cond)) {                                                               \
      fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #cond);   \
      fprintf(stderr, __VA_ARGS__);                                              \
      fprintf(stderr, "\n");                                                     \
      failures++;                                                                \
    }                                                                            \
  } while (0)

#define CHECK_EQ(actual, expected)                                                    \
  do {                                                                                \
    uint64_t a_ = (uint64_t)(actual), e_ = (uint64_t)(expected);                      \
    CHECK(a_ == e_, "%s = 0x%" PRIx64 " (%" PRIu64 "), expected 0x%" PRIx64 " (%" PRIu64 ")", \
          #actual, a_, a_, e_, e_);                                                   \
  } while (0)

#define PAGE 4096u
#define PTE(mpn, flags) (((uint32_t)(mpn) << MEMCTL_PTE_MPN_SHIFT) | (flags))
#define RWX (MEMCTL_PTE_V | MEMCTL_PTE_W | MEMCTL_PTE_X)
#define GPA(gppn, off) (RAM_BASE + (uint32_t)(gppn) * PAGE + (uint32_t)(off))
#define MADDR(mpn, off) (RAM_BASE + (uint32_t)(mpn) * PAGE + (uint32_t)(off))
#define CNT(name) ((MEMCTL_CNT_##name - MEMCTL_COUNTER_BASE) / 4)

/* ------------------------------------------------------------------ helpers */

/* One access in the current cycle, without waiting for its response. */
static memctl_result_t acc_now(memctl_model_t *m, uint32_t addr, int write, uint32_t wdata,
                               uint32_t priv, int fetch) {
  memctl_access_t a = {.addr = addr, .write = (uint32_t)write, .be = 0xF, .size = 4,
                       .wdata = wdata, .priv = priv, .fetch = (uint32_t)fetch};
  memctl_result_t r;
  if (memctl_model_access(m, &a, &r) != 0) {
    fprintf(stderr, "memctl_model_access: %s\n", memctl_model_error());
    exit(1);
  }
  return r;
}
/* One access by a bus master: time advances until its response has arrived. */
static memctl_result_t acc(memctl_model_t *m, uint32_t addr, int write, uint32_t wdata,
                           uint32_t priv, int fetch) {
  memctl_result_t r = acc_now(m, addr, write, wdata, priv, fetch);
  memctl_model_advance(m, r.latency);
  return r;
}
static memctl_result_t gread(memctl_model_t *m, uint32_t a) { return acc(m, a, 0, 0, 0, 0); }
static memctl_result_t gwrite(memctl_model_t *m, uint32_t a, uint32_t v) { return acc(m, a, 1, v, 1, 0); }
static memctl_result_t gfetch(memctl_model_t *m, uint32_t a) { return acc(m, a, 0, 0, 0, 1); }
static memctl_result_t mread(memctl_model_t *m, uint32_t a) { return acc(m, a, 0, 0, 3, 0); }
static memctl_result_t mwrite(memctl_model_t *m, uint32_t a, uint32_t v) { return acc(m, a, 1, v, 3, 0); }

static uint32_t rd(memctl_model_t *m, uint32_t off) { return memctl_model_reg_read(m, off); }
static void wr(memctl_model_t *m, uint32_t off, uint32_t v) { memctl_model_reg_write(m, off, v); }
static void step(memctl_model_t *m, uint64_t n) { memctl_model_advance(m, n); }

static void set_entry(memctl_model_t *m, uint32_t vm, uint32_t gppn, uint32_t pte) {
  wr(m, MEMCTL_TBL_VMID, vm);
  wr(m, MEMCTL_TBL_GPPN, gppn);
  wr(m, MEMCTL_TBL_ENTRY, pte);
}
static void cmd(memctl_model_t *m, uint32_t op, uint32_t a0, uint32_t a1) {
  wr(m, MEMCTL_CMD_ARG0, a0);
  wr(m, MEMCTL_CMD_ARG1, a1);
  wr(m, MEMCTL_CMD, op);
}
static uint32_t counter(memctl_model_t *m, int idx) {
  uint32_t c[MEMCTL_NUM_COUNTERS];
  memctl_model_counters(m, c, MEMCTL_NUM_COUNTERS);
  return c[idx];
}
/* Expects ERROR == code and STATUS.ERROR, then clears them. */
static void expect_error(memctl_model_t *m, uint32_t code, int line) {
  uint32_t st = rd(m, MEMCTL_STATUS), e = rd(m, MEMCTL_ERROR);
  if (!(st & MEMCTL_STATUS_ERROR) || e != code) {
    fprintf(stderr, "%s:%d: expected ERROR %u, got STATUS 0x%x ERROR %u\n", __FILE__, line, code, st, e);
    failures++;
  }
  checks++;
  wr(m, MEMCTL_STATUS, MEMCTL_STATUS_ERROR);
}
#define EXPECT_ERROR(m, code) expect_error((m), (code), __LINE__)
static void expect_no_error(memctl_model_t *m, int line) {
  uint32_t st = rd(m, MEMCTL_STATUS);
  if (st & MEMCTL_STATUS_ERROR) {
    fprintf(stderr, "%s:%d: unexpected ERROR %u\n", __FILE__, line, rd(m, MEMCTL_ERROR));
    failures++;
    wr(m, MEMCTL_STATUS, MEMCTL_STATUS_ERROR);
  }
  checks++;
}
#define EXPECT_NO_ERROR(m) expect_no_error((m), __LINE__)

static memctl_model_config_t config(uint32_t org, uint32_t backend) {
  memctl_model_config_t c;
  memctl_model_default_config(&c);
  c.org = org;
  c.backend = backend;
  c.mem_pages = 256;   /* 1 MiB of machine memory */
  c.guest_pages = 128; /* 512 KiB guest window */
  c.tlb_entries = 4;
  return c;
}
/* reconfigure + CTRL.ENABLE = 1 */
static void setup(memctl_model_t *m, uint32_t org, uint32_t backend) {
  memctl_model_config_t c = config(org, backend);
  memctl_model_reconfigure(m, &c);
  wr(m, MEMCTL_CTRL, MEMCTL_CTRL_ENABLE);
}

/* ------------------------------------------------------------------ tests */

static void test_id_config(memctl_model_t *m) {
  memctl_model_config_t c = config(MEMCTL_ORG_TLB, MEMCTL_BACKEND_DRAM);
  memctl_model_reconfigure(m, &c);
  CHECK_EQ(rd(m, MEMCTL_ID), MEMCTL_ID_VALUE);
  CHECK_EQ(rd(m, MEMCTL_CONFIG), 1u | (12u << MEMCTL_CONFIG_PAGE_SHIFT_LSB) |
                                     (4u << MEMCTL_CONFIG_VMS_LSB) | (4u << MEMCTL_CONFIG_TLB_LSB) |
                                     (1u << MEMCTL_CONFIG_BACKEND_LSB));
  CHECK_EQ(rd(m, MEMCTL_MEM_PAGES), 256);
  CHECK_EQ(rd(m, MEMCTL_GUEST_PAGES), 128);
  c = config(MEMCTL_ORG_TABLE, MEMCTL_BACKEND_SRAM);
  memctl_model_reconfigure(m, &c);
  CHECK_EQ(rd(m, MEMCTL_CONFIG), (12u << MEMCTL_CONFIG_PAGE_SHIFT_LSB) | (4u << MEMCTL_CONFIG_VMS_LSB));
  CHECK_EQ(rd(m, MEMCTL_STATUS), 0);
  /* registers: only 32-bit accesses */
  memctl_result_t r;
  memctl_model_reg_access(m, MEMCTL_ID, 0, 0x3, 0, &r);
  CHECK(r.err, "16-bit register read must be a bus error");
  memctl_model_reg_access(m, MEMCTL_CUR_VMID, 1, 0x1, 1, &r);
  CHECK(r.err, "8-bit register write must be a bus error");
  CHECK_EQ(rd(m, MEMCTL_CUR_VMID), 0);
  EXPECT_NO_ERROR(m);
  memctl_model_reg_access(m, MEMCTL_ID, 0, 0xF, 0, &r);
  CHECK(!r.err && r.latency == 1 && r.rdata == MEMCTL_ID_VALUE, "register read: err %u lat %u", r.err, r.latency);
}

/* Organisation (a): translation, permissions, faults and their registers, dirty bit. */
static void test_table(memctl_model_t *m) {
  memctl_model_config_t c = config(MEMCTL_ORG_TABLE, MEMCTL_BACKEND_SRAM);
  memctl_model_reconfigure(m, &c);
  memctl_model_mem_write32(m, MADDR(7, 0x10), 0x11223344);
  /* CTRL.ENABLE = 0 (reset): every access untranslated, nothing counted */
  CHECK_EQ(rd(m, MEMCTL_CTRL), 0);
  memctl_result_t r0 = gread(m, MADDR(7, 0x10));
  CHECK(!r0.err && r0.rdata == 0x11223344 && !r0.fault, "guest read with translation off");
  r0 = gread(m, MADDR(256, 0));
  CHECK(r0.err && !r0.fault, "translation off: beyond memory is a bus error, not a fault");
  CHECK_EQ(counter(m, CNT(TRANSLATIONS)), 0);
  wr(m, MEMCTL_CTRL, 0xFFFFFFFF);
  CHECK_EQ(rd(m, MEMCTL_CTRL), MEMCTL_CTRL_ENABLE);
  set_entry(m, 0, 2, PTE(7, RWX));
  set_entry(m, 0, 3, PTE(8, MEMCTL_PTE_V)); /* read only */
  set_entry(m, 1, 2, PTE(9, RWX));          /* VM 1: same GPPN, another page */
  EXPECT_NO_ERROR(m);

  memctl_result_t r = gread(m, GPA(2, 0x10));
  CHECK(!r.err && r.rdata == 0x11223344 && r.maddr == MADDR(7, 0x10) && r.latency == 1,
        "guest read through entry: err %u data 0x%x maddr 0x%x lat %u", r.err, r.rdata, r.maddr, r.latency);
  /* M-mode: untranslated, the same word at its machine address */
  r = mread(m, MADDR(7, 0x10));
  CHECK(!r.err && r.rdata == 0x11223344 && r.latency == 1, "M-mode read");
  r = mread(m, GPA(2, 0x10));
  CHECK(!r.err && r.rdata == 0, "M-mode read of machine page 2 must not be translated");
  r = mread(m, MADDR(256, 0));
  CHECK(r.err && !r.fault, "M-mode read beyond machine memory: bus error, no fault");

  /* byte write through the translation, with byte enables */
  memctl_access_t a = {.addr = GPA(2, 0x11), .write = 1, .size = 1, .wdata = 0xAA00, .priv = 0};
  memctl_model_access(m, &a, &r);
  step(m, r.latency);
  CHECK(!r.err && r.dirty_update, "byte store: err %u dirty %u", r.err, r.dirty_update);
  CHECK_EQ(memctl_model_mem_read32(m, MADDR(7, 0x10)), 0x1122AA44);
  /* D set in the on-chip entry, once */
  wr(m, MEMCTL_TBL_VMID, 0);
  wr(m, MEMCTL_TBL_GPPN, 2);
  CHECK_EQ(rd(m, MEMCTL_TBL_ENTRY), PTE(7, RWX | MEMCTL_PTE_D));
  r = gwrite(m, GPA(2, 0x20), 5);
  CHECK(!r.err && !r.dirty_update, "second store: no dirty update");
  CHECK_EQ(memctl_model_peek_entry(m, 0, 2), PTE(7, RWX | MEMCTL_PTE_D));

  /* VM 1 */
  wr(m, MEMCTL_CUR_VMID, 1);
  r = gwrite(m, GPA(2, 0), 0xCAFE);
  CHECK(!r.err && r.maddr == MADDR(9, 0), "VM 1 maps GPPN 2 to MPN 9: maddr 0x%x", r.maddr);
  wr(m, MEMCTL_CUR_VMID, 0);

  /* faults, in check order */
  CHECK_EQ(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_FAULT, 0);
  r = gread(m, GPA(128, 0)); /* outside the window */
  CHECK(r.err && r.fault && r.fault_reason == MEMCTL_FAULT_INVALID && r.latency == 1, "window fault");
  CHECK_EQ(rd(m, MEMCTL_FAULT_GPA), GPA(128, 0));
  CHECK_EQ(rd(m, MEMCTL_FAULT_INFO), 0u | (MEMCTL_FAULT_INVALID << 10));
  CHECK(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_FAULT, "STATUS.FAULT");
  r = acc(m, MEMCTL_BASE, 0, 0, 1, 0); /* a device address (the VMM emulates devices) */
  CHECK(r.fault && r.fault_reason == MEMCTL_FAULT_INVALID, "device address from a guest");
  r = gread(m, GPA(5, 0)); /* V = 0 */
  CHECK(r.fault && r.fault_reason == MEMCTL_FAULT_INVALID, "invalid entry");
  r = gwrite(m, GPA(3, 4), 1); /* no W */
  CHECK(r.fault && r.fault_reason == MEMCTL_FAULT_WRITE, "write fault");
  CHECK_EQ(rd(m, MEMCTL_FAULT_INFO), (1u << 8) | (MEMCTL_FAULT_WRITE << 10));
  CHECK_EQ(rd(m, MEMCTL_FAULT_GPA), GPA(3, 4));
  CHECK_EQ(memctl_model_mem_read32(m, MADDR(8, 4)), 0); /* not performed */
  wr(m, MEMCTL_CUR_VMID, 1);
  set_entry(m, 1, 4, PTE(10, MEMCTL_PTE_V | MEMCTL_PTE_W));
  r = gfetch(m, GPA(4, 8)); /* no X */
  CHECK(r.fault && r.fault_reason == MEMCTL_FAULT_EXEC, "exec fault");
  CHECK_EQ(rd(m, MEMCTL_FAULT_INFO), 1u | (1u << 9) | (MEMCTL_FAULT_EXEC << 10));
  r = gfetch(m, GPA(2, 0));
  CHECK(!r.err && r.rdata == 0xCAFE, "fetch through an X page");
  wr(m, MEMCTL_CUR_VMID, 0);
  /* the table refuses an MPN beyond memory (so reason MACHINE cannot happen in org a) */
  set_entry(m, 0, 6, PTE(256, MEMCTL_PTE_V));
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_MPN);
  CHECK_EQ(memctl_model_peek_entry(m, 0, 6), 0);
  set_entry(m, 0, 6, PTE(256, 0)); /* V = 0: any MPN accepted */
  EXPECT_NO_ERROR(m);
  /* reserved bits read as written */
  set_entry(m, 0, 7, PTE(1, MEMCTL_PTE_V | 0xF0));
  CHECK_EQ(rd(m, MEMCTL_TBL_ENTRY), PTE(1, MEMCTL_PTE_V | 0xF0));
  /* W1C of FAULT */
  wr(m, MEMCTL_STATUS, MEMCTL_STATUS_FAULT);
  CHECK_EQ(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_FAULT, 0);

  /* a table write takes effect for the next access (org a needs no invalidation) */
  set_entry(m, 0, 2, PTE(11, RWX));
  r = gread(m, GPA(2, 0));
  CHECK(!r.err && r.maddr == MADDR(11, 0), "new table entry used at once");

  /* counters: TRANSLATIONS counts faults too; HITS = successful lookups in org a */
  uint32_t cn[MEMCTL_NUM_COUNTERS];
  memctl_model_counters(m, cn, MEMCTL_NUM_COUNTERS);
  CHECK_EQ(cn[CNT(TRANSLATIONS)], 11);
  CHECK_EQ(cn[CNT(FAULTS)], 5);
  CHECK_EQ(cn[CNT(HITS)], 8); /* lookups that found a valid entry (W/X faults included) */
  CHECK_EQ(cn[CNT(MISSES)], 0);
  CHECK_EQ(rd(m, MEMCTL_CNT_TRANSLATIONS), 11);
  wr(m, MEMCTL_COUNTER_CTRL, 1);
  CHECK_EQ(rd(m, MEMCTL_CNT_TRANSLATIONS), 0);
  CHECK_EQ(rd(m, MEMCTL_CNT_FAULTS), 0);

  /* interrupt: level of STATUS & IRQ_ENABLE over the sticky bits */
  CHECK_EQ(memctl_model_irq(m), 0);
  wr(m, MEMCTL_IRQ_ENABLE, MEMCTL_STATUS_FAULT);
  gread(m, GPA(5, 0));
  CHECK_EQ(memctl_model_irq(m), 1);
  step(m, 2);
  CHECK_EQ(memctl_model_irq(m), 1);
  wr(m, MEMCTL_STATUS, MEMCTL_STATUS_FAULT);
  CHECK_EQ(memctl_model_irq(m), 0);
  wr(m, MEMCTL_IRQ_ENABLE, 0);
}

/* Organisation (b): TLB, walker, dirty-bit write-back, round-robin replacement. */
#define P2M_MPN 200u /* P2M tables of VM 0 and 1 live in machine page 200 */
static void setup_p2m(memctl_model_t *m) {
  wr(m, MEMCTL_P2M_SEL, 0);
  wr(m, MEMCTL_P2M_BASE, MADDR(P2M_MPN, 0));
  wr(m, MEMCTL_P2M_PAGES, 64);
  wr(m, MEMCTL_P2M_SEL, 1);
  wr(m, MEMCTL_P2M_BASE, MADDR(P2M_MPN, 0x400));
  wr(m, MEMCTL_P2M_PAGES, 128);
  wr(m, MEMCTL_P2M_SEL, 0);
}
static void p2m_set(memctl_model_t *m, uint32_t vm, uint32_t gppn, uint32_t pte) {
  /* the VMM edits the table with ordinary M-mode stores */
  memctl_result_t r = mwrite(m, MADDR(P2M_MPN, vm * 0x400 + 4 * gppn), pte);
  CHECK(!r.err, "P2M store");
}

static void test_tlb(memctl_model_t *m) {
  setup(m, MEMCTL_ORG_TLB, MEMCTL_BACKEND_SRAM);
  CHECK_EQ(rd(m, MEMCTL_P2M_BASE), RAM_BASE); /* reset value */
  setup_p2m(m);
  EXPECT_NO_ERROR(m);
  CHECK_EQ(rd(m, MEMCTL_P2M_BASE), MADDR(P2M_MPN, 0));
  CHECK_EQ(rd(m, MEMCTL_P2M_PAGES), 64);
  CHECK_EQ(rd(m, MEMCTL_TBL_ENTRY), 0);
  p2m_set(m, 0, 1, PTE(20, RWX));
  p2m_set(m, 0, 2, PTE(21, MEMCTL_PTE_V));
  p2m_set(m, 0, 3, PTE(300, MEMCTL_PTE_V)); /* beyond memory */
  p2m_set(m, 1, 1, PTE(22, RWX));
  memctl_model_mem_write32(m, MADDR(20, 0), 0xABCD0001);

  memctl_result_t r = gread(m, GPA(1, 0));
  CHECK(!r.err && r.walked && !r.tlb_hit && r.rdata == 0xABCD0001 && r.latency == 2,
        "miss: walk (1) + access (1): err %u walked %u lat %u", r.err, r.walked, r.latency);
  r = gread(m, GPA(1, 0));
  CHECK(!r.err && r.tlb_hit && !r.walked && r.latency == 1, "hit: no added cycle, lat %u", r.latency);
  uint32_t te = 0;
  CHECK(memctl_model_tlb_peek(m, 0, 1, &te) == 1 && te == PTE(20, RWX), "TLB holds the entry");

  /* dirty bit: read-modify-write of the P2M word (read, a cycle, write), then the store */
  r = gwrite(m, GPA(1, 8), 0x55);
  CHECK(!r.err && r.tlb_hit && r.dirty_update && r.latency == 4,
        "first store: D write-back (read + write) + store: lat %u dirty %u", r.latency, r.dirty_update);
  CHECK_EQ(memctl_model_mem_read32(m, MADDR(P2M_MPN, 4)), PTE(20, RWX | MEMCTL_PTE_D));
  CHECK(memctl_model_tlb_peek(m, 0, 1, &te) == 1 && te == PTE(20, RWX | MEMCTL_PTE_D), "TLB D");
  r = gwrite(m, GPA(1, 12), 0x66);
  CHECK(!r.err && !r.dirty_update && r.latency == 1, "second store: lat %u", r.latency);
  CHECK_EQ(memctl_model_mem_read32(m, MADDR(20, 12)), 0x66);

  /* faults */
  r = gread(m, GPA(64, 0)); /* GPPN >= P2M_PAGES: no walk */
  CHECK(r.fault && r.fault_reason == MEMCTL_FAULT_INVALID && !r.walked && r.latency == 1, "beyond P2M_PAGES");
  r = gread(m, GPA(5, 0)); /* V = 0 after a walk; invalid entries are not cached */
  CHECK(r.fault && r.fault_reason == MEMCTL_FAULT_INVALID && r.walked, "invalid P2M entry");
  CHECK_EQ(memctl_model_tlb_peek(m, 0, 5, NULL), 0);
  r = gwrite(m, GPA(2, 0), 1);
  CHECK(r.fault && r.fault_reason == MEMCTL_FAULT_WRITE, "write fault (walked)");
  r = gread(m, GPA(3, 0));
  CHECK(r.fault && r.fault_reason == MEMCTL_FAULT_MACHINE, "machine page beyond memory");
  CHECK_EQ(rd(m, MEMCTL_FAULT_INFO), MEMCTL_FAULT_MACHINE << 10);
  r = gfetch(m, GPA(2, 0));
  CHECK(r.fault && r.fault_reason == MEMCTL_FAULT_EXEC, "exec fault");

  /* VM 1 has its own table and TLB tags */
  wr(m, MEMCTL_CUR_VMID, 1);
  r = gread(m, GPA(1, 0));
  CHECK(!r.err && r.walked && r.maddr == MADDR(22, 0), "VM 1 walk");
  r = gread(m, GPA(100, 0)); /* VM 1 has 128 entries: in range, V = 0 */
  CHECK(r.fault && r.walked, "VM 1 invalid");
  wr(m, MEMCTL_CUR_VMID, 0);

  /* round robin over 4 entries */
  for (uint32_t g = 10; g < 16; g++) p2m_set(m, 0, g, PTE(30 + g, RWX));
  for (uint32_t g = 10; g < 16; g++) gread(m, GPA(g, 0));
  int present = 0;
  for (uint32_t g = 10; g < 16; g++) present += memctl_model_tlb_peek(m, 0, g, NULL);
  CHECK_EQ(present, 4);
  CHECK_EQ(memctl_model_tlb_peek(m, 0, 15, NULL), 1);

  uint32_t cn[MEMCTL_NUM_COUNTERS];
  memctl_model_counters(m, cn, MEMCTL_NUM_COUNTERS);
  /* the faulting store filled the TLB (V = 1), so the fetch of GPPN 2 hit */
  CHECK_EQ(cn[CNT(TRANSLATIONS)], 17);
  CHECK_EQ(cn[CNT(HITS)], 4);
  CHECK_EQ(cn[CNT(MISSES)], 12);      /* 17 - 4 hits - 1 without a walk */
  CHECK_EQ(cn[CNT(FAULTS)], 6);
  CHECK_EQ(cn[CNT(WALK_CYCLES)], 27); /* 12 walks of 2 cycles + one 3-cycle D update */

  /* a walk that sets D reads the entry once: store miss = read, write-back, store */
  p2m_set(m, 0, 20, PTE(40, RWX));
  r = gwrite(m, GPA(20, 0), 1);
  CHECK(r.walked && r.dirty_update && r.latency == 4, "store miss with D: lat %u", r.latency);
  CHECK_EQ(memctl_model_mem_read32(m, MADDR(P2M_MPN, 80)), PTE(40, RWX | MEMCTL_PTE_D));
  /* the D update uses the fresh P2M word: the VMM revoked W without invalidating */
  p2m_set(m, 0, 21, PTE(41, RWX));
  gread(m, GPA(21, 0));
  p2m_set(m, 0, 21, PTE(41, MEMCTL_PTE_V));
  r = gwrite(m, GPA(21, 0), 1);
  CHECK(r.fault && r.fault_reason == MEMCTL_FAULT_WRITE, "stale TLB entry, fresh word without W");
  CHECK_EQ(memctl_model_mem_read32(m, MADDR(41, 0)), 0);
  /* a table that runs off memory reads as invalid without a back-end access */
  wr(m, MEMCTL_P2M_SEL, 2);
  wr(m, MEMCTL_P2M_BASE, MADDR(255, 0xFF0));
  wr(m, MEMCTL_P2M_PAGES, 128);
  wr(m, MEMCTL_CUR_VMID, 2);
  r = gread(m, GPA(10, 0));
  CHECK(r.fault && r.fault_reason == MEMCTL_FAULT_INVALID && r.walked && r.latency == 2, "off-memory walk");
  wr(m, MEMCTL_CUR_VMID, 0);
}

/* Invalidation, fence, ordering (org b), including a fence waiting for in-flight accesses. */
static void test_inval_fence(memctl_model_t *m) {
  memctl_model_config_t c;
  setup(m, MEMCTL_ORG_TLB, MEMCTL_BACKEND_SRAM);
  setup_p2m(m);
  p2m_set(m, 0, 1, PTE(20, RWX));
  memctl_model_mem_write32(m, MADDR(20, 0), 0x20);
  memctl_model_mem_write32(m, MADDR(21, 0), 0x21);
  CHECK_EQ(gread(m, GPA(1, 0)).rdata, 0x20);

  /* remap in memory: the TLB still translates the old way until invalidated */
  p2m_set(m, 0, 1, PTE(21, RWX));
  CHECK_EQ(gread(m, GPA(1, 0)).rdata, 0x20);
  /* batch: two invalidations, one fence */
  cmd(m, MEMCTL_CMD_INVAL_PAGE, 0, 1);
  cmd(m, MEMCTL_CMD_INVAL_PAGE, 0, 2);
  cmd(m, MEMCTL_CMD_FENCE, 0, 0);
  EXPECT_NO_ERROR(m);
  CHECK(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_CMD_BUSY, "CMD_BUSY while queued");
  /* still the same cycle: nothing has executed yet */
  CHECK_EQ(gread(m, GPA(1, 0)).rdata, 0x20);
  int64_t n = memctl_model_run_until_idle(m, 1000);
  CHECK(n > 0 && n <= 6, "batch of 3 commands took %" PRId64 " cycles", n);
  CHECK_EQ(rd(m, MEMCTL_FENCE_SEQ), 1);
  CHECK(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_FENCE_DONE, "FENCE_DONE");
  CHECK_EQ(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_CMD_BUSY, 0);
  /* the first command was written 2 register writes before the fence, in the same cycle */
  uint32_t lfc = rd(m, MEMCTL_LAST_FENCE_CYCLES);
  CHECK(lfc >= 3 && lfc <= 6, "LAST_FENCE_CYCLES %u", lfc);
  memctl_result_t r = gread(m, GPA(1, 0));
  CHECK(!r.err && r.rdata == 0x21 && r.walked, "after the fence: the new translation (walked %u)", r.walked);
  CHECK_EQ(counter(m, CNT(INVALIDATIONS)), 2);
  CHECK_EQ(counter(m, CNT(FENCES)), 1);
  CHECK_EQ(counter(m, CNT(INVAL_CYCLES)), lfc);
  wr(m, MEMCTL_STATUS, MEMCTL_STATUS_FENCE_DONE);
  CHECK_EQ(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_FENCE_DONE, 0);

  /* invalidation is ordered with accesses cycle by cycle: step one cycle at a time */
  p2m_set(m, 0, 1, PTE(20, RWX));
  cmd(m, MEMCTL_CMD_INVAL_VM, 0, 0);
  cmd(m, MEMCTL_CMD_FENCE, 0, 0);
  int seen_new = 0, cycles = 0;
  while (rd(m, MEMCTL_FENCE_SEQ) != 2 && cycles < 20) {
    uint32_t d = gread(m, GPA(1, 0)).rdata;
    CHECK(d == 0x20 || d == 0x21, "old or new before the fence: 0x%x", d);
    if (d == 0x20) seen_new = 1;
    else CHECK(!seen_new, "went back to the old translation");
    step(m, 1);
    cycles++;
  }
  CHECK_EQ(rd(m, MEMCTL_FENCE_SEQ), 2);
  CHECK_EQ(gread(m, GPA(1, 0)).rdata, 0x20);

  /* INVAL_ALL drops everything */
  gread(m, GPA(1, 0));
  cmd(m, MEMCTL_CMD_INVAL_ALL, 0, 0);
  cmd(m, MEMCTL_CMD_FENCE, 0, 0);
  memctl_model_run_until_idle(m, 100);
  CHECK_EQ(memctl_model_tlb_peek(m, 0, 1, NULL), 0);

  /* fence with an empty queue */
  step(m, 10);
  uint64_t t0 = memctl_model_cycle(m);
  cmd(m, MEMCTL_CMD_FENCE, 0, 0);
  n = memctl_model_run_until_idle(m, 100);
  CHECK(n >= 1 && n <= 3, "lone fence took %" PRId64 " cycles", n);
  CHECK_EQ(rd(m, MEMCTL_FENCE_SEQ), 4);
  CHECK(rd(m, MEMCTL_LAST_FENCE_CYCLES) == memctl_model_cycle(m) - t0, "lone fence cycles %u",
        rd(m, MEMCTL_LAST_FENCE_CYCLES));

  /* org a: the fence waits for an access still in flight (a DRAM row conflict) */
  c = config(MEMCTL_ORG_TABLE, MEMCTL_BACKEND_DRAM);
  c.dram.t_conflict = 40;
  c.dram.t_refresh_interval = 0;
  memctl_model_reconfigure(m, &c);
  wr(m, MEMCTL_CTRL, MEMCTL_CTRL_ENABLE);
  set_entry(m, 0, 0, PTE(0, RWX));
  set_entry(m, 0, 1, PTE(4, RWX)); /* machine page 4 = bank 0, another row than page 0 */
  gread(m, GPA(0, 0));             /* opens row 0 of bank 0 */
  step(m, 10);
  r = acc_now(m, GPA(1, 0), 0, 0, 0, 0); /* the fence is written in the same cycle */
  CHECK_EQ(r.latency, 40);
  t0 = memctl_model_cycle(m);
  cmd(m, MEMCTL_CMD_FENCE, 0, 0);
  step(m, 10);
  CHECK_EQ(rd(m, MEMCTL_FENCE_SEQ), 0);
  n = memctl_model_run_until_idle(m, 100);
  CHECK(memctl_model_cycle(m) >= t0 + 41, "the fence completed at +%" PRIu64 ", before the response at +40",
        memctl_model_cycle(m) - t0);
  CHECK_EQ(rd(m, MEMCTL_FENCE_SEQ), 1);
}

/* Scrubber: SCRUB and SCRUB_LIST, timing on an idle SRAM, M-mode reads during a scrub,
 * lowest priority on the back end. */
static void test_scrub(memctl_model_t *m) {
  memctl_model_config_t c = config(MEMCTL_ORG_TABLE, MEMCTL_BACKEND_SRAM);
  memctl_model_reconfigure(m, &c);
  for (uint32_t p = 10; p < 14; p++)
    for (uint32_t o = 0; o < PAGE; o += 4) memctl_model_mem_write32(m, MADDR(p, o), 0x1000 * p + o + 1);
  cmd(m, MEMCTL_CMD_SCRUB, 10, 2);
  EXPECT_NO_ERROR(m);
  step(m, 100);
  CHECK(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_SCRUB_BUSY, "SCRUB_BUSY");
  /* M-mode reads during the scrub: old value or zero, word by word */
  int zeros = 0, olds = 0;
  for (uint32_t o = 0; o < PAGE; o += 64) {
    uint32_t d = mread(m, MADDR(10, o)).rdata;
    CHECK(d == 0 || d == 0x1000 * 10 + o + 1, "word 0x%x during scrub: 0x%x", o, d);
    if (d) olds++; else zeros++;
  }
  CHECK(zeros > 0 && olds > 0, "mid-scrub: %d zero and %d old words", zeros, olds);
  int64_t n = memctl_model_run_until_idle(m, 10000);
  CHECK(n > 0, "scrub completes");
  for (uint32_t o = 0; o < 2 * PAGE; o += 4) {
    if (memctl_model_mem_read32(m, MADDR(10, o)) != 0) {
      CHECK(0, "page %u word 0x%x not zero", 10 + o / PAGE, o % PAGE);
      break;
    }
  }
  CHECK_EQ(memctl_model_mem_read32(m, MADDR(12, 0)), 0x1000 * 12 + 1);
  CHECK(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_SCRUB_DONE, "SCRUB_DONE");
  CHECK_EQ(counter(m, CNT(SCRUB_PAGES)), 2);
  /* P/4 cycles per page on an otherwise idle SRAM, plus one per read above (core first) */
  uint32_t sc = counter(m, CNT(SCRUB_CYCLES));
  CHECK_EQ(sc, 2 * PAGE / 4 + PAGE / 64);
  wr(m, MEMCTL_STATUS, MEMCTL_STATUS_SCRUB_DONE);

  /* an idle-SRAM scrub of one page takes P/4 cycles from its start */
  wr(m, MEMCTL_COUNTER_CTRL, 1);
  cmd(m, MEMCTL_CMD_SCRUB, 12, 1);
  n = memctl_model_run_until_idle(m, 10000);
  CHECK(n >= (int64_t)(PAGE / 4) && n <= (int64_t)(PAGE / 4) + 2, "one page: %" PRId64 " cycles", n);
  CHECK_EQ(counter(m, CNT(SCRUB_CYCLES)), PAGE / 4);

  /* a core access during a scrub waits at most one back-end access */
  cmd(m, MEMCTL_CMD_SCRUB, 13, 1);
  step(m, 5);
  for (int i = 0; i < 50; i++) {
    memctl_result_t r = mread(m, MADDR(50, 4 * i));
    CHECK(r.latency <= 2, "access stalled by the scrubber: %u cycles", r.latency);
    step(m, 1);
  }
  memctl_model_run_until_idle(m, 10000);

  /* SCRUB_LIST: the list lives in machine memory; a bad MPN is skipped with BAD_MPN */
  for (uint32_t p = 30; p < 33; p++) memctl_model_mem_write32(m, MADDR(p, 100), 7);
  const uint32_t list[4] = {30, 999, 32, 31};
  memctl_model_mem_write(m, MADDR(40, 0), list, sizeof list);
  wr(m, MEMCTL_COUNTER_CTRL, 1);
  cmd(m, MEMCTL_CMD_SCRUB_LIST, MADDR(40, 0), 4);
  EXPECT_NO_ERROR(m);
  n = memctl_model_run_until_idle(m, 100000);
  CHECK(n > 0, "scrub list completes");
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_MPN);
  CHECK_EQ(memctl_model_mem_read32(m, MADDR(30, 100)) | memctl_model_mem_read32(m, MADDR(31, 100)) |
               memctl_model_mem_read32(m, MADDR(32, 100)), 0);
  CHECK_EQ(counter(m, CNT(SCRUB_PAGES)), 3);
  CHECK(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_SCRUB_DONE, "SCRUB_DONE after the list");

  /* a FENCE after a SCRUB waits for it */
  wr(m, MEMCTL_STATUS, MEMCTL_STATUS_SCRUB_DONE);
  cmd(m, MEMCTL_CMD_SCRUB, 20, 1);
  cmd(m, MEMCTL_CMD_FENCE, 0, 0);
  uint32_t seq = rd(m, MEMCTL_FENCE_SEQ);
  step(m, 500);
  CHECK_EQ(rd(m, MEMCTL_FENCE_SEQ), seq);
  memctl_model_run_until_idle(m, 10000);
  CHECK_EQ(rd(m, MEMCTL_FENCE_SEQ), seq + 1);
  CHECK(rd(m, MEMCTL_LAST_FENCE_CYCLES) >= PAGE / 4, "fence after scrub: %u", rd(m, MEMCTL_LAST_FENCE_CYCLES));
}

/* Every refused register write sets ERROR (first error sticky) and changes nothing else. */
static void test_errors(memctl_model_t *m) {
  memctl_model_config_t c = config(MEMCTL_ORG_TABLE, MEMCTL_BACKEND_SRAM);
  memctl_model_reconfigure(m, &c);
  wr(m, MEMCTL_CUR_VMID, 2);
  wr(m, MEMCTL_CUR_VMID, 4);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_VMID);
  CHECK_EQ(rd(m, MEMCTL_CUR_VMID), 2);
  CHECK_EQ(rd(m, MEMCTL_ERROR), 0); /* cleared with STATUS.ERROR */
  wr(m, MEMCTL_TBL_VMID, 31);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_VMID);
  CHECK_EQ(rd(m, MEMCTL_TBL_VMID), 0);
  wr(m, MEMCTL_TBL_GPPN, 128);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_GPPN);
  CHECK_EQ(rd(m, MEMCTL_TBL_GPPN), 0);
  /* RO registers and unknown offsets: BAD_REG */
  const uint32_t ro[] = {MEMCTL_ID, MEMCTL_CONFIG, MEMCTL_MEM_PAGES, MEMCTL_GUEST_PAGES,
                         MEMCTL_ERROR, MEMCTL_FENCE_SEQ, MEMCTL_LAST_FENCE_CYCLES,
                         MEMCTL_FAULT_GPA, MEMCTL_FAULT_INFO, MEMCTL_CNT_TRANSLATIONS,
                         MEMCTL_CNT_REFRESHES, 0x04C, 0x05C, 0x0F8, 0x138, 0xFFC};
  for (size_t i = 0; i < sizeof ro / sizeof ro[0]; i++) {
    uint32_t before = rd(m, ro[i]);
    wr(m, ro[i], 0x5A5A5A5A);
    EXPECT_ERROR(m, MEMCTL_ERR_BAD_REG);
    CHECK(rd(m, ro[i]) == before, "offset 0x%03x changed", ro[i]);
  }
  /* org a: the P2M registers read 0, writes BAD_REG */
  wr(m, MEMCTL_P2M_SEL, 1);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_REG);
  wr(m, MEMCTL_P2M_BASE, RAM_BASE);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_REG);
  wr(m, MEMCTL_P2M_PAGES, 1);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_REG);
  CHECK_EQ(rd(m, MEMCTL_P2M_BASE), 0);
  /* the first error is kept until cleared */
  wr(m, MEMCTL_CUR_VMID, 9);
  wr(m, MEMCTL_TBL_GPPN, 999);
  CHECK_EQ(rd(m, MEMCTL_ERROR), MEMCTL_ERR_BAD_VMID);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_VMID);
  /* commands */
  cmd(m, 0, 0, 0);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_CMD);
  cmd(m, 7, 0, 0);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_CMD);
  cmd(m, MEMCTL_CMD_INVAL_PAGE, 4, 0);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_VMID);
  cmd(m, MEMCTL_CMD_INVAL_PAGE, 0, 128);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_GPPN);
  cmd(m, MEMCTL_CMD_INVAL_VM, 5, 0);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_VMID);
  cmd(m, MEMCTL_CMD_SCRUB, 250, 7);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_MPN);
  cmd(m, MEMCTL_CMD_SCRUB, 0, 0);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_MPN);
  cmd(m, MEMCTL_CMD_SCRUB, 0xFFFFFFFF, 2); /* wraps in 32 bits */
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_MPN);
  cmd(m, MEMCTL_CMD_SCRUB_LIST, MADDR(0, 2), 1);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_ADDR);
  cmd(m, MEMCTL_CMD_SCRUB_LIST, MADDR(256, 0), 1);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_ADDR);
  cmd(m, MEMCTL_CMD_SCRUB_LIST, 0x1000, 1);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_ADDR);
  cmd(m, MEMCTL_CMD_SCRUB_LIST, MADDR(255, 0xFF0), 5); /* the list runs off memory */
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_ADDR);
  cmd(m, MEMCTL_CMD_SCRUB_LIST, MADDR(0, 0), 0);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_MPN);
  CHECK_EQ(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_CMD_BUSY, 0); /* nothing was enqueued */
  CHECK_EQ(rd(m, MEMCTL_CMD_ARG0), MADDR(0, 0));               /* arguments stay */
  /* queue full: QUEUE_DEPTH commands in one cycle fill it */
  for (uint32_t i = 0; i < MEMCTL_QUEUE_DEPTH; i++) cmd(m, MEMCTL_CMD_SCRUB, 100 + i, 1);
  EXPECT_NO_ERROR(m);
  CHECK(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_QUEUE_FULL, "QUEUE_FULL");
  cmd(m, MEMCTL_CMD_FENCE, 0, 0);
  EXPECT_ERROR(m, MEMCTL_ERR_QUEUE_FULL);
  /* the executing command keeps its slot until it completes */
  step(m, 100);
  CHECK(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_QUEUE_FULL, "still full while the first executes");
  step(m, 1000);
  CHECK_EQ(rd(m, MEMCTL_STATUS) & MEMCTL_STATUS_QUEUE_FULL, 0);
  cmd(m, MEMCTL_CMD_FENCE, 0, 0);
  EXPECT_NO_ERROR(m);
  int64_t n = memctl_model_run_until_idle(m, 100000);
  CHECK(n >= 7 * 1024 - 100 && n < 7 * 1024 + 20, "7 more pages + fence: %" PRId64 " cycles", n);
  CHECK_EQ(rd(m, MEMCTL_FENCE_SEQ), 1);
  CHECK_EQ(counter(m, CNT(SCRUB_PAGES)), 8);
  /* org b: the table registers are BAD_REG and read 0; P2M checks */
  c = config(MEMCTL_ORG_TLB, MEMCTL_BACKEND_SRAM);
  memctl_model_reconfigure(m, &c);
  wr(m, MEMCTL_TBL_ENTRY, 1);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_REG);
  wr(m, MEMCTL_TBL_VMID, 1);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_REG);
  wr(m, MEMCTL_TBL_GPPN, 1);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_REG);
  CHECK_EQ(rd(m, MEMCTL_TBL_GPPN), 0);
  wr(m, MEMCTL_P2M_SEL, 4);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_VMID);
  wr(m, MEMCTL_P2M_BASE, RAM_BASE + 2);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_ADDR);
  wr(m, MEMCTL_P2M_BASE, RAM_BASE + 256 * PAGE);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_ADDR);
  wr(m, MEMCTL_P2M_BASE, 0x1000);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_ADDR);
  wr(m, MEMCTL_P2M_PAGES, 129);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_GPPN);
  CHECK_EQ(rd(m, MEMCTL_P2M_PAGES), 0);
  wr(m, MEMCTL_P2M_PAGES, 128);
  EXPECT_NO_ERROR(m);
  /* error interrupt */
  wr(m, MEMCTL_IRQ_ENABLE, MEMCTL_STATUS_ERROR);
  wr(m, MEMCTL_CUR_VMID, 7);
  CHECK_EQ(memctl_model_irq(m), 1);
  EXPECT_ERROR(m, MEMCTL_ERR_BAD_VMID);
  CHECK_EQ(memctl_model_irq(m), 0);
}

/* DRAM timing model: open-row policy, hit / miss / conflict latencies, refresh. */
static void test_dram(memctl_model_t *m) {
  memctl_model_config_t c = config(MEMCTL_ORG_TABLE, MEMCTL_BACKEND_DRAM);
  c.dram.t_hit = 2;
  c.dram.t_miss = 5;
  c.dram.t_conflict = 9;
  c.dram.t_refresh_interval = 1000;
  c.dram.t_refresh = 30;
  memctl_model_reconfigure(m, &c);
  /* rows of 2048 B interleaved over 4 banks: offset 0 = bank 0 row 0, 2048 = bank 1 row 0,
   * 8192 = bank 0 row 1 */
  CHECK_EQ(mread(m, MADDR(0, 0)).latency, 5);     /* miss */
  step(m, 10);
  CHECK_EQ(mread(m, MADDR(0, 4)).latency, 2);     /* hit */
  step(m, 10);
  CHECK_EQ(mread(m, MADDR(0, 2048)).latency, 5);  /* miss, bank 1 */
  step(m, 10);
  CHECK_EQ(mread(m, MADDR(2, 0)).latency, 9);     /* conflict: bank 0 row 1 */
  step(m, 10);
  CHECK_EQ(mread(m, MADDR(2, 100)).latency, 2);   /* hit on the new row */
  step(m, 10);
  CHECK_EQ(counter(m, CNT(ROW_HITS)), 2);
  CHECK_EQ(counter(m, CNT(ROW_MISSES)), 2);
  CHECK_EQ(counter(m, CNT(ROW_CONFLICTS)), 1);
  /* back-to-back accesses in one cycle: the back end serves one at a time */
  memctl_result_t a = acc_now(m, MADDR(2, 200), 0, 0, 3, 0), b = acc_now(m, MADDR(2, 204), 0, 0, 3, 0);
  CHECK(a.latency == 2 && b.latency == 4, "queued behind: %u %u", a.latency, b.latency);
  /* a guest access costs the same as the machine access (translation adds no cycle) */
  wr(m, MEMCTL_CTRL, MEMCTL_CTRL_ENABLE);
  set_entry(m, 0, 0, PTE(2, RWX));
  step(m, 10);
  CHECK_EQ(gread(m, GPA(0, 8)).latency, 2);
  CHECK_EQ(counter(m, CNT(REFRESHES)), 0);
  /* refresh at cycle 1000 for 30 cycles, then all banks closed */
  memctl_model_advance_to(m, 1005);
  CHECK_EQ(counter(m, CNT(REFRESHES)), 1);
  memctl_result_t r = mread(m, MADDR(2, 0));
  CHECK_EQ(r.latency, 1030 - 1005 + 5); /* waits for the refresh, then a miss */
  memctl_model_advance_to(m, 1100);
  CHECK_EQ(mread(m, MADDR(2, 4)).latency, 2);
  memctl_model_advance_to(m, 5100);
  CHECK_EQ(counter(m, CNT(REFRESHES)), 5);
  CHECK_EQ(mread(m, MADDR(2, 4)).latency, 5); /* closed by the refresh */
  /* an access just before a refresh is due runs first; the refresh waits for it */
  memctl_model_advance_to(m, 5999);
  CHECK_EQ(mread(m, MADDR(2, 8)).latency, 2);
  memctl_model_advance_to(m, 6001);
  /* the refresh due at 6000 started at 6001, when that access ended; 30 cycles, then a miss */
  CHECK_EQ(mread(m, MADDR(2, 8)).latency, 30 + 5);
  CHECK_EQ(counter(m, CNT(REFRESHES)), 6);

  /* org b over DRAM: the walk is one back-end read with its own row behaviour */
  c.org = MEMCTL_ORG_TLB;
  c.dram.t_refresh_interval = 0;
  memctl_model_reconfigure(m, &c);
  wr(m, MEMCTL_CTRL, MEMCTL_CTRL_ENABLE);
  setup_p2m(m);
  p2m_set(m, 0, 1, PTE(20, RWX));
  step(m, 20);
  r = gread(m, GPA(1, 0));
  /* walk: P2M page 200 (bank 0, row 50) was opened by the store above: hit 2; data page 20:
   * bank 0 row 5: conflict 9 */
  CHECK(r.walked && r.latency == 2 + 9, "walk over DRAM: %u", r.latency);
}

static void test_lifetime(memctl_model_t *m) {
  memctl_model_config_t c = config(MEMCTL_ORG_TABLE, MEMCTL_BACKEND_SRAM);
  /* time has advanced: SystemC cannot elaborate another instance */
  memctl_model_t *late = memctl_model_create(&c);
  CHECK(late == NULL, "a model created after the simulation started");
  CHECK(strstr(memctl_model_error(), "already started") != NULL, "error message: %s", memctl_model_error());
  /* bad configurations are refused with a reason */
  c.page_shift = 9;
  CHECK(memctl_model_reconfigure(m, &c) == -1 && strstr(memctl_model_error(), "page_shift"),
        "bad page shift: %s", memctl_model_error());
  c = config(MEMCTL_ORG_TLB, MEMCTL_BACKEND_SRAM);
  c.tlb_entries = 0;
  CHECK(memctl_model_reconfigure(m, &c) == -1, "tlb_entries 0 refused");
  /* the back door refuses ranges outside memory */
  CHECK(memctl_model_mem_write32 != NULL && memctl_model_mem_read(m, RAM_BASE + 256 * PAGE, &c, 4) == -1,
        "back door beyond memory");
  /* reset: power-on state */
  c = config(MEMCTL_ORG_TABLE, MEMCTL_BACKEND_SRAM);
  memctl_model_reconfigure(m, &c);
  wr(m, MEMCTL_CUR_VMID, 3);
  memctl_model_mem_write32(m, MADDR(1, 0), 5);
  memctl_model_reset(m);
  CHECK_EQ(rd(m, MEMCTL_CUR_VMID), 0);
  CHECK_EQ(memctl_model_mem_read32(m, MADDR(1, 0)), 0);
  CHECK_EQ(memctl_model_cycle(m), 0);
}

/* Two instances created up front run side by side on one clock. */
static void test_two_instances(memctl_model_t *a, memctl_model_t *b) {
  memctl_model_config_t c = config(MEMCTL_ORG_TABLE, MEMCTL_BACKEND_SRAM);
  memctl_model_reconfigure(a, &c);
  memctl_model_reconfigure(b, &c);
  memctl_model_mem_write32(a, MADDR(5, 0), 1);
  memctl_model_mem_write32(b, MADDR(5, 0), 2);
  cmd(a, MEMCTL_CMD_SCRUB, 5, 1);
  step(a, 2000); /* moves both */
  CHECK_EQ(memctl_model_cycle(b), 2000);
  CHECK_EQ(memctl_model_mem_read32(a, MADDR(5, 0)), 0);
  CHECK_EQ(memctl_model_mem_read32(b, MADDR(5, 0)), 2);
  CHECK(rd(a, MEMCTL_STATUS) & MEMCTL_STATUS_SCRUB_DONE, "a scrubbed");
  CHECK_EQ(rd(b, MEMCTL_STATUS), 0);
}

int main(void) {
  memctl_model_config_t c = config(MEMCTL_ORG_TABLE, MEMCTL_BACKEND_SRAM);
  memctl_model_t *m = memctl_model_create(&c);
  memctl_model_t *m2 = memctl_model_create(&c);
  if (!m || !m2) {
    fprintf(stderr, "memctl_model_create: %s\n", memctl_model_error());
    return 1;
  }
  test_id_config(m);
  test_table(m);
  test_tlb(m);
  test_inval_fence(m);
  test_scrub(m);
  test_errors(m);
  test_dram(m);
  test_two_instances(m, m2);
  test_lifetime(m);
  memctl_model_destroy(m2);
  CHECK(memctl_model_reset(m2) == -1, "a destroyed model is refused");
  if (failures) {
    printf("%d of %d checks failed\n", failures, checks);
    return 1;
  }
  printf("memctl model test passed (%d checks)\n", checks);
  return 0;
}
