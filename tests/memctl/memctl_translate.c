/* Memory controller: translation of guest accesses and translation faults (docs/memctl.md).
 * M-mode firmware that maps guest pages, enables translation, runs code in S-mode and checks:
 * translated fetch/load/store through remapped pages, the dirty bit, faults on unmapped, read-only,
 * non-executable, out-of-window, device and (org b) beyond-memory pages with mcause, mtval,
 * FAULT_GPA and FAULT_INFO, and the TRANSLATIONS / HITS / FAULTS counters. Runs on both
 * organisations and both back ends (CONFIG says which). */
#include "memctl_test.h"

#define VM 1u
#define G_DATA 64u     /* -> M_DATA, V|W */
#define G_RO 65u       /* -> M_RO, V */
#define G_FRESH 66u    /* -> M_FRESH, V|W, for the dirty bit */
#define G_CODE 67u     /* -> M_DATA, V|X: executes what M wrote there */
#define G_NONE 68u     /* V = 0 */
#define G_BEYOND 69u   /* org b: V|W with an MPN beyond memory */
#define M_DATA 1000u
#define M_RO 1001u
#define M_FRESH 1002u

static uint32_t add_one(uint32_t x) { return x + 1; }
static uint32_t sum_words(uint32_t addr) {
  volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)addr;
  uint32_t s = 0;
  for (int i = 0; i < 16; i++) s += p[i];
  return s;
}
static uint32_t call_at(uint32_t addr) { return ((uint32_t(*)(uint32_t))(uintptr_t)addr)(7); }
static uint32_t g_lw_guest(uint32_t addr) { return g_lw(addr); }
uint32_t store_cafe(uint32_t addr);

static uint32_t expected_faults;

/* A guest load/store/call that must fault with `cause` and FAULT_INFO `info` at `gpa`. */
static void expect_fault(uint32_t cause, uint32_t gpa, uint32_t info, int code) {
  static uint32_t traps;
  CHECK_EQ(mt_fault.count, ++traps, code);
  CHECK_EQ(mt_fault.cause, cause, code);
  CHECK_EQ(mt_fault.tval, gpa, code);
  CHECK_EQ(mt_fault.info, info, code);
  CHECK(mt_fault.status & MEMCTL_STATUS_FAULT, code);
  if (cause == BM_CAUSE_FETCH_ACCESS) {
    /* The fetch unit may have fetched ahead (gpa + 4, + 8) before the fault reached it: those
     * faults are recorded too, so FAULT_GPA may be a little past mtval (same page). */
    CHECK(mt_fault.gpa >= gpa && mt_fault.gpa - gpa <= 8, code);
    uint32_t n = mc_rd(MEMCTL_CNT_FAULTS);
    CHECK(n >= expected_faults + 1 && n <= expected_faults + 3, code);
    expected_faults = n;
  } else {
    CHECK_EQ(mt_fault.gpa, gpa, code);
    expected_faults++;
    CHECK_EQ(mc_rd(MEMCTL_CNT_FAULTS), expected_faults, code);
  }
  mc_wr(MEMCTL_STATUS, MEMCTL_STATUS_FAULT);
  CHECK(!(mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_FAULT), code);
}

