/* Memory controller: register block (docs/memctl.md). Every refused write sets STATUS.ERROR with
 * the right ERROR code and changes nothing else (all registers are compared before and after);
 * ERROR keeps the first error; sub-word accesses are bus errors; reset values, writable bits,
 * COUNTER_CTRL. Runs on both organisations (the other organisation's registers are BAD_REG). */
#include "memctl_test.h"

/* Registers compared around every refused write (everything readable except the DRAM counters,
 * which count every access of the running program). */
static const uint32_t regs[] = {
    MEMCTL_ID, MEMCTL_CONFIG, MEMCTL_MEM_PAGES, MEMCTL_GUEST_PAGES, MEMCTL_CUR_VMID,
    MEMCTL_STATUS, MEMCTL_ERROR, MEMCTL_IRQ_ENABLE, MEMCTL_CMD_ARG0, MEMCTL_CMD_ARG1,
    MEMCTL_FENCE_SEQ, MEMCTL_LAST_FENCE_CYCLES, MEMCTL_FAULT_GPA, MEMCTL_FAULT_INFO, MEMCTL_CTRL,
    MEMCTL_TBL_VMID, MEMCTL_TBL_GPPN, MEMCTL_TBL_ENTRY, MEMCTL_P2M_SEL, MEMCTL_P2M_BASE,
    MEMCTL_P2M_PAGES, MEMCTL_CNT_TRANSLATIONS, MEMCTL_CNT_HITS, MEMCTL_CNT_MISSES,
    MEMCTL_CNT_WALK_CYCLES, MEMCTL_CNT_FAULTS, MEMCTL_CNT_INVALIDATIONS, MEMCTL_CNT_INVAL_CYCLES,
    MEMCTL_CNT_FENCES, MEMCTL_CNT_SCRUB_PAGES, MEMCTL_CNT_SCRUB_CYCLES};
#define NREGS (sizeof regs / sizeof regs[0])

static uint32_t snap[NREGS];
static int n_checked;

static void snapshot(void) {
  for (unsigned i = 0; i < NREGS; i++) snap[i] = mc_rd(regs[i]);
}

/* A write that must be refused with `err`: nothing but STATUS.ERROR / ERROR changes. */
static void refused(uint32_t off, uint32_t value, uint32_t err, int code) {
  snapshot();
  mc_wr(off, value);
  for (unsigned i = 0; i < NREGS; i++) {
    uint32_t now = mc_rd(regs[i]);
    if (regs[i] == MEMCTL_STATUS) {
      CHECK_EQ(now, snap[i] | MEMCTL_STATUS_ERROR, code);
    } else if (regs[i] == MEMCTL_ERROR) {
      CHECK_EQ(now, err, code);
    } else if (now != snap[i]) {
      printf("register 0x%03" PRIx32 ": 0x%08" PRIx32 " -> 0x%08" PRIx32 "\n", regs[i], snap[i], now);
      CHECK(0, code);
    }
  }
  CHECK_EQ(mc_take_error(), err, code);
  CHECK_EQ(mc_rd(MEMCTL_ERROR), 0, code);
  CHECK(!(mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_ERROR), code);
  n_checked++;
}

static volatile uint32_t sub_word_faults;
static void bus_error_trap(bm_trap_frame_t *f) {
  if (f->mcause == BM_CAUSE_LOAD_ACCESS || f->mcause == BM_CAUSE_STORE_ACCESS) {
    sub_word_faults++;
    f->mepc += 4;
    return;
  }
  bm_default_trap_handler(f);
}

