/* Physical page allocator core: page descriptors, a free list, watermarks and statistics.
 *
 * Portable C (host-compilable; unit-tested in guest-sw/tests/test_pmm.c). It never touches the
 * memory of the pages it manages: the free list is kept in the descriptors. The kernel wraps one
 * instance of it (mm.h: page_alloc/page_free) and installs the reclaim and OOM hooks.
 *
 * Allocation policy (pmm_alloc):
 *  - a caller may take a page while free > min (PMM_RESERVE: while free > 0);
 *  - a caller with PMM_RECLAIM first asks the reclaim hook for (high - free) pages, at most
 *    reclaim_batch of them (0 = no cap), whenever free is below the low watermark, and again if
 *    free is still at or below its threshold;
 *  - if that does not help and PMM_NO_OOM is not set, the OOM hook may free memory (by killing a
 *    process), after which the allocation is retried;
 *  - otherwise the allocation fails (returns PMM_NONE) and alloc_fail is counted.
 * Without PMM_RECLAIM the call never reclaims and never blocks: the "fail fast" mode. */
#ifndef GUEST_PMM_H
#define GUEST_PMM_H

#include <stdbool.h>
#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1u << PAGE_SHIFT)
#define PMM_NONE 0xffffffffu

/* What a page is used for (page_desc_t.type). */
enum page_type {
  PAGE_RESERVED = 0, /* not managed: firmware, kernel image, DTB, outside RAM */
  PAGE_FREE,
  PAGE_KERNEL,       /* kernel data, driver buffers */
  PAGE_PGTABLE,      /* page-table pages */
  PAGE_USER,         /* anonymous user page, mapped at (owner, vaddr); reclaimable */
  PAGE_BALLOON,      /* held by a balloon driver (set by the driver) */
  PAGE_TYPE_COUNT
};

/* Allocation flags */
#define PMM_RECLAIM 0x1u /* may call the reclaim hook (swap user pages out) */
#define PMM_NO_OOM 0x2u  /* never call the OOM hook: fail instead */
#define PMM_RESERVE 0x4u /* may take pages below the min watermark (reclaim/fault paths) */

typedef struct page_desc {
  uint8_t type;   /* enum page_type */
  uint8_t flags;  /* PG_* */
  uint16_t pad;
  uint32_t link;  /* PAGE_FREE: index of the next free page; PAGE_USER: user virtual address */
  void *owner;    /* PAGE_USER: the address space mapping it */
} page_desc_t;

#define PG_PINNED 0x1u /* a PAGE_USER page the reclaimer must not take (I/O in flight) */

typedef struct pmm_stats {
  uint32_t total_pages;                /* pages under management (free or allocated) */
  uint32_t free_pages;
  uint32_t min_free_seen;              /* lowest free_pages since init */
  uint32_t wm_min, wm_low, wm_high;
  uint32_t by_type[PAGE_TYPE_COUNT];
  uint64_t allocs, frees;
  uint64_t alloc_fail;                 /* allocations that returned PMM_NONE */
  uint64_t bad_free;                   /* frees of a free, reserved or out-of-range page (ignored) */
  uint64_t reclaim_calls, reclaimed;   /* reclaim hook invocations and pages it freed */
  uint64_t oom_calls, oom_success;
} pmm_stats_t;

typedef struct pmm pmm_t;
/* Reclaim hook: try to free `want` pages (through pmm_free); returns how many it freed. */
typedef uint32_t (*pmm_reclaim_fn)(void *ctx, uint32_t want);
/* OOM hook: free memory by drastic means; returns true if pages were freed. */
typedef bool (*pmm_oom_fn)(void *ctx);

struct pmm {
  page_desc_t *desc;
  uint32_t base_pfn, npages;
  uint32_t free_head;
  pmm_stats_t st;
  pmm_reclaim_fn reclaim;
  pmm_oom_fn oom;
  void *hook_ctx;
  bool in_reclaim;
  uint32_t reclaim_batch; /* most pages one reclaim call is asked for; 0 = up to high */
};

/* All npages descriptors start PAGE_RESERVED; hand usable ranges over with pmm_add_range. */
void pmm_init(pmm_t *p, page_desc_t *desc, uint32_t base_pfn, uint32_t npages);
/* Makes pfn [start, start+count) free and managed (pages outside the descriptor range or not
 * reserved are skipped). Returns the number of pages added. */
uint32_t pmm_add_range(pmm_t *p, uint32_t start_pfn, uint32_t count);
/* Sets the watermarks (min <= low <= high, else -1). pmm_add_range leaves defaults derived from
 * the total: min = total/64 (at least 4), low = 2*min, high = 3*min. */
int pmm_set_watermarks(pmm_t *p, uint32_t min, uint32_t low, uint32_t high);
void pmm_set_hooks(pmm_t *p, pmm_reclaim_fn reclaim, pmm_oom_fn oom, void *ctx);

/* Returns a pfn (its descriptor set to `type`), or PMM_NONE. */
uint32_t pmm_alloc(pmm_t *p, unsigned flags, enum page_type type);
/* Returns 0, or -1 for a double free / reserved / out-of-range pfn (counted in bad_free;
 * nothing is changed). */
int pmm_free(pmm_t *p, uint32_t pfn);

page_desc_t *pmm_desc(pmm_t *p, uint32_t pfn); /* NULL if out of range */
void pmm_set_type(pmm_t *p, uint32_t pfn, enum page_type type); /* re-account an allocated page */
static inline uint32_t pmm_free_pages(const pmm_t *p) { return p->st.free_pages; }

/* Consistency check (free list vs. descriptors vs. counters); 0 if consistent. */
int pmm_check(const pmm_t *p);

#endif
