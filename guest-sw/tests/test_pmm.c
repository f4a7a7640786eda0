/* Page allocator core: watermarks, exhaustion, reserve, reclaim and OOM hooks, bad frees. */
#include <stdint.h>
#include <string.h>

#include "pmm.h"
#include "test_util.h"

#define BASE 0x80000u
#define N 64u

static page_desc_t desc[N];
static pmm_t p;

/* Fake reclaim: "user" pages the test allocated, freed on request. */
static uint32_t user_pages[N], nuser;
static uint32_t reclaim_calls, last_want, oom_calls;
static int oom_result;

static uint32_t fake_reclaim(void *ctx, uint32_t want) {
  (void)ctx;
  reclaim_calls++;
  last_want = want;
  uint32_t n = 0;
  while (n < want && nuser) {
    CHECK_EQ(pmm_free(&p, user_pages[--nuser]), 0);
    n++;
  }
  return n;
}

static uint32_t victim[N], nvictim;

static bool fake_oom(void *ctx) { /* "kills" the victim pages */
  (void)ctx;
  oom_calls++;
  if (!oom_result || !nvictim) return false;
  while (nvictim) CHECK_EQ(pmm_free(&p, victim[--nvictim]), 0);
  return true;
}

static void setup(void) {
  pmm_init(&p, desc, BASE, N);
  CHECK_EQ(pmm_add_range(&p, BASE + 8, N - 8), N - 8); /* first 8 pages stay reserved */
  nuser = reclaim_calls = oom_calls = 0;
  oom_result = 0;
}

