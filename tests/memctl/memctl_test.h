/* Helpers of the memory controller test programs and benchmarks (tests/memctl): register
 * access, organisation-independent mapping, commands, guest (S-mode) calls and the trap handler
 * that records guest faults. docs/memctl.md is the specification. */
#ifndef MEMCTL_TEST_H
#define MEMCTL_TEST_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "baremetal.h"
#include "check.h"
#include "soc_memory_map.h"

#define MC_REG(off) (*(volatile uint32_t *)(uintptr_t)(MEMCTL_BASE + (off)))
#define MC_CNT(off) MC_REG(off)

static __attribute__((unused)) inline uint32_t mc_rd(uint32_t off) { return MC_REG(off); }
static __attribute__((unused)) inline void mc_wr(uint32_t off, uint32_t v) { MC_REG(off) = v; }

/* ------------------------------------------------------------------ configuration */
typedef struct {
  int org;              /* 0 table, 1 TLB */
  int backend;          /* 0 SRAM, 1 DRAM */
  uint32_t page_shift, page, mem_pages, guest_pages, num_vms, tlb_entries;
} mc_info_t;

static mc_info_t mc;

static __attribute__((unused)) inline uint32_t mc_page_addr(uint32_t pn) { return RAM_BASE + (pn << mc.page_shift); }

static __attribute__((unused)) void mc_probe(void) {
  uint32_t cfg = mc_rd(MEMCTL_CONFIG);
  mc.org = cfg & MEMCTL_CONFIG_ORG_TLB;
  mc.page_shift = (cfg >> MEMCTL_CONFIG_PAGE_SHIFT_LSB) & 0x1f;
  mc.num_vms = (cfg >> MEMCTL_CONFIG_VMS_LSB) & 0x1f;
  mc.tlb_entries = (cfg >> MEMCTL_CONFIG_TLB_LSB) & 0xff;
  mc.backend = (cfg >> MEMCTL_CONFIG_BACKEND_LSB) & 3;
  mc.page = 1u << mc.page_shift;
  mc.mem_pages = mc_rd(MEMCTL_MEM_PAGES);
  mc.guest_pages = mc_rd(MEMCTL_GUEST_PAGES);
}

static const char *mc_org_name(void) { return mc.org ? "tlb" : "table"; }
static const char *mc_backend_name(void) { return mc.backend ? "dram" : "sram"; }

/* ------------------------------------------------------------------ P2M entries
 * Org a: the on-chip table through TBL_*. Org b: flat tables in machine memory, one per VM, at
 * machine page MT_P2M_MPN + vm * (pages of one table); P2M_PAGES = GUEST_PAGES. */
#define MT_P2M_MPN 8000u

static __attribute__((unused)) inline uint32_t mc_pte(uint32_t mpn, uint32_t flags) {
  return (mpn << MEMCTL_PTE_MPN_SHIFT) | flags;
}

static volatile uint32_t *mc_p2m_word(uint32_t vm, uint32_t gppn) {
  uint32_t table_pages = (mc.guest_pages * 4 + mc.page - 1) >> mc.page_shift;
  return (volatile uint32_t *)(uintptr_t)(mc_page_addr(MT_P2M_MPN + vm * table_pages) + 4 * gppn);
}

/* Org b: points VM vm at its (cleared) table. */
static __attribute__((unused)) void mc_setup_vm(uint32_t vm) {
  if (!mc.org) return;
  volatile uint32_t *t = mc_p2m_word(vm, 0);
  for (uint32_t i = 0; i < mc.guest_pages; i++) t[i] = 0;
  mc_wr(MEMCTL_P2M_SEL, vm);
  mc_wr(MEMCTL_P2M_BASE, (uint32_t)(uintptr_t)t);
  mc_wr(MEMCTL_P2M_PAGES, mc.guest_pages);
}

/* Writes an entry (no invalidation: the caller does that where the spec requires it). */
static __attribute__((unused)) void mc_set(uint32_t vm, uint32_t gppn, uint32_t entry) {
  if (mc.org) {
    *mc_p2m_word(vm, gppn) = entry;
  } else {
    mc_wr(MEMCTL_TBL_VMID, vm);
    mc_wr(MEMCTL_TBL_GPPN, gppn);
    mc_wr(MEMCTL_TBL_ENTRY, entry);
  }
}

static __attribute__((unused)) uint32_t mc_get(uint32_t vm, uint32_t gppn) {
  if (mc.org) return *mc_p2m_word(vm, gppn);
  mc_wr(MEMCTL_TBL_VMID, vm);
  mc_wr(MEMCTL_TBL_GPPN, gppn);
  return mc_rd(MEMCTL_TBL_ENTRY);
}

