/* Host unit test of the balloon driver core (guest-sw/kernel/balloon.c) against the real page
 * allocator core (pmm.c) and a fake host (backend) that checks the protocol: a page is locked
 * at most once, only held pages are unlocked, and the guest never keeps using a page the host
 * holds. Also: adversarial hosts (targets larger than RAM, targets changing every round, garbage
 * statuses, failing calls) leave the guest consistent. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "balloon.h"
#include "kernel.h"
#include "mm.h"

static int failures;
#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
      failures++;                                                                \
    }                                                                            \
  } while (0)

/* ---------------------------------------------------------------- fake kernel */
#define BASE_PFN 0x80000u
#define NPAGES 2048u
pmm_t kpmm;
static page_desc_t descs[NPAGES];
static int verbose;

/* The "workload": user pages that the reclaim hook may swap out. */
static uint32_t user_pfn[NPAGES];
static uint32_t n_user;
static uint64_t swapped_out;
static int reclaim_enabled = 1;

static uint32_t fake_reclaim(void *ctx, uint32_t want) {
  (void)ctx;
  uint32_t got = 0;
  while (reclaim_enabled && got < want && n_user > 0) {
    pmm_free(&kpmm, user_pfn[--n_user]);
    got++;
    swapped_out++;
  }
  return got;
}

uintptr_t page_alloc(unsigned flags) {
  uint32_t pfn = pmm_alloc(&kpmm, flags & (PMM_RECLAIM | PMM_NO_OOM | PMM_RESERVE), PAGE_KERNEL);
  return pfn == PMM_NONE ? 0 : pfn_to_pa(pfn);
}
void page_free(uintptr_t pa) { CHECK(pmm_free(&kpmm, pa_to_pfn(pa)) == 0); }
void page_set_type(uintptr_t pa, enum page_type type) { pmm_set_type(&kpmm, pa_to_pfn(pa), type); }
page_desc_t *page_desc(uintptr_t pa) { return pmm_desc(&kpmm, pa_to_pfn(pa)); }
void klog(const char *sub, const char *fmt, ...) {
  if (!verbose) return;
  va_list ap;
  va_start(ap, fmt);
  printf("%s: ", sub);
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
}

static void reset_kernel(void) {
  memset(descs, 0, sizeof descs);
  pmm_init(&kpmm, descs, BASE_PFN, NPAGES);
  pmm_add_range(&kpmm, BASE_PFN + 16, NPAGES - 16); /* 16 pages of "kernel image" */
  pmm_set_hooks(&kpmm, fake_reclaim, NULL, NULL);
  n_user = 0;
  swapped_out = 0;
  reclaim_enabled = 1;
}

/* ---------------------------------------------------------------- fake host */
typedef struct host {
  uint32_t target;
  uint8_t held[NPAGES];
  uint32_t n_held;
  uint32_t reported;     /* last report_size */
  unsigned calls;
  /* misbehaviour */
  unsigned fail_every;   /* whole-call failure every n-th call (0: never) */
  unsigned refuse_every; /* LOCK status NOT_NEEDED every n-th page */
  unsigned busy_every;   /* UNLOCK status BUSY every n-th page */
  int garbage;           /* random statuses */
  int target_fails;
  uint32_t rng;
  unsigned protocol_errors;
} host_t;

static uint32_t rnd(host_t *h) {
  h->rng = h->rng * 1103515245u + 12345u;
  return h->rng >> 8;
}

static int h_get_target(balloon_t *b, uint32_t *t) {
  host_t *h = b->be_ctx;
  if (h->target_fails) return -E_IO;
  *t = h->target;
  return 0;
}

static int h_lock(balloon_t *b, const uint32_t *pfn, uint32_t *st, unsigned n) {
  host_t *h = b->be_ctx;
  h->calls++;
  if (h->fail_every && h->calls % h->fail_every == 0) return -E_IO;
  for (unsigned i = 0; i < n; i++) {
    uint32_t idx = pfn[i] - BASE_PFN;
    if (idx >= NPAGES) {
      h->protocol_errors++;
      st[i] = BALLOON_SBI_ST_BAD_PPN;
      continue;
    }
    /* The guest must not offer a page it still uses: its descriptor says balloon. */
    if (descs[idx].type != PAGE_BALLOON) h->protocol_errors++;
    if (h->held[idx]) {
      h->protocol_errors++;
      st[i] = BALLOON_SBI_ST_ALREADY;
      continue;
    }
    if (h->garbage) {
      st[i] = rnd(h) % 9; /* includes values outside the ABI */
      if (st[i] != BALLOON_SBI_ST_OK) continue;
    } else if (h->refuse_every && (h->calls * 7 + i) % h->refuse_every == 0) {
      st[i] = BALLOON_SBI_ST_NOT_NEEDED;
      continue;
    } else {
      st[i] = BALLOON_SBI_ST_OK;
    }
    h->held[idx] = 1;
    h->n_held++;
  }
  return 0;
}