int main(void) {
  setup();
  CHECK_EQ(pmm_check(&p), 0);
  CHECK_EQ(p.st.total_pages, 56);
  CHECK_EQ(p.st.free_pages, 56);
  CHECK_EQ(p.st.wm_min, 4); /* 56/64 = 0 -> at least 4 */
  CHECK_EQ(p.st.wm_low, 8);
  CHECK_EQ(p.st.wm_high, 12);
  CHECK_EQ(pmm_add_range(&p, BASE + 8, 4), 0); /* already managed */
  CHECK_EQ(pmm_add_range(&p, BASE + N, 4), 0); /* outside */

  /* Fail-fast allocations stop at the min watermark; PMM_RESERVE may go to zero. */
  uint32_t got[N];
  unsigned n = 0;
  uint32_t pfn;
  while ((pfn = pmm_alloc(&p, 0, PAGE_KERNEL)) != PMM_NONE) {
    CHECK(pfn >= BASE + 8 && pfn < BASE + N);
    got[n++] = pfn;
  }
  CHECK_EQ(n, 52);
  CHECK_EQ(p.st.free_pages, 4);
  CHECK_EQ(p.st.alloc_fail, 1);
  CHECK_EQ(p.st.by_type[PAGE_KERNEL], 52);
  /* ascending addresses, no duplicates */
  for (unsigned i = 1; i < n; i++) CHECK(got[i] == got[i - 1] + 1);
  while ((pfn = pmm_alloc(&p, PMM_RESERVE, PAGE_PGTABLE)) != PMM_NONE) got[n++] = pfn;
  CHECK_EQ(n, 56);
  CHECK_EQ(p.st.free_pages, 0);
  CHECK_EQ(p.st.min_free_seen, 0);
  CHECK_EQ(pmm_check(&p), 0);

  /* Bad frees change nothing. */
  CHECK_EQ(pmm_free(&p, got[0]), 0);
  CHECK_EQ(pmm_free(&p, got[0]), -1);     /* double free */
  CHECK_EQ(pmm_free(&p, BASE + 2), -1);   /* reserved */
  CHECK_EQ(pmm_free(&p, BASE + N), -1);   /* out of range */
  CHECK_EQ(pmm_free(&p, 12), -1);         /* far out of range */
  CHECK_EQ(p.st.bad_free, 4);
  CHECK_EQ(p.st.free_pages, 1);
  CHECK_EQ(pmm_check(&p), 0);
  for (unsigned i = 1; i < n; i++) CHECK_EQ(pmm_free(&p, got[i]), 0);
  CHECK_EQ(p.st.free_pages, 56);
  CHECK_EQ(pmm_check(&p), 0);

  /* Watermarks */
  CHECK_EQ(pmm_set_watermarks(&p, 5, 4, 6), -1);
  CHECK_EQ(pmm_set_watermarks(&p, 2, 3, 100), -1);
  CHECK_EQ(pmm_set_watermarks(&p, 4, 10, 20), 0);

  /* Reclaim: fill with "user" pages, then a PMM_RECLAIM allocation below low refills to high. */
  setup();
  pmm_set_watermarks(&p, 4, 10, 20);
  pmm_set_hooks(&p, fake_reclaim, fake_oom, NULL);
  while ((pfn = pmm_alloc(&p, 0, PAGE_USER)) != PMM_NONE) user_pages[nuser++] = pfn;
  CHECK_EQ(nuser, 52);
  CHECK_EQ(reclaim_calls, 0); /* no PMM_RECLAIM: never reclaims */
  pfn = pmm_alloc(&p, PMM_RECLAIM, PAGE_KERNEL);
  CHECK(pfn != PMM_NONE);
  uint32_t before;
  CHECK_EQ(reclaim_calls, 1);
  CHECK_EQ(last_want, 16); /* high 20 - free 4 */
  CHECK_EQ(p.st.free_pages, 19);
  CHECK_EQ(p.st.reclaimed, 16);
  CHECK_EQ(pmm_check(&p), 0);
  /* A reclaim batch caps what one call asks for. */
  p.reclaim_batch = 5;
  while (p.st.free_pages > 4) CHECK(pmm_alloc(&p, 0, PAGE_KERNEL) != PMM_NONE);
  before = reclaim_calls;
  CHECK(pmm_alloc(&p, PMM_RECLAIM, PAGE_KERNEL) != PMM_NONE);
  CHECK_EQ(reclaim_calls, before + 1);
  CHECK_EQ(last_want, 5);
  CHECK_EQ(p.st.free_pages, 8);
  p.reclaim_batch = 0;
  CHECK(pmm_alloc(&p, PMM_RECLAIM, PAGE_KERNEL) != PMM_NONE); /* 8 < low 10: reclaims to 20 */
  CHECK_EQ(last_want, 12);
  CHECK_EQ(p.st.free_pages, 19);
  /* Between min and low without reclaim flag: allowed, no reclaim. */
  before = reclaim_calls;
  for (int i = 0; i < 10; i++) CHECK(pmm_alloc(&p, 0, PAGE_KERNEL) != PMM_NONE);
  CHECK_EQ(reclaim_calls, before);
  CHECK_EQ(p.st.free_pages, 9);

  /* Nothing reclaimable: OOM hook unless PMM_NO_OOM. */
  setup();
  pmm_set_hooks(&p, fake_reclaim, fake_oom, NULL);
  while (pmm_alloc(&p, 0, PAGE_KERNEL) != PMM_NONE) {
  }
  CHECK_EQ(pmm_alloc(&p, PMM_RECLAIM | PMM_NO_OOM, PAGE_KERNEL), PMM_NONE);
  CHECK_EQ(oom_calls, 0);
  CHECK_EQ(pmm_alloc(&p, PMM_RECLAIM, PAGE_KERNEL), PMM_NONE);
  CHECK_EQ(oom_calls, 1);
  CHECK_EQ(p.st.oom_calls, 1);
  /* An OOM hook that frees memory lets the allocation succeed. */
  CHECK_EQ(pmm_set_watermarks(&p, 1, 2, 3), 0);
  nvictim = 0;
  for (int i = 0; i < 4; i++) {
    pfn = pmm_alloc(&p, PMM_RESERVE, PAGE_USER);
    CHECK(pfn != PMM_NONE);
    victim[nvictim++] = pfn;
  }
  CHECK_EQ(p.st.free_pages, 0);
  oom_result = 1;
  CHECK(pmm_alloc(&p, PMM_RECLAIM, PAGE_KERNEL) != PMM_NONE);
  CHECK_EQ(p.st.oom_success, 1);
  CHECK_EQ(p.st.free_pages, 3);
  CHECK_EQ(pmm_check(&p), 0);

  /* Re-typing */
  pfn = pmm_alloc(&p, PMM_RESERVE, PAGE_KERNEL);
  CHECK(pfn != PMM_NONE);
  uint32_t k = p.st.by_type[PAGE_KERNEL];
  pmm_set_type(&p, pfn, PAGE_BALLOON);
  CHECK_EQ(p.st.by_type[PAGE_KERNEL], k - 1);
  CHECK_EQ(p.st.by_type[PAGE_BALLOON], 1);
  pmm_set_type(&p, pfn, PAGE_FREE); /* refused */
  CHECK_EQ(pmm_desc(&p, pfn)->type, PAGE_BALLOON);
  CHECK_EQ(pmm_free(&p, pfn), 0);
  CHECK_EQ(p.st.by_type[PAGE_BALLOON], 0);
  CHECK_EQ(pmm_check(&p), 0);

  /* pmm_check notices corruption */
  desc[20].type = PAGE_FREE;
  CHECK(pmm_check(&p) != 0);
  return test_report("guest_pmm");
}