int main(void) {
  bm_set_trap_handler(mt_trap);
  mc_probe();
  printf("memctl: org %s, back end %s, %" PRIu32 " machine pages of %" PRIu32 " bytes\n",
         mc_org_name(), mc_backend_name(), mc.mem_pages, mc.page);

  /* Identification and reset state. */
  CHECK_EQ(mc_rd(MEMCTL_ID), MEMCTL_ID_VALUE, 1);
  CHECK_EQ(mc.page_shift, 12, 2);
  CHECK_EQ(mc.num_vms, 4, 3);
  CHECK_EQ(mc.tlb_entries, mc.org ? 16 : 0, 4);
  CHECK_EQ(mc.mem_pages, (64u << 20) >> 12, 5);  /* socsim default: 64 MiB */
  CHECK_EQ(mc.guest_pages, 4096, 6);
  CHECK_EQ(mc_rd(MEMCTL_CTRL), 0, 7);
  CHECK_EQ(mc_rd(MEMCTL_CUR_VMID), 0, 8);
  CHECK_EQ(mc_rd(MEMCTL_STATUS), 0, 9);

  /* Translation off (reset): S-mode accesses are untranslated and not counted. */
  mc_wr(MEMCTL_COUNTER_CTRL, 1);
  CHECK_EQ(guest_call(add_one, 41), 42, 10);
  volatile uint32_t *mdata = (volatile uint32_t *)(uintptr_t)mc_page_addr(M_DATA);
  for (int i = 0; i < 16; i++) mdata[i] = 0x100u + (uint32_t)i;
  CHECK_EQ(guest_call(sum_words, mc_page_addr(M_DATA)), 16 * 0x100 + 120, 11);
  CHECK_EQ(mc_rd(MEMCTL_CNT_TRANSLATIONS), 0, 12);

  /* Map the image 1:1 plus the test pages, enable translation for VM 1. */
  uint32_t image = MT_IMAGE_PAGES(mc.page_shift);
  mt_guest_identity(VM, image);
  mc_set(VM, G_DATA, mc_pte(M_DATA, MEMCTL_PTE_V | MEMCTL_PTE_W));
  mc_set(VM, G_RO, mc_pte(M_RO, MEMCTL_PTE_V));
  mc_set(VM, G_FRESH, mc_pte(M_FRESH, MEMCTL_PTE_V | MEMCTL_PTE_W));
  mc_set(VM, G_CODE, mc_pte(M_DATA, MEMCTL_PTE_V | MEMCTL_PTE_X));
  mc_set(VM, G_BEYOND, mc.org ? mc_pte(mc.mem_pages + 3, MEMCTL_PTE_V | MEMCTL_PTE_W) : 0);
  CHECK_EQ(mc_rd(MEMCTL_CTRL), MEMCTL_CTRL_ENABLE, 13);
  CHECK_EQ(mc_rd(MEMCTL_CUR_VMID), VM, 14);
  mc_wr(MEMCTL_COUNTER_CTRL, 1);

  /* Guest code runs translated (fetch, stack, data). */
  CHECK_EQ(guest_call(add_one, 1), 2, 20);
  uint32_t t = mc_rd(MEMCTL_CNT_TRANSLATIONS);
  CHECK(t > 0, 21);
  CHECK_EQ(mc_rd(MEMCTL_CNT_FAULTS), 0, 22);
  /* Org a: every lookup of a valid entry is a hit. Org b: hits + misses account for them all. */
  if (!mc.org) CHECK_EQ(mc_rd(MEMCTL_CNT_HITS), t, 23);
  else CHECK(mc_rd(MEMCTL_CNT_MISSES) > 0 && mc_rd(MEMCTL_CNT_HITS) + mc_rd(MEMCTL_CNT_MISSES) >= t, 23);

  /* Remapped data page: guest page G_DATA reads machine page M_DATA. */
  uint32_t gdata = mc_page_addr(G_DATA);
  CHECK_EQ(guest_call(sum_words, gdata), 16 * 0x100 + 120, 30);
  CHECK_EQ(guest_call(g_lw_guest, gdata + 8), 0x102, 31);
  /* Stores land in the machine page, not in the identity page of the same number. */
  volatile uint32_t *mid = (volatile uint32_t *)(uintptr_t)mc_page_addr(G_DATA);
  mid[1] = 0x5a5a5a5a;
  /* g_sw from the guest: store_cafe stores 0xcafe0001. */
  CHECK_EQ(guest_call(store_cafe, gdata + 4), 0, 32);
  CHECK_EQ(mdata[1], 0xcafe0001, 33);
  CHECK_EQ(mid[1], 0x5a5a5a5a, 34);
  CHECK_EQ(mt_fault.count, 0, 35);

  /* Dirty bit: set by the first write, not by reads. */
  CHECK_EQ(mc_get(VM, G_DATA) & MEMCTL_PTE_D, MEMCTL_PTE_D, 40);
  CHECK_EQ(guest_call(g_lw_guest, mc_page_addr(G_FRESH)), 0, 41);
  CHECK_EQ(mc_get(VM, G_FRESH), mc_pte(M_FRESH, MEMCTL_PTE_V | MEMCTL_PTE_W), 42);
  CHECK_EQ(guest_call(store_cafe, mc_page_addr(G_FRESH) + 12), 0, 43);
  CHECK_EQ(mc_get(VM, G_FRESH), mc_pte(M_FRESH, MEMCTL_PTE_V | MEMCTL_PTE_W | MEMCTL_PTE_D), 44);
  CHECK_EQ(*(volatile uint32_t *)(uintptr_t)(mc_page_addr(M_FRESH) + 12), 0xcafe0001, 45);
  /* The identity-mapped stack pages got their D bits too. */
  CHECK(mc_get(VM, (0x20000u >> mc.page_shift) - 1) & MEMCTL_PTE_D, 46);

  /* Execute from a remapped page: M writes "li a0, 0x123; ret" into M_DATA, the guest calls
   * it through G_CODE (V|X). */
  mdata[0] = 0x12300513u;  /* addi a0, zero, 0x123 */
  mdata[1] = 0x00008067u;  /* jalr zero, 0(ra) */
  __asm__ volatile("fence.i" ::: "memory");
  CHECK_EQ(guest_call(call_at, mc_page_addr(G_CODE)), 0x123, 50);
  CHECK_EQ(mt_fault.count, 0, 51);

  /* Faults. */
  mc_wr(MEMCTL_COUNTER_CTRL, 1);
  expected_faults = 0;
  /* Unmapped page (V = 0): load access fault, reason INVALID. */
  guest_call(g_lw_guest, mc_page_addr(G_NONE) + 0x10);
  expect_fault(BM_CAUSE_LOAD_ACCESS, mc_page_addr(G_NONE) + 0x10, mt_info(VM, 0, 0, MEMCTL_FAULT_INVALID), 60);
  guest_call(store_cafe, mc_page_addr(G_NONE) + 0x20);
  expect_fault(BM_CAUSE_STORE_ACCESS, mc_page_addr(G_NONE) + 0x20, mt_info(VM, 1, 0, MEMCTL_FAULT_INVALID), 61);
  /* Read-only page: reads work, writes fault with reason WRITE. */
  *(volatile uint32_t *)(uintptr_t)mc_page_addr(M_RO) = 0x77;
  CHECK_EQ(guest_call(g_lw_guest, mc_page_addr(G_RO)), 0x77, 62);
  guest_call(store_cafe, mc_page_addr(G_RO) + 4);
  expect_fault(BM_CAUSE_STORE_ACCESS, mc_page_addr(G_RO) + 4, mt_info(VM, 1, 0, MEMCTL_FAULT_WRITE), 63);
  CHECK_EQ(*(volatile uint32_t *)(uintptr_t)(mc_page_addr(M_RO) + 4), 0, 64);
  CHECK_EQ(mc_get(VM, G_RO), mc_pte(M_RO, MEMCTL_PTE_V), 65);  /* no D on a refused write */
  /* Non-executable page: instruction access fault, reason EXEC, mtval = the target. */
  CHECK_EQ(guest_call(call_at, gdata), 7, 66);  /* the handler returns to the caller: a0 = 7 */
  expect_fault(BM_CAUSE_FETCH_ACCESS, gdata, mt_info(VM, 0, 1, MEMCTL_FAULT_EXEC), 67);
  /* Outside the guest window, above and below. */
  uint32_t above = RAM_BASE + (mc.guest_pages << mc.page_shift);
  guest_call(g_lw_guest, above);
  expect_fault(BM_CAUSE_LOAD_ACCESS, above, mt_info(VM, 0, 0, MEMCTL_FAULT_INVALID), 68);
  guest_call(g_lw_guest, RAM_BASE - 8);
  expect_fault(BM_CAUSE_LOAD_ACCESS, RAM_BASE - 8, mt_info(VM, 0, 0, MEMCTL_FAULT_INVALID), 69);
  /* A device address: the guest's UART access faults (the VMM would emulate it). */
  guest_call(g_lw_guest, UART0_BASE + 4);
  expect_fault(BM_CAUSE_LOAD_ACCESS, UART0_BASE + 4, mt_info(VM, 0, 0, MEMCTL_FAULT_INVALID), 70);
  guest_call(store_cafe, FINISHER_BASE);
  expect_fault(BM_CAUSE_STORE_ACCESS, FINISHER_BASE, mt_info(VM, 1, 0, MEMCTL_FAULT_INVALID), 71);
  if (mc.org) {
    /* Entry naming a machine page beyond memory: reason MACHINE. */
    guest_call(g_lw_guest, mc_page_addr(G_BEYOND));
    expect_fault(BM_CAUSE_LOAD_ACCESS, mc_page_addr(G_BEYOND), mt_info(VM, 0, 0, MEMCTL_FAULT_MACHINE), 72);
    /* GPPN >= P2M_PAGES: INVALID without a walk. */
    mc_wr(MEMCTL_P2M_SEL, VM);
    mc_wr(MEMCTL_P2M_PAGES, 100);
    uint32_t misses = mc_rd(MEMCTL_CNT_MISSES);
    guest_call(g_lw_guest, mc_page_addr(100));
    expect_fault(BM_CAUSE_LOAD_ACCESS, mc_page_addr(100), mt_info(VM, 0, 0, MEMCTL_FAULT_INVALID), 73);
    CHECK_EQ(mc_rd(MEMCTL_CNT_MISSES), misses, 74);
    mc_wr(MEMCTL_P2M_PAGES, mc.guest_pages);
  } else {
    /* Org a refuses such an entry (the register test checks the error). */
    CHECK_EQ(mc_get(VM, G_BEYOND), 0, 72);
  }
  /* Another VM: VM 2 has nothing mapped but its own code page... switching CUR_VMID while the
   * guest is not running changes the table used. */
  mc_setup_vm(2);
  for (uint32_t g = 0; g < image; g++) mc_set(2, g, mc_pte(g, MEMCTL_PTE_V | MEMCTL_PTE_X | MEMCTL_PTE_W));
  mc_set(2, G_DATA, mc_pte(M_RO, MEMCTL_PTE_V));
  mc_wr(MEMCTL_CUR_VMID, 2);
  CHECK_EQ(guest_call(g_lw_guest, gdata), 0x77, 75);     /* VM 2's G_DATA is M_RO */
  guest_call(g_lw_guest, mc_page_addr(G_FRESH));
  expect_fault(BM_CAUSE_LOAD_ACCESS, mc_page_addr(G_FRESH), mt_info(2, 0, 0, MEMCTL_FAULT_INVALID), 76);
  mc_wr(MEMCTL_CUR_VMID, VM);
  CHECK_EQ(guest_call(g_lw_guest, gdata + 8), 0x102, 77);

  /* Translation off again: the same S-mode load reads machine memory directly. */
  mc_wr(MEMCTL_CTRL, 0);
  CHECK_EQ(guest_call(g_lw_guest, mc_page_addr(M_DATA) + 8), 0x102, 80);
  CHECK_EQ(mc_rd(MEMCTL_CNT_FAULTS), expected_faults, 81);
  CHECK_EQ(mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_ERROR, 0, 82);

  bm_set_trap_handler(NULL);
  printf("%" PRIu32 " guest faults checked\n", expected_faults);
  printf("PASS memctl_translate\n");
  return 0;
}

/* Guest helper: stores 0xcafe0001 at addr, returns 0. */
uint32_t store_cafe(uint32_t addr) {
  g_sw(addr, 0xcafe0001u);
  return 0;
}
