/* Kernel page allocator: the API for the kernel and its drivers (the balloon driver among them).
 *
 * RAM is identity-mapped in the kernel, so the address page_alloc returns is both the physical
 * address (for DMA, for a balloon's page frame number: pfn = pa >> PAGE_SHIFT) and the kernel
 * pointer to the page.
 *
 * Flags:
 *   PA_RECLAIM  may reclaim: when free memory is below the low watermark, swap user pages out
 *               (synchronous, the clock policy) until it is back at the high watermark. Without
 *               it the call fails fast instead (never blocks, never does I/O).
 *   PA_NO_OOM   with PA_RECLAIM: if reclaim cannot make room, fail rather than kill a process.
 *   PA_RESERVE  may dip below the min watermark (the kernel's own fault/reclaim paths).
 *   PA_ZERO     zero the page.
 * Any allocation without PA_RESERVE fails when free <= min.
 *
 * A balloon inflation that must not disturb the guest much uses PA_NOWAIT (fail fast, let the
 * rate controller back off); one that may push the guest into swapping, as the seed describes,
 * uses PA_BALLOON_RECLAIM. Neither ever triggers the OOM killer. */
#ifndef GUEST_MM_H
#define GUEST_MM_H

#include <stdint.h>

#include "guest_abi.h"
#include "pmm.h"

#define PA_RECLAIM PMM_RECLAIM
#define PA_NO_OOM PMM_NO_OOM
#define PA_RESERVE PMM_RESERVE
#define PA_ZERO 0x100u

#define PA_NOWAIT 0u                               /* fail fast */
#define PA_KERNEL PA_RECLAIM                       /* may swap, may OOM-kill */
#define PA_BALLOON_RECLAIM (PA_RECLAIM | PA_NO_OOM) /* may swap, never OOM-kill */

extern pmm_t kpmm; /* the kernel's allocator instance (read-only outside mm.c) */

/* Returns the physical (= kernel virtual) address of a 4 KiB page, typed PAGE_KERNEL, or 0. */
uintptr_t page_alloc(unsigned flags);
/* Frees a page from page_alloc (any type but FREE/RESERVED). A bad free is logged, counted
 * (pmm_stats.bad_free) and otherwise ignored. */
void page_free(uintptr_t pa);
/* Re-types an allocated page for the statistics (e.g. PAGE_BALLOON while a balloon holds it). */
void page_set_type(uintptr_t pa, enum page_type type);
page_desc_t *page_desc(uintptr_t pa); /* NULL outside managed RAM */

static inline uint32_t pa_to_pfn(uintptr_t pa) { return (uint32_t)(pa >> PAGE_SHIFT); }
static inline uintptr_t pfn_to_pa(uint32_t pfn) { return (uintptr_t)pfn << PAGE_SHIFT; }

/* Boot: manage RAM [base, base+size) minus [reserved_lo, reserved_hi) (kernel image) and the DTB. */
void mm_init(uintptr_t base, uint32_t size, uintptr_t kernel_end, uintptr_t dtb, uint32_t dtb_size);
int mm_set_watermarks(uint32_t min, uint32_t low, uint32_t high); /* pages; 0 or -E_INVAL */
/* Fills the system-wide statistics (also what SYS_MEMINFO returns). */
void mm_get_meminfo(struct guest_meminfo *mi);
/* Logs one "vmstat" line (the kernel prints it periodically, see docs/guest.md). */
void mm_log_stats(const char *why);

/* Global VM event counters (vm.c, swap.c). */
typedef struct vm_counters {
  uint64_t pgfault, minflt, majflt, ad_fault;  /* ad_fault: accessed/dirty-bit updates */
  uint64_t swap_in, swap_out, swap_io_err;
  uint64_t oom_kills;
} vm_counters_t;
extern vm_counters_t vmc;

#endif