static int h_unlock(balloon_t *b, const uint32_t *pfn, uint32_t *st, unsigned n) {
  host_t *h = b->be_ctx;
  h->calls++;
  if (h->fail_every && h->calls % h->fail_every == 0) return -E_IO;
  for (unsigned i = 0; i < n; i++) {
    uint32_t idx = pfn[i] - BASE_PFN;
    if (idx >= NPAGES || !h->held[idx]) {
      h->protocol_errors++;
      st[i] = BALLOON_SBI_ST_ALREADY;
      continue;
    }
    if (h->garbage && rnd(h) % 4 == 0) {
      st[i] = BALLOON_SBI_ST_BUSY;
      continue;
    }
    if (h->busy_every && (h->calls + i) % h->busy_every == 0) {
      st[i] = BALLOON_SBI_ST_BUSY;
      continue;
    }
    st[i] = BALLOON_SBI_ST_OK;
    h->held[idx] = 0;
    h->n_held--;
  }
  return 0;
}

static void h_report(balloon_t *b, uint32_t size) { ((host_t *)b->be_ctx)->reported = size; }

static const balloon_backend_t fake_be = {"fake", 64, h_get_target, h_lock, h_unlock, h_report,
                                          NULL};

/* Every managed page is free, user, balloon (held by the host) or kernel; nothing leaks. */
static void check_consistent(balloon_t *b, host_t *h) {
  CHECK(pmm_check(&kpmm) == 0);
  CHECK(balloon_core_check(b) == 0);
  CHECK(h->n_held == b->size);
  CHECK(kpmm.st.by_type[PAGE_BALLOON] == b->size);
  CHECK(kpmm.st.by_type[PAGE_USER] == n_user);
  CHECK(kpmm.st.free_pages + n_user + b->size + kpmm.st.by_type[PAGE_KERNEL] ==
        kpmm.st.total_pages);
  CHECK(kpmm.st.by_type[PAGE_KERNEL] == 0);
  CHECK(h->protocol_errors == 0);
  CHECK(b->size <= b->limit);
  for (uint32_t pfn = b->head; pfn != PMM_NONE; pfn = descs[pfn - BASE_PFN].link)
    CHECK(h->held[pfn - BASE_PFN]);
}

/* Runs rounds every 100 ms until size == target (or max_rounds). Returns rounds used. */
static int run_until(balloon_t *b, uint64_t *now, int max_rounds) {
  int r = 0;
  while (r < max_rounds) {
    *now += BALLOON_ROUND_MS;
    r++;
    if (!balloon_core_round(b, *now * 1000u)) break;
  }
  return r;
}

static void setup(balloon_t *b, host_t *h, uint32_t limit) {
  reset_kernel();
  memset(h, 0, sizeof *h);
  h->rng = 1;
  balloon_core_init(b, &fake_be, h, limit);
  b->quiet = !verbose;
}

static void test_inflate_deflate(void) {
  balloon_t b;
  host_t h;
  uint64_t now = 0;
  setup(&b, &h, NPAGES);
  h.target = 1000;
  int r = run_until(&b, &now, 100);
  CHECK(b.size == 1000 && h.reported == 1000);
  /* 1000 pages starting at 256 pages/s, +64 per round: 256*0.1 = 25 pages first round... */
  CHECK(r > 5 && r < 40);
  CHECK(b.inflate.rate > BALLOON_INFLATE_RATE_MIN);
  check_consistent(&b, &h);
  h.target = 100;
  r = run_until(&b, &now, 100);
  CHECK(b.size == 100 && h.reported == 100);
  check_consistent(&b, &h);
  h.target = 0;
  run_until(&b, &now, 100);
  CHECK(b.size == 0 && b.head == PMM_NONE);
  CHECK(kpmm.st.free_pages == kpmm.st.total_pages);
  check_consistent(&b, &h);
  printf("inflate 1000 pages in %d rounds of %u ms\n", r, BALLOON_ROUND_MS);
}

static void test_target_above_ram(void) {
  balloon_t b;
  host_t h;
  uint64_t now = 0;
  setup(&b, &h, NPAGES - 256);
  h.target = 0xFFFFFFF0u;
  run_until(&b, &now, 400);
  CHECK(b.target == b.limit);
  CHECK(b.st.target_clamped == 1);
  /* The allocator keeps its min watermark: the balloon stops there, even below its limit. */
  CHECK(kpmm.st.free_pages >= kpmm.st.wm_min);
  CHECK(b.size <= b.limit);
  check_consistent(&b, &h);
  h.target = 0;
  run_until(&b, &now, 400);
  CHECK(b.size == 0);
  check_consistent(&b, &h);
}

