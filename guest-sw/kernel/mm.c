/* The kernel's page allocator instance and memory statistics (see mm.h). */
#include "mm.h"

#include "kernel.h"
#include "proc.h"
#include "swap.h"
#include "timer.h"

pmm_t kpmm;
vm_counters_t vmc;

static uint32_t reclaim_hook(void *ctx, uint32_t want) {
  (void)ctx;
  return swap_reclaim(want);
}

/* The balloon driver (kernel/balloon_main.c, if linked) gives pages back before a process is
 * killed when its protocol allows it (virtio DEFLATE_ON_OOM, the SBI backdoor). */
extern uint32_t balloon_oom_release(uint32_t want) __attribute__((weak));

static bool oom_hook(void *ctx) {
  (void)ctx;
  if (balloon_oom_release && balloon_oom_release(0) > 0) return true;
  return proc_oom_kill();
}

void mm_init(uintptr_t base, uint32_t size, uintptr_t kernel_end, uintptr_t dtb,
             uint32_t dtb_size) {
  uint32_t npages = size / PAGE_SIZE;
  page_desc_t *desc = (page_desc_t *)ALIGN_UP(kernel_end, 16u);
  uintptr_t first_free = ALIGN_UP((uintptr_t)(desc + npages), PAGE_SIZE);
  if (first_free >= base + size) panic("mm: no memory left after the kernel");
  pmm_init(&kpmm, desc, (uint32_t)(base >> PAGE_SHIFT), npages);
  uintptr_t dtb_lo = ALIGN_DOWN(dtb, PAGE_SIZE), dtb_hi = ALIGN_UP(dtb + dtb_size, PAGE_SIZE);
  uintptr_t end = base + size;
  if (dtb_lo > first_free && dtb_lo < end) {
    pmm_add_range(&kpmm, (uint32_t)(first_free >> PAGE_SHIFT),
                  (uint32_t)((dtb_lo - first_free) >> PAGE_SHIFT));
    if (dtb_hi < end)
      pmm_add_range(&kpmm, (uint32_t)(dtb_hi >> PAGE_SHIFT),
                    (uint32_t)((end - dtb_hi) >> PAGE_SHIFT));
  } else {
    pmm_add_range(&kpmm, (uint32_t)(first_free >> PAGE_SHIFT),
                  (uint32_t)((end - first_free) >> PAGE_SHIFT));
  }
  pmm_set_hooks(&kpmm, reclaim_hook, oom_hook, NULL);
  /* Direct reclaim runs in the allocating context with interrupts off: keep each call short
   * (like Linux's SWAP_CLUSTER_MAX) so ticks and device interrupts are not held off for long. */
  kpmm.reclaim_batch = (uint32_t)cmdline_get_num("reclaim_batch", 32);
  const char *wm = cmdline_get("wm");
  if (wm) {
    unsigned long long v[3] = {0, 0, 0};
    char buf[64];
    size_t n = strnlen(wm, sizeof buf - 1);
    memcpy(buf, wm, n);
    buf[n] = '\0';
    char *s = buf;
    int ok = 1;
    for (int i = 0; i < 3 && ok; i++) {
      char *c = strchr(s, ',');
      if (c) *c = '\0';
      ok = parse_size(s, &v[i]) == 0 && (i == 2 || c);
      s = c ? c + 1 : s;
    }
    if (!ok || mm_set_watermarks((uint32_t)v[0], (uint32_t)v[1], (uint32_t)v[2]) != 0)
      klog("mm", "ignoring bad wm=%s (want min,low,high in pages)", wm);
  }
  klog("mm", "RAM 0x%08x..0x%08x: %u pages managed, kernel+descriptors end 0x%08x, dtb 0x%08x",
       (unsigned)base, (unsigned)(base + size), kpmm.st.total_pages, (unsigned)first_free,
       (unsigned)dtb);
  klog("mm", "watermarks: min=%u low=%u high=%u pages", kpmm.st.wm_min, kpmm.st.wm_low,
       kpmm.st.wm_high);
}

