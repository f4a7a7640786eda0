/* Memory controller latency benchmarks (docs/memctl.md, "Measured"), measured with mcycle/cycle
 * and the controller's own counters. Prints one "MCB key=value" line per result; the script
 * scripts/bench-memctl.sh runs it for every organisation x back end and makes the tables.
 *
 *   load_m / load_mprv / load_s    cycles per load in a loop of 8 loads per iteration, from
 *                                  M-mode (untranslated), M-mode with MPRV (guest data accesses,
 *                                  translated, TLB warm) and S-mode (fetch and data translated)
 *   hit_added                      load_mprv - load_m: cycles a translation hit adds to a load
 *   miss_added, walk_cycles        org b: extra cycles of a load whose translation misses (cold
 *                                  minus warm pass over 16 pages), and WALK_CYCLES per MISS
 *   inval1_hw, inval1_sw           one INVAL_PAGE + FENCE: LAST_FENCE_CYCLES, and mcycle from
 *                                  the first command write until software sees FENCE_SEQ change
 *   inval256_hw, inval256_sw       the same for 256 INVAL_PAGE behind one FENCE
 *   scrub1_idle, scrub16_idle      SCRUB_CYCLES per page while the core waits in WFI
 *   scrub1_busy                    SCRUB_CYCLES per page while the core polls STATUS
 */
#include "memctl_test.h"

#define VM 1u
#define G_BENCH 64u
#define M_BENCH 1000u
#define ITERS 256u

uint32_t bench_loads(uint32_t addr, uint32_t iters);
uint32_t bench_loads_mprv(uint32_t addr, uint32_t iters);
uint32_t bench_touch(uint32_t addr, uint32_t stride, uint32_t n, uint32_t mprv);

static uint32_t guest_loads(uint32_t iters) { return bench_loads(mc_page_addr(G_BENCH), iters); }

static void result(const char *key, uint32_t num, uint32_t den) {
  /* fixed point with 3 decimals, printf of floats is not worth its size here */
  uint32_t milli = (uint32_t)(((uint64_t)num * 1000 + den / 2) / den);
  printf("MCB %s=%" PRIu32 ".%03" PRIu32 "\n", key, milli / 1000, milli % 1000);
}

static void result_signed(const char *key, int32_t num, uint32_t den) {
  if (num < 0) {
    uint32_t milli = (uint32_t)(((uint64_t)(uint32_t)(-num) * 1000 + den / 2) / den);
    printf("MCB %s=-%" PRIu32 ".%03" PRIu32 "\n", key, milli / 1000, milli % 1000);
  } else {
    result(key, (uint32_t)num, den);
  }
}

static void set_mpp(uint32_t mpp) {
  bm_csr_clear(mstatus, MT_MPP_MASK);
  bm_csr_set(mstatus, mpp << 11);
}

/* Waits for STATUS.SCRUB_DONE in WFI (memctl irq -> PLIC -> mip.MEIP; MIE = 0, nothing taken). */
static void wait_scrub_wfi(void) {
  while (!(mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_SCRUB_DONE)) __asm__ volatile("wfi");
  mc_wr(MEMCTL_STATUS, MEMCTL_STATUS_SCRUB_DONE);
  volatile uint32_t *plic = (volatile uint32_t *)(uintptr_t)PLIC_BASE;
  uint32_t id = plic[(PLIC_CONTEXT + PLIC_CLAIM) >> 2];
  if (id) plic[(PLIC_CONTEXT + PLIC_CLAIM) >> 2] = id;
}