static void test_pressure_backoff_and_recovery(void) {
  balloon_t b;
  host_t h;
  uint64_t now = 0;
  setup(&b, &h, NPAGES);
  /* The workload owns 1600 of the 2032 pages. */
  for (int i = 0; i < 1600; i++) {
    uint32_t pfn = pmm_alloc(&kpmm, 0, PAGE_USER);
    CHECK(pfn != PMM_NONE);
    user_pfn[n_user++] = pfn;
  }
  /* First climb to max rate with plenty of free memory... */
  h.target = 300;
  run_until(&b, &now, 100);
  h.target = 0;
  run_until(&b, &now, 100);
  for (int i = 0; i < 60; i++) balloon_core_round(&b, (now += BALLOON_ROUND_MS) * 1000u);
  /* ...then a target that forces the guest to swap. */
  h.target = 1200;
  int r = run_until(&b, &now, 1000);
  CHECK(b.size == 1200);
  CHECK(swapped_out > 0);
  CHECK(b.st.backoffs_inflate > 0);
  CHECK(b.st.alloc_reclaim > 0);
  printf("pressure: %d rounds, %llu swapped out, %llu backoffs, rate now %u\n", r,
         (unsigned long long)swapped_out, (unsigned long long)b.st.backoffs_inflate,
         b.inflate.rate);
  check_consistent(&b, &h);
  /* Free memory again (the workload exits): the rate recovers to max. */
  while (n_user) pmm_free(&kpmm, user_pfn[--n_user]);
  h.target = 1300;
  run_until(&b, &now, 100);
  h.target = 100;
  run_until(&b, &now, 100);
  uint32_t rate_before = b.inflate.rate;
  for (int k = 0; k < 20; k++) {
    h.target = h.target == 100 ? 1300 : 100;
    run_until(&b, &now, 200);
  }
  CHECK(b.inflate.rate > rate_before || b.inflate.rate == b.inflate.p.max);
  check_consistent(&b, &h);
  /* Swap exhausted and nothing reclaimable: allocation fails outright, the guest survives. */
  for (int i = 0; i < 200; i++) {
    uint32_t pfn = pmm_alloc(&kpmm, 0, PAGE_USER);
    if (pfn != PMM_NONE) user_pfn[n_user++] = pfn;
  }
  reclaim_enabled = 0;
  h.target = NPAGES;
  run_until(&b, &now, 200);
  CHECK(b.st.alloc_fail_reclaim > 0);
  CHECK(b.inflate.rate == b.inflate.p.min);
  check_consistent(&b, &h);
}

static void test_refusals_and_busy(void) {
  balloon_t b;
  host_t h;
  uint64_t now = 0;
  setup(&b, &h, NPAGES);
  h.refuse_every = 5;
  h.busy_every = 3;
  h.target = 800;
  run_until(&b, &now, 400);
  CHECK(b.size == 800);
  CHECK(b.st.refused > 0);
  check_consistent(&b, &h);
  h.target = 10;
  run_until(&b, &now, 400);
  CHECK(b.size == 10);
  CHECK(b.st.unlock_busy > 0);
  check_consistent(&b, &h);
}

static void test_adversarial_host(void) {
  balloon_t b;
  host_t h;
  uint64_t now = 0;
  setup(&b, &h, NPAGES - 64);
  h.fail_every = 7;
  h.garbage = 1;
  uint32_t x = 99;
  for (int i = 0; i < 5000; i++) {
    x = x * 1664525u + 1013904223u;
    switch (x >> 29) {
      case 0: h.target = 0; break;
      case 1: h.target = 0xFFFFFFFFu; break;
      case 2: h.target = (x >> 8) % (2 * NPAGES); break;
      default: h.target = (x >> 8) % NPAGES; break;
    }
    h.target_fails = ((x >> 4) & 31) == 0;
    now += 1 + (x >> 12) % 5; /* a target change every few milliseconds */
    balloon_core_round(&b, now * 1000u);
    if (i % 97 == 0) check_consistent(&b, &h);
    if ((x & 0xff) == 7) balloon_core_release(&b, 17);
  }
  check_consistent(&b, &h);
  /* Behaving again: everything can be deflated. */
  h.fail_every = 0;
  h.garbage = 0;
  h.target_fails = 0;
  h.target = 0;
  run_until(&b, &now, 2000);
  CHECK(b.size == 0);
  check_consistent(&b, &h);
  CHECK(kpmm.st.free_pages == kpmm.st.total_pages);
}

static void test_release(void) {
  balloon_t b;
  host_t h;
  uint64_t now = 0;
  setup(&b, &h, NPAGES);
  h.target = 500;
  run_until(&b, &now, 100);
  CHECK(balloon_core_release(&b, 100) == 100);
  CHECK(b.size == 400 && h.reported == 400);
  check_consistent(&b, &h);
  CHECK(balloon_core_release(&b, 1000) == 400);
  CHECK(b.size == 0);
  check_consistent(&b, &h);
}

int main(int argc, char **argv) {
  verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
  test_inflate_deflate();
  test_target_above_ram();
  test_pressure_backoff_and_recovery();
  test_refusals_and_busy();
  test_adversarial_host();
  test_release();
  if (failures) {
    fprintf(stderr, "test_balloon_core: %d failure(s)\n", failures);
    return 1;
  }
  printf("test_balloon_core: all passed\n");
  return 0;
}
