/* Physical page allocator core (see pmm.h). Portable: no kernel dependencies. */
#include "pmm.h"

#include <stddef.h>

void pmm_init(pmm_t *p, page_desc_t *desc, uint32_t base_pfn, uint32_t npages) {
  p->desc = desc;
  p->base_pfn = base_pfn;
  p->npages = npages;
  p->free_head = PMM_NONE;
  p->reclaim = NULL;
  p->oom = NULL;
  p->hook_ctx = NULL;
  p->in_reclaim = false;
  p->reclaim_batch = 0;
  pmm_stats_t zero = {0};
  p->st = zero;
  for (uint32_t i = 0; i < npages; i++) {
    desc[i].type = PAGE_RESERVED;
    desc[i].flags = 0;
    desc[i].pad = 0;
    desc[i].link = PMM_NONE;
    desc[i].owner = NULL;
  }
  p->st.by_type[PAGE_RESERVED] = npages;
}

page_desc_t *pmm_desc(pmm_t *p, uint32_t pfn) {
  if (pfn < p->base_pfn || pfn - p->base_pfn >= p->npages) return NULL;
  return &p->desc[pfn - p->base_pfn];
}

static void push_free(pmm_t *p, uint32_t idx) {
  page_desc_t *d = &p->desc[idx];
  d->type = PAGE_FREE;
  d->flags = 0;
  d->owner = NULL;
  d->link = p->free_head;
  p->free_head = idx;
  p->st.free_pages++;
  p->st.by_type[PAGE_FREE]++;
}

uint32_t pmm_add_range(pmm_t *p, uint32_t start_pfn, uint32_t count) {
  uint32_t added = 0;
  /* Push in reverse so that allocation hands out ascending addresses. */
  for (uint32_t k = count; k-- > 0;) {
    page_desc_t *d = pmm_desc(p, start_pfn + k);
    if (!d || d->type != PAGE_RESERVED) continue;
    p->st.by_type[PAGE_RESERVED]--;
    push_free(p, start_pfn + k - p->base_pfn);
    p->st.total_pages++;
    added++;
  }
  p->st.min_free_seen = p->st.free_pages;
  uint32_t min = p->st.total_pages / 64;
  if (min < 4) min = 4;
  p->st.wm_min = min;
  p->st.wm_low = 2 * min;
  p->st.wm_high = 3 * min;
  return added;
}

int pmm_set_watermarks(pmm_t *p, uint32_t min, uint32_t low, uint32_t high) {
  if (min > low || low > high || high > p->st.total_pages) return -1;
  p->st.wm_min = min;
  p->st.wm_low = low;
  p->st.wm_high = high;
  return 0;
}

void pmm_set_hooks(pmm_t *p, pmm_reclaim_fn reclaim, pmm_oom_fn oom, void *ctx) {
  p->reclaim = reclaim;
  p->oom = oom;
  p->hook_ctx = ctx;
}

static uint32_t run_reclaim(pmm_t *p) {
  if (!p->reclaim || p->in_reclaim) return 0;
  uint32_t want = p->st.wm_high > p->st.free_pages ? p->st.wm_high - p->st.free_pages : 1;
  if (p->reclaim_batch && want > p->reclaim_batch) want = p->reclaim_batch;
  p->in_reclaim = true;
  p->st.reclaim_calls++;
  uint32_t got = p->reclaim(p->hook_ctx, want);
  p->in_reclaim = false;
  p->st.reclaimed += got;
  return got;
}

uint32_t pmm_alloc(pmm_t *p, unsigned flags, enum page_type type) {
  uint32_t threshold = (flags & PMM_RESERVE) ? 0 : p->st.wm_min;
  if ((flags & PMM_RECLAIM) && p->st.free_pages < p->st.wm_low) run_reclaim(p);
  for (int attempt = 0; p->st.free_pages <= threshold; attempt++) {
    if (attempt > 8) goto fail;
    if ((flags & PMM_RECLAIM) && run_reclaim(p) > 0) continue;
    if ((flags & PMM_RECLAIM) && !(flags & PMM_NO_OOM) && p->oom && !p->in_reclaim) {
      p->st.oom_calls++;
      bool ok = p->oom(p->hook_ctx);
      if (ok) {
        p->st.oom_success++;
        continue;
      }
    }
    goto fail;
  }
  uint32_t idx = p->free_head;
  if (idx == PMM_NONE) goto fail; /* counters say free but the list is empty: never */
  page_desc_t *d = &p->desc[idx];
  p->free_head = d->link;
  d->link = PMM_NONE;
  d->type = (uint8_t)type;
  d->flags = 0;
  d->owner = NULL;
  p->st.free_pages--;
  p->st.by_type[PAGE_FREE]--;
  p->st.by_type[type]++;
  p->st.allocs++;
  if (p->st.free_pages < p->st.min_free_seen) p->st.min_free_seen = p->st.free_pages;
  return p->base_pfn + idx;
fail:
  p->st.alloc_fail++;
  return PMM_NONE;
}

int pmm_free(pmm_t *p, uint32_t pfn) {
  page_desc_t *d = pmm_desc(p, pfn);
  if (!d || d->type == PAGE_FREE || d->type == PAGE_RESERVED || d->type >= PAGE_TYPE_COUNT) {
    p->st.bad_free++;
    return -1;
  }
  p->st.by_type[d->type]--;
  push_free(p, pfn - p->base_pfn);
  p->st.frees++;
  return 0;
}

void pmm_set_type(pmm_t *p, uint32_t pfn, enum page_type type) {
  page_desc_t *d = pmm_desc(p, pfn);
  if (!d || d->type == PAGE_FREE || d->type == PAGE_RESERVED || type == PAGE_FREE ||
      type == PAGE_RESERVED)
    return;
  p->st.by_type[d->type]--;
  d->type = (uint8_t)type;
  p->st.by_type[type]++;
}

int pmm_check(const pmm_t *p) {
  uint32_t n = 0;
  for (uint32_t i = p->free_head; i != PMM_NONE; i = p->desc[i].link) {
    if (i >= p->npages || p->desc[i].type != PAGE_FREE) return -1;
    if (++n > p->npages) return -2; /* cycle */
  }
  if (n != p->st.free_pages) return -3;
  uint32_t count[PAGE_TYPE_COUNT] = {0};
  for (uint32_t i = 0; i < p->npages; i++) {
    if (p->desc[i].type >= PAGE_TYPE_COUNT) return -4;
    count[p->desc[i].type]++;
  }
  for (int t = 0; t < PAGE_TYPE_COUNT; t++) {
    if (count[t] != p->st.by_type[t]) return -5;
  }
  if (p->st.total_pages != p->npages - count[PAGE_RESERVED]) return -6;
  return 0;
}