int main(void) {
  bm_set_trap_handler(mt_trap);
  mc_probe();
  printf("MCB org=%s\nMCB backend=%s\n", mc_org_name(), mc_backend_name());
  bm_csr_write(mcounteren, 1);   /* S-mode may read cycle */

  mt_guest_identity(VM, MT_IMAGE_PAGES(mc.page_shift));
  for (uint32_t i = 0; i < 32; i++) {
    mc_set(VM, G_BENCH + i, mc_pte(M_BENCH + i, MEMCTL_PTE_V | MEMCTL_PTE_W | MEMCTL_PTE_D));
  }
  uint32_t m_addr = mc_page_addr(M_BENCH), g_addr = mc_page_addr(G_BENCH);
  uint32_t n = ITERS * 8;

  /* Translation hit. Each run twice, the second one counts (warm TLB, same alignment). */
  set_mpp(1);
  bench_loads(m_addr, ITERS);
  uint32_t c_m = bench_loads(m_addr, ITERS);
  bench_loads_mprv(g_addr, ITERS);
  uint32_t c_g = bench_loads_mprv(g_addr, ITERS);
  guest_call(guest_loads, ITERS);
  uint32_t c_s = guest_call(guest_loads, ITERS);
  uint32_t c_s_m = bench_loads(m_addr, ITERS);   /* same loop, M-mode, for the S-mode row */
  set_mpp(3);
  CHECK_EQ(mt_fault.count, 0, 1);
  result("load_m", c_m, n);
  result("load_mprv", c_g, n);
  result("load_s", c_s, n);
  result_signed("hit_added", (int32_t)(c_g - c_m), n);
  result_signed("hit_added_s", (int32_t)(c_s - c_s_m), n);

  /* TLB miss (org b): 16 pages, one load each, cold (after INVAL_ALL) and warm. */
  if (mc.org) {
    uint32_t pages = mc.tlb_entries < 32 ? mc.tlb_entries : 32;
    set_mpp(1);
    mc_cmd(MEMCTL_CMD_INVAL_ALL, 0, 0);
    mc_fence();
    uint32_t misses0 = mc_rd(MEMCTL_CNT_MISSES), walk0 = mc_rd(MEMCTL_CNT_WALK_CYCLES);
    uint32_t cold = bench_touch(g_addr, mc.page, pages, 1);
    uint32_t misses = mc_rd(MEMCTL_CNT_MISSES) - misses0, walk = mc_rd(MEMCTL_CNT_WALK_CYCLES) - walk0;
    uint32_t warm = bench_touch(g_addr, mc.page, pages, 1);
    uint32_t warm_m = bench_touch(m_addr, mc.page, pages, 0);
    set_mpp(3);
    CHECK_EQ(misses, pages, 2);
    result_signed("miss_added", (int32_t)(cold - warm), pages);
    result("walk_cycles", walk, misses);
    result("touch_warm", warm, pages);
    result("touch_m", warm_m, pages);
  }

  /* Invalidation: one page, then 256 behind one fence (entries are left valid: only the timing
   * of the commands is measured). */
  uint32_t seq = mc_rd(MEMCTL_FENCE_SEQ);
  uint32_t t0 = bm_read_mcycle32();
  mc_wr(MEMCTL_CMD_ARG0, VM);
  mc_wr(MEMCTL_CMD_ARG1, G_BENCH);
  mc_wr(MEMCTL_CMD, MEMCTL_CMD_INVAL_PAGE);
  mc_wr(MEMCTL_CMD, MEMCTL_CMD_FENCE);
  while (mc_rd(MEMCTL_FENCE_SEQ) == seq) {
  }
  uint32_t t1 = bm_read_mcycle32();
  printf("MCB inval1_hw=%" PRIu32 "\nMCB inval1_sw=%" PRIu32 "\n", mc_rd(MEMCTL_LAST_FENCE_CYCLES), t1 - t0);

  seq = mc_rd(MEMCTL_FENCE_SEQ);
  t0 = bm_read_mcycle32();
  mc_wr(MEMCTL_CMD_ARG0, VM);
  for (uint32_t i = 0; i < 256; i++) {
    mc_wr(MEMCTL_CMD_ARG1, i);
    mc_wr(MEMCTL_CMD, MEMCTL_CMD_INVAL_PAGE);
  }
  mc_wr(MEMCTL_CMD, MEMCTL_CMD_FENCE);
  while (mc_rd(MEMCTL_FENCE_SEQ) == seq) {
  }
  t1 = bm_read_mcycle32();
  CHECK_EQ(mc_take_error(), 0, 3);
  printf("MCB inval256_hw=%" PRIu32 "\nMCB inval256_sw=%" PRIu32 "\n", mc_rd(MEMCTL_LAST_FENCE_CYCLES), t1 - t0);

  /* Scrubber. */
  volatile uint32_t *plic = (volatile uint32_t *)(uintptr_t)PLIC_BASE;
  plic[(PLIC_PRIORITY >> 2) + PLIC_IRQ_MEMCTL] = 1;
  plic[PLIC_ENABLE >> 2] = 1u << PLIC_IRQ_MEMCTL;
  plic[(PLIC_CONTEXT + PLIC_THRESHOLD) >> 2] = 0;
  bm_csr_clear(mstatus, 1u << 3);   /* MIE = 0 (MRETs of the guest calls set it): WFI wakes, no trap */
  bm_csr_set(mie, 1u << 11);
  mc_wr(MEMCTL_IRQ_ENABLE, MEMCTL_STATUS_SCRUB_DONE);

  uint32_t s0 = mc_rd(MEMCTL_CNT_SCRUB_CYCLES);
  mc_cmd(MEMCTL_CMD_SCRUB, 4000, 1);
  wait_scrub_wfi();
  result("scrub1_idle", mc_rd(MEMCTL_CNT_SCRUB_CYCLES) - s0, 1);
  s0 = mc_rd(MEMCTL_CNT_SCRUB_CYCLES);
  mc_cmd(MEMCTL_CMD_SCRUB, 4000, 16);
  wait_scrub_wfi();
  result("scrub16_idle", mc_rd(MEMCTL_CNT_SCRUB_CYCLES) - s0, 16);
  mc_wr(MEMCTL_IRQ_ENABLE, 0);
  bm_csr_clear(mie, 1u << 11);
  s0 = mc_rd(MEMCTL_CNT_SCRUB_CYCLES);
  mc_cmd(MEMCTL_CMD_SCRUB, 4000, 1);
  mc_scrub_wait();
  result("scrub1_busy", mc_rd(MEMCTL_CNT_SCRUB_CYCLES) - s0, 1);

  if (mc.backend) {
    printf("MCB row_hits=%" PRIu32 "\nMCB row_misses=%" PRIu32 "\nMCB row_conflicts=%" PRIu32
           "\nMCB refreshes=%" PRIu32 "\n", mc_rd(MEMCTL_CNT_ROW_HITS), mc_rd(MEMCTL_CNT_ROW_MISSES),
           mc_rd(MEMCTL_CNT_ROW_CONFLICTS), mc_rd(MEMCTL_CNT_REFRESHES));
  }
  mc_wr(MEMCTL_CTRL, 0);
  bm_set_trap_handler(NULL);
  printf("PASS bench_memctl\n");
  return 0;
}