int main(void) {
  mc_probe();
  printf("memctl: org %s, back end %s\n", mc_org_name(), mc_backend_name());

  /* Reset values. */
  CHECK_EQ(mc_rd(MEMCTL_STATUS), 0, 1);
  CHECK_EQ(mc_rd(MEMCTL_ERROR), 0, 2);
  CHECK_EQ(mc_rd(MEMCTL_IRQ_ENABLE), 0, 3);
  CHECK_EQ(mc_rd(MEMCTL_FENCE_SEQ), 0, 4);
  CHECK_EQ(mc_rd(MEMCTL_CTRL), 0, 5);
  CHECK_EQ(mc_rd(MEMCTL_CONFIG) >> 24, 0, 6);
  CHECK_EQ(mc_rd(MEMCTL_P2M_BASE), mc.org ? RAM_BASE : 0, 7);
  CHECK_EQ(mc_rd(MEMCTL_P2M_PAGES), 0, 8);
  CHECK_EQ(mc_rd(0x05C), 0, 9);               /* unknown offsets read 0 */
  CHECK_EQ(mc_rd(MEMCTL_CMD), 0, 10);         /* write-only registers read 0 */
  CHECK_EQ(mc_rd(MEMCTL_COUNTER_CTRL), 0, 11);

  /* Writable bits. */
  mc_wr(MEMCTL_IRQ_ENABLE, 0xffffffffu);
  CHECK_EQ(mc_rd(MEMCTL_IRQ_ENABLE), MEMCTL_STATUS_FENCE_DONE | MEMCTL_STATUS_SCRUB_DONE |
                                     MEMCTL_STATUS_ERROR | MEMCTL_STATUS_FAULT, 12);
  mc_wr(MEMCTL_IRQ_ENABLE, 0);
  mc_wr(MEMCTL_CTRL, 0xfffffffeu);
  CHECK_EQ(mc_rd(MEMCTL_CTRL), 0, 13);
  mc_wr(MEMCTL_CMD_ARG0, 0x12345678u);
  mc_wr(MEMCTL_CMD_ARG1, 0x9abcdef0u);
  CHECK_EQ(mc_rd(MEMCTL_CMD_ARG0), 0x12345678u, 14);
  CHECK_EQ(mc_rd(MEMCTL_CMD_ARG1), 0x9abcdef0u, 15);
  mc_wr(MEMCTL_CUR_VMID, mc.num_vms - 1);
  CHECK_EQ(mc_rd(MEMCTL_CUR_VMID), mc.num_vms - 1, 16);
  mc_wr(MEMCTL_STATUS, 0xffffffffu);          /* W1C of nothing set: no change, no error */
  CHECK_EQ(mc_rd(MEMCTL_STATUS), 0, 17);

  /* Organisation-specific registers hold something recognisable before the refused writes. */
  if (!mc.org) {
    mc_wr(MEMCTL_TBL_VMID, 2);
    mc_wr(MEMCTL_TBL_GPPN, 77);
    mc_wr(MEMCTL_TBL_ENTRY, 0x123400f6u);     /* V = 0: any MPN, reserved bits kept */
    CHECK_EQ(mc_rd(MEMCTL_TBL_ENTRY), 0x123400f6u, 18);
    mc_wr(MEMCTL_TBL_GPPN, 76);
    CHECK_EQ(mc_rd(MEMCTL_TBL_ENTRY), 0, 19);
    mc_wr(MEMCTL_TBL_GPPN, 77);
  } else {
    mc_wr(MEMCTL_P2M_SEL, 2);
    mc_wr(MEMCTL_P2M_BASE, RAM_BASE + 0x10000);
    mc_wr(MEMCTL_P2M_PAGES, 77);
    CHECK_EQ(mc_rd(MEMCTL_P2M_SEL), 2, 18);
    CHECK_EQ(mc_rd(MEMCTL_P2M_BASE), RAM_BASE + 0x10000, 19);
    CHECK_EQ(mc_rd(MEMCTL_P2M_PAGES), 77, 20);
    mc_wr(MEMCTL_P2M_SEL, 1);
    CHECK_EQ(mc_rd(MEMCTL_P2M_BASE), RAM_BASE, 21);
    mc_wr(MEMCTL_P2M_SEL, 2);
  }

  /* Read-only registers and unknown offsets: BAD_REG. */
  static const uint32_t ro[] = {MEMCTL_ID, MEMCTL_CONFIG, MEMCTL_MEM_PAGES, MEMCTL_GUEST_PAGES,
                                MEMCTL_ERROR, MEMCTL_FENCE_SEQ, MEMCTL_LAST_FENCE_CYCLES,
                                MEMCTL_FAULT_GPA, MEMCTL_FAULT_INFO, MEMCTL_CNT_TRANSLATIONS,
                                MEMCTL_CNT_REFRESHES, 0x04C, 0x05C, 0x060, 0x0F8, 0x138, 0x800, 0xFFC};
  for (unsigned i = 0; i < sizeof ro / sizeof ro[0]; i++) refused(ro[i], 0xffffffffu, MEMCTL_ERR_BAD_REG, 30);
  refused(MEMCTL_ID, 0, MEMCTL_ERR_BAD_REG, 31);

  /* CUR_VMID >= NUM_VMS. */
  refused(MEMCTL_CUR_VMID, mc.num_vms, MEMCTL_ERR_BAD_VMID, 32);
  refused(MEMCTL_CUR_VMID, 0xffffffffu, MEMCTL_ERR_BAD_VMID, 33);

  /* The organisation's own registers with bad values; the other organisation's: BAD_REG. */
  if (!mc.org) {
    refused(MEMCTL_TBL_VMID, mc.num_vms, MEMCTL_ERR_BAD_VMID, 40);
    refused(MEMCTL_TBL_GPPN, mc.guest_pages, MEMCTL_ERR_BAD_GPPN, 41);
    refused(MEMCTL_TBL_ENTRY, mc_pte(mc.mem_pages, MEMCTL_PTE_V | MEMCTL_PTE_W), MEMCTL_ERR_BAD_MPN, 42);
    refused(MEMCTL_TBL_ENTRY, mc_pte(0xffffff, MEMCTL_PTE_V), MEMCTL_ERR_BAD_MPN, 43);
    refused(MEMCTL_P2M_SEL, 0, MEMCTL_ERR_BAD_REG, 44);
    refused(MEMCTL_P2M_BASE, RAM_BASE, MEMCTL_ERR_BAD_REG, 45);
    refused(MEMCTL_P2M_PAGES, 1, MEMCTL_ERR_BAD_REG, 46);
    /* An entry with V and the last machine page is accepted. */
    mc_wr(MEMCTL_TBL_ENTRY, mc_pte(mc.mem_pages - 1, MEMCTL_PTE_V));
    CHECK_EQ(mc_take_error(), 0, 47);
    CHECK_EQ(mc_rd(MEMCTL_TBL_ENTRY), mc_pte(mc.mem_pages - 1, MEMCTL_PTE_V), 48);
  } else {
    refused(MEMCTL_P2M_SEL, mc.num_vms, MEMCTL_ERR_BAD_VMID, 40);
    refused(MEMCTL_P2M_BASE, RAM_BASE + 2, MEMCTL_ERR_BAD_ADDR, 41);
    refused(MEMCTL_P2M_BASE, RAM_BASE - 4, MEMCTL_ERR_BAD_ADDR, 42);
    refused(MEMCTL_P2M_BASE, RAM_BASE + (mc.mem_pages << mc.page_shift), MEMCTL_ERR_BAD_ADDR, 43);
    refused(MEMCTL_P2M_PAGES, mc.guest_pages + 1, MEMCTL_ERR_BAD_GPPN, 44);
    refused(MEMCTL_TBL_VMID, 0, MEMCTL_ERR_BAD_REG, 45);
    refused(MEMCTL_TBL_GPPN, 0, MEMCTL_ERR_BAD_REG, 46);
    refused(MEMCTL_TBL_ENTRY, 0, MEMCTL_ERR_BAD_REG, 47);
    mc_wr(MEMCTL_P2M_PAGES, mc.guest_pages);
    mc_wr(MEMCTL_P2M_BASE, RAM_BASE + (mc.mem_pages << mc.page_shift) - 4);
    CHECK_EQ(mc_take_error(), 0, 48);
  }
  CHECK_EQ(mc_rd(MEMCTL_TBL_ENTRY), mc.org ? 0 : mc_pte(mc.mem_pages - 1, MEMCTL_PTE_V), 49);

  /* Refused commands (CMD writes): nothing is enqueued. */
  mc_wr(MEMCTL_CMD_ARG0, 0);
  mc_wr(MEMCTL_CMD_ARG1, 0);
  refused(MEMCTL_CMD, 0, MEMCTL_ERR_BAD_CMD, 50);
  refused(MEMCTL_CMD, 7, MEMCTL_ERR_BAD_CMD, 51);
  refused(MEMCTL_CMD, 0x100 | MEMCTL_CMD_FENCE, MEMCTL_ERR_BAD_CMD, 52);
  mc_wr(MEMCTL_CMD_ARG0, mc.num_vms);
  refused(MEMCTL_CMD, MEMCTL_CMD_INVAL_PAGE, MEMCTL_ERR_BAD_VMID, 53);
  refused(MEMCTL_CMD, MEMCTL_CMD_INVAL_VM, MEMCTL_ERR_BAD_VMID, 54);
  mc_wr(MEMCTL_CMD_ARG0, 1);
  mc_wr(MEMCTL_CMD_ARG1, mc.guest_pages);
  refused(MEMCTL_CMD, MEMCTL_CMD_INVAL_PAGE, MEMCTL_ERR_BAD_GPPN, 55);
  mc_wr(MEMCTL_CMD_ARG0, mc.num_vms);
  refused(MEMCTL_CMD, MEMCTL_CMD_INVAL_PAGE, MEMCTL_ERR_BAD_VMID, 56);   /* VMID checked first */
  mc_wr(MEMCTL_CMD_ARG0, 0);
  mc_wr(MEMCTL_CMD_ARG1, 0);
  refused(MEMCTL_CMD, MEMCTL_CMD_SCRUB, MEMCTL_ERR_BAD_MPN, 57);

  /* ERROR keeps the first error; clearing STATUS.ERROR clears ERROR. */
  mc_wr(MEMCTL_CUR_VMID, 99);
  mc_wr(MEMCTL_ID, 0);
  mc_wr(MEMCTL_CMD, 0);
  CHECK_EQ(mc_rd(MEMCTL_ERROR), MEMCTL_ERR_BAD_VMID, 60);
  CHECK_EQ(mc_take_error(), MEMCTL_ERR_BAD_VMID, 61);
  CHECK_EQ(mc_rd(MEMCTL_ERROR), 0, 62);
  mc_wr(MEMCTL_ID, 0);
  CHECK_EQ(mc_rd(MEMCTL_ERROR), MEMCTL_ERR_BAD_REG, 63);
  mc_wr(MEMCTL_STATUS, MEMCTL_STATUS_FENCE_DONE);  /* other W1C bits leave ERROR alone */
  CHECK_EQ(mc_rd(MEMCTL_ERROR), MEMCTL_ERR_BAD_REG, 64);
  CHECK_EQ(mc_take_error(), MEMCTL_ERR_BAD_REG, 65);

  /* Interrupt on ERROR: STATUS.ERROR & IRQ_ENABLE -> PLIC source pending. */
  volatile uint32_t *plic = (volatile uint32_t *)(uintptr_t)PLIC_BASE;
  mc_wr(MEMCTL_IRQ_ENABLE, MEMCTL_STATUS_ERROR);
  CHECK_EQ(plic[PLIC_PENDING >> 2] & (1u << PLIC_IRQ_MEMCTL), 0, 66);
  mc_wr(MEMCTL_ID, 0);
  CHECK(plic[PLIC_PENDING >> 2] & (1u << PLIC_IRQ_MEMCTL), 67);
  mc_take_error();
  mc_wr(MEMCTL_IRQ_ENABLE, 0);

  /* Sub-word accesses: bus errors (access faults), no effect, no ERROR. */
  bm_set_trap_handler(bus_error_trap);
  uint32_t vmid = mc_rd(MEMCTL_CUR_VMID);
  *(volatile uint8_t *)(uintptr_t)(MEMCTL_BASE + MEMCTL_CUR_VMID) = 0;
  *(volatile uint16_t *)(uintptr_t)(MEMCTL_BASE + MEMCTL_ID) = 0;
  (void)*(volatile uint8_t *)(uintptr_t)(MEMCTL_BASE + MEMCTL_ID);
  (void)*(volatile uint16_t *)(uintptr_t)(MEMCTL_BASE + MEMCTL_ID + 2);
  bm_set_trap_handler(NULL);
  CHECK_EQ(sub_word_faults, 4, 70);
  CHECK_EQ(mc_rd(MEMCTL_CUR_VMID), vmid, 71);
  CHECK_EQ(mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_ERROR, 0, 72);

  /* COUNTER_CTRL: 1 clears every counter, 0 does nothing. */
  mc_wr(MEMCTL_CMD, MEMCTL_CMD_FENCE);
  while (mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_CMD_BUSY) {
  }
  CHECK_EQ(mc_rd(MEMCTL_CNT_FENCES) != 0, 1, 80);
  mc_wr(MEMCTL_COUNTER_CTRL, 0);
  CHECK(mc_rd(MEMCTL_CNT_FENCES) != 0, 81);
  mc_wr(MEMCTL_COUNTER_CTRL, 1);
  for (uint32_t off = MEMCTL_COUNTER_BASE; off < MEMCTL_COUNTER_BASE + 4 * MEMCTL_NUM_COUNTERS; off += 4) {
    if (off >= MEMCTL_CNT_ROW_HITS && off <= MEMCTL_CNT_REFRESHES) continue;  /* count on */
    CHECK_EQ(mc_rd(off), 0, 82);
  }
  CHECK_EQ(mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_ERROR, 0, 83);
  /* The DRAM counters count only with the DRAM model. */
  uint32_t rows = mc_rd(MEMCTL_CNT_ROW_HITS) + mc_rd(MEMCTL_CNT_ROW_MISSES) + mc_rd(MEMCTL_CNT_ROW_CONFLICTS);
  CHECK(mc.backend ? rows > 0 : rows == 0, 84);

  printf("%d refused writes checked\n", n_checked);
  printf("PASS memctl_regs\n");
  return 0;
}