int mm_set_watermarks(uint32_t min, uint32_t low, uint32_t high) {
  return pmm_set_watermarks(&kpmm, min, low, high) ? -E_INVAL : 0;
}

uintptr_t page_alloc(unsigned flags) {
  uint32_t pfn = pmm_alloc(&kpmm, flags & (PA_RECLAIM | PA_NO_OOM | PA_RESERVE), PAGE_KERNEL);
  if (pfn == PMM_NONE) return 0;
  uintptr_t pa = pfn_to_pa(pfn);
  if (flags & PA_ZERO) memset((void *)pa, 0, PAGE_SIZE);
  return pa;
}

void page_free(uintptr_t pa) {
  if ((pa & (PAGE_SIZE - 1)) || pmm_free(&kpmm, pa_to_pfn(pa)) != 0)
    klog("mm", "bad page_free(0x%08x) ignored", (unsigned)pa);
}

void page_set_type(uintptr_t pa, enum page_type type) { pmm_set_type(&kpmm, pa_to_pfn(pa), type); }

page_desc_t *page_desc(uintptr_t pa) { return pmm_desc(&kpmm, pa_to_pfn(pa)); }

void mm_get_meminfo(struct guest_meminfo *mi) {
  const pmm_stats_t *s = &kpmm.st;
  memset(mi, 0, sizeof *mi);
  mi->page_size = PAGE_SIZE;
  mi->total_pages = s->total_pages;
  mi->free_pages = s->free_pages;
  mi->wm_min = s->wm_min;
  mi->wm_low = s->wm_low;
  mi->wm_high = s->wm_high;
  mi->user_pages = s->by_type[PAGE_USER];
  mi->kernel_pages = s->by_type[PAGE_KERNEL];
  mi->pgtable_pages = s->by_type[PAGE_PGTABLE];
  mi->balloon_pages = s->by_type[PAGE_BALLOON];
  const swapmap_t *sm = swap_map();
  if (sm) {
    mi->swap_total = sm->nslots;
    mi->swap_used = sm->used;
  }
  uint32_t swappable = mi->user_pages;
  uint32_t swap_free = mi->swap_total - mi->swap_used;
  if (swappable > swap_free) swappable = swap_free;
  mi->avail_pages = (s->free_pages > s->wm_low ? s->free_pages - s->wm_low : 0) + swappable;
  mi->cache_pages = 0;
  mi->swap_in = vmc.swap_in;
  mi->swap_out = vmc.swap_out;
  mi->pgfault = vmc.pgfault;
  mi->minflt = vmc.minflt;
  mi->majflt = vmc.majflt;
  mi->alloc_fail = s->alloc_fail;
  mi->reclaim_calls = s->reclaim_calls;
  mi->reclaimed = s->reclaimed;
  mi->oom_kills = vmc.oom_kills;
  mi->uptime_us = time_now_us();
}

void mm_log_stats(const char *why) {
  struct guest_meminfo mi;
  mm_get_meminfo(&mi);
  klog("vmstat",
       "%s free=%u total=%u avail=%u user=%u kernel=%u pgtable=%u balloon=%u swap_used=%u "
       "swap_total=%u swapin=%llu swapout=%llu pgfault=%llu minflt=%llu majflt=%llu "
       "allocfail=%llu reclaimed=%llu oom=%llu",
       why, mi.free_pages, mi.total_pages, mi.avail_pages, mi.user_pages, mi.kernel_pages,
       mi.pgtable_pages, mi.balloon_pages, mi.swap_used, mi.swap_total,
       (unsigned long long)mi.swap_in, (unsigned long long)mi.swap_out,
       (unsigned long long)mi.pgfault, (unsigned long long)mi.minflt,
       (unsigned long long)mi.majflt, (unsigned long long)mi.alloc_fail,
       (unsigned long long)mi.reclaimed, (unsigned long long)mi.oom_kills);
}