/* ------------------------------------------------------------------ commands */
static __attribute__((unused)) inline void mc_cmd(uint32_t op, uint32_t a0, uint32_t a1) {
  mc_wr(MEMCTL_CMD_ARG0, a0);
  mc_wr(MEMCTL_CMD_ARG1, a1);
  mc_wr(MEMCTL_CMD, op);
}

/* Enqueues a FENCE and waits for it; returns its LAST_FENCE_CYCLES. */
static __attribute__((unused)) uint32_t mc_fence(void) {
  uint32_t seq = mc_rd(MEMCTL_FENCE_SEQ);
  mc_wr(MEMCTL_CMD, MEMCTL_CMD_FENCE);
  uint32_t n = 0;
  while (mc_rd(MEMCTL_FENCE_SEQ) == seq) CHECK(++n < 1000000, 250);
  return mc_rd(MEMCTL_LAST_FENCE_CYCLES);
}

static __attribute__((unused)) void mc_inval_page(uint32_t vm, uint32_t gppn) {
  mc_cmd(MEMCTL_CMD_INVAL_PAGE, vm, gppn);
  mc_fence();
}

/* Waits for STATUS.SCRUB_DONE and clears it. */
static __attribute__((unused)) void mc_scrub_wait(void) {
  uint32_t n = 0;
  while (!(mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_SCRUB_DONE)) CHECK(++n < 10000000, 251);
  mc_wr(MEMCTL_STATUS, MEMCTL_STATUS_SCRUB_DONE);
}

/* Clears STATUS.ERROR (and ERROR) and returns the ERROR code it had (0 if none). */
static __attribute__((unused)) uint32_t mc_take_error(void) {
  uint32_t e = (mc_rd(MEMCTL_STATUS) & MEMCTL_STATUS_ERROR) ? mc_rd(MEMCTL_ERROR) : 0;
  mc_wr(MEMCTL_STATUS, MEMCTL_STATUS_ERROR);
  return e;
}

/* ------------------------------------------------------------------ guests */
uint32_t guest_call(uint32_t (*fn)(uint32_t), uint32_t arg);
void guest_resume(void);
uint32_t g_lw(uint32_t addr);
void g_sw(uint32_t addr, uint32_t value);

/* The last trap taken from guest code (cause 1, 5, 7), as the M-mode handler saw it. */
typedef struct {
  uint32_t count, cause, tval, gpa, info, status;
} mt_fault_t;
static volatile mt_fault_t mt_fault;

#define MT_MPP_MASK (3u << 11)

static __attribute__((unused)) void mt_trap(bm_trap_frame_t *f) {
  uint32_t from = (f->mstatus & MT_MPP_MASK) >> 11;
  if (f->mcause == BM_CAUSE_ECALL_S || f->mcause == BM_CAUSE_ECALL_U) {
    f->mepc = (uint32_t)(uintptr_t)guest_resume;
    f->mstatus |= MT_MPP_MASK;
    return;
  }
  if (from != 3 && (f->mcause == BM_CAUSE_FETCH_ACCESS || f->mcause == BM_CAUSE_LOAD_ACCESS ||
                    f->mcause == BM_CAUSE_STORE_ACCESS)) {
    mt_fault.count++;
    mt_fault.cause = f->mcause;
    mt_fault.tval = f->mtval;
    mt_fault.gpa = mc_rd(MEMCTL_FAULT_GPA);
    mt_fault.info = mc_rd(MEMCTL_FAULT_INFO);
    mt_fault.status = mc_rd(MEMCTL_STATUS);
    /* A fetch fault came from a call into a non-executable page: return to the caller. */
    f->mepc = (f->mcause == BM_CAUSE_FETCH_ACCESS) ? f->x[1] : f->mepc + 4;
    return;
  }
  bm_default_trap_handler(f);
}

static __attribute__((unused)) inline uint32_t mt_info(uint32_t vm, int write, int fetch, uint32_t reason) {
  return vm | ((uint32_t)write << 8) | ((uint32_t)fetch << 9) | (reason << 10);
}

/* Identity-maps the first `pages` guest pages of vm (the program, its data and its stack) with
 * V|W|X, and turns translation on for vm. */
static __attribute__((unused)) void mt_guest_identity(uint32_t vm, uint32_t pages) {
  mc_setup_vm(vm);
  for (uint32_t g = 0; g < pages; g++) mc_set(vm, g, mc_pte(g, MEMCTL_PTE_V | MEMCTL_PTE_W | MEMCTL_PTE_X));
  mc_wr(MEMCTL_CUR_VMID, vm);
  mc_wr(MEMCTL_CTRL, MEMCTL_CTRL_ENABLE);
}

#define MT_IMAGE_PAGES(shift) ((0x20000u >> (shift)) + 1)  /* the 128 KiB bare-metal image */

#endif
