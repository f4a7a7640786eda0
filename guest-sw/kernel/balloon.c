/* Balloon driver core: the seed's loop, page bookkeeping and rate control. See balloon.h. */
#include "balloon.h"

#include "kernel.h"
#include "mm.h"

/* ---------------------------------------------------------------- held-page list */

/* The held pages are chained through their descriptors: desc->link = next pfn. */
static void held_push(balloon_t *b, uint32_t pfn) {
  page_desc_t *d = page_desc(pfn_to_pa(pfn));
  d->link = b->head;
  b->head = pfn;
}

static uint32_t held_pop(balloon_t *b) {
  uint32_t pfn = b->head;
  if (pfn == PMM_NONE) return PMM_NONE;
  page_desc_t *d = page_desc(pfn_to_pa(pfn));
  b->head = d->link;
  d->link = 0;
  return pfn;
}

void balloon_core_init(balloon_t *b, const balloon_backend_t *be, void *be_ctx, uint32_t limit) {
  memset(b, 0, sizeof *b);
  b->be = be;
  b->be_ctx = be_ctx;
  b->limit = limit;
  b->head = PMM_NONE;
  balloon_rate_init(&b->inflate, &balloon_rate_inflate_defaults);
  balloon_rate_init(&b->deflate, &balloon_rate_deflate_defaults);
}

void balloon_core_log(balloon_t *b, const char *why) {
  klog("balloon", "%s size %u target %u (raw %u) rate +%u/-%u pages/s inflated %llu deflated %llu "
       "refused %llu nowait %llu reclaim %llu fail %llu errors %llu",
       why, (unsigned)b->size, (unsigned)b->target, (unsigned)b->target_raw,
       (unsigned)b->inflate.rate, (unsigned)b->deflate.rate, (unsigned long long)b->st.inflated,
       (unsigned long long)b->st.deflated, (unsigned long long)b->st.refused,
       (unsigned long long)b->st.alloc_nowait, (unsigned long long)b->st.alloc_reclaim,
       (unsigned long long)(b->st.alloc_fail_nowait + b->st.alloc_fail_reclaim),
       (unsigned long long)b->st.backend_errors);
}

static void report_size(balloon_t *b) {
  if (b->size > b->st.max_size) b->st.max_size = b->size;
  if (b->be->report_size && b->size != b->last_reported) {
    b->be->report_size(b, b->size);
    b->last_reported = b->size;
  }
}

/* ---------------------------------------------------------------- inflation */

/* Gives the pages in b->pfn[0..n) to the host; pages it does not take go back to the allocator.
 * Returns the number taken, or -1 if the call failed as a whole. */
static int lock_batch(balloon_t *b, unsigned n) {
  for (unsigned i = 0; i < n; i++) b->status[i] = BALLOON_SBI_ST_PENDING;
  int rc = b->be->lock(b, b->pfn, b->status, n);
  if (rc < 0) {
    b->st.backend_errors++;
    for (unsigned i = 0; i < n; i++) page_free(pfn_to_pa(b->pfn[i]));
    return -1;
  }
  int taken = 0;
  for (unsigned i = 0; i < n; i++) {
    if (b->status[i] == BALLOON_SBI_ST_OK) {
      held_push(b, b->pfn[i]);
      b->size++;
      taken++;
    } else {
      /* Refused (not needed, pinned, bad, duplicate...): the guest keeps it. */
      b->st.refused++;
      page_free(pfn_to_pa(b->pfn[i]));
    }
  }
  b->st.inflated += (uint64_t)taken;
  return taken;
}

/* Takes up to `want` pages from the allocator and gives them to the host. The fail-fast mode is
 * tried first; once it fails (the guest is short of free memory) the rest of the round uses the
 * reclaiming mode, which may swap user pages out: the seed's "request and lock down more memory
 * from the guest OS", with the guest choosing the victims. Sets *failed if the allocator
 * refused a page in either mode or the host call failed. */
static uint32_t inflate(balloon_t *b, uint32_t want, bool *failed) {
  uint32_t done = 0;
  unsigned batch = b->be->batch_max ? b->be->batch_max : 1;
  if (batch > BALLOON_BATCH_MAX) batch = BALLOON_BATCH_MAX;
  bool reclaim = false;
  while (done < want) {
    unsigned n = 0, goal = want - done < batch ? want - done : batch;
    bool stop = false;
    while (n < goal) {
      uintptr_t pa = page_alloc(reclaim ? PA_BALLOON_RECLAIM : PA_NOWAIT);
      if (!pa) {
        if (!reclaim) {
          b->st.alloc_fail_nowait++;
          *failed = true; /* the guest could not give this page without stalling */
          reclaim = true;
          continue;
        }
        b->st.alloc_fail_reclaim++;
        stop = true;
        break;
      }
      if (reclaim) b->st.alloc_reclaim++;
      else b->st.alloc_nowait++;
      page_set_type(pa, PAGE_BALLOON);
      b->pfn[n++] = pa_to_pfn(pa);
    }
    if (n) {
      int got = lock_batch(b, n);
      if (got < 0) {
        *failed = true;
        break;
      }
      done += (uint32_t)got;
      if ((unsigned)got < n) break; /* the host wants no more now */
    }
    if (stop) break;
  }
  b->reclaim_mode = reclaim;
  return done;
}

/* ---------------------------------------------------------------- deflation */

/* Takes up to `want` pages back from the host and frees them. Pages the host cannot return yet
 * (BUSY) stay in the balloon; that counts as a failure for the deflation rate. */
static uint32_t deflate(balloon_t *b, uint32_t want, bool *failed) {
  uint32_t done = 0;
  unsigned batch = b->be->batch_max ? b->be->batch_max : 1;
  if (batch > BALLOON_BATCH_MAX) batch = BALLOON_BATCH_MAX;
  while (done < want && b->head != PMM_NONE) {
    unsigned n = 0, goal = want - done < batch ? want - done : batch;
    while (n < goal && b->head != PMM_NONE) {
      b->pfn[n] = held_pop(b);
      b->status[n] = BALLOON_SBI_ST_PENDING;
      n++;
    }
    int rc = b->be->unlock(b, b->pfn, b->status, n);
    if (rc < 0) {
      b->st.backend_errors++;
      *failed = true;
      for (unsigned i = n; i-- > 0;) held_push(b, b->pfn[i]); /* still the host's */
      break;
    }
    unsigned back = 0;
    for (unsigned i = n; i-- > 0;) {
      uint32_t s = b->status[i];
      if (s == BALLOON_SBI_ST_OK) {
        page_set_type(pfn_to_pa(b->pfn[i]), PAGE_KERNEL);
        page_free(pfn_to_pa(b->pfn[i]));
        b->size--;
        back++;
      } else if (s != BALLOON_SBI_ST_ALREADY && s != BALLOON_SBI_ST_BAD_PPN) {
        /* BUSY, or a status UNLOCK does not define: the host may still hold the page, so the
         * guest must not use it. It stays in the balloon; a later round retries. */
        b->st.unlock_busy++;
        *failed = true;
        held_push(b, b->pfn[i]);
      } else {
        /* The host says it never had this page (ALREADY / BAD_PPN): our list and the host's
         * disagree. The page is not the host's, so the guest may use it again. */
        b->st.refused++;
        page_set_type(pfn_to_pa(b->pfn[i]), PAGE_KERNEL);
        page_free(pfn_to_pa(b->pfn[i]));
        b->size--;
        back++;
      }
    }
    b->st.deflated += back;
    done += back;
    if (back < n) break;
  }
  return done;
}

/* ---------------------------------------------------------------- the loop body */

bool balloon_core_round(balloon_t *b, uint64_t now_us) {
  uint64_t now_ms = now_us / 1000u;
  if (b->broken) return false;
  uint64_t t_start = b->clock_us ? b->clock_us() : 0;
  uint32_t elapsed = b->st.rounds == 0 ? BALLOON_ROUND_MS
                     : now_ms - b->last_ms > 60000u ? 60000u
                                                    : (uint32_t)(now_ms - b->last_ms);
  b->last_ms = now_ms;
  b->st.rounds++;
  if (b->be->poll) b->be->poll(b);

  uint32_t raw;
  if (b->be->get_target(b, &raw) < 0) {
    b->st.backend_errors++;
    return false;
  }
  uint32_t t = raw > b->limit ? b->limit : raw;
  if (raw != b->target_raw) {
    b->st.target_changes++;
    if (raw > b->limit) {
      b->st.target_clamped++;
      if (!b->quiet && b->target_raw <= b->limit) /* log entering the clamp, not every change */
        klog("balloon", "target %u pages exceeds the limit %u: clamped", (unsigned)raw,
             (unsigned)b->limit);
    }
    b->target_raw = raw;
  }
  if (t != b->target) {
    b->target = t;
    b->work_start_us = now_us;
    b->work_busy_us = 0;
    b->work_from = b->size;
    if (!b->quiet) balloon_core_log(b, "new target:");
  }
  uint32_t size_before = b->size;

  bool failed = false;
  if (t > b->size && now_ms >= b->inflate_holdoff_until_ms) {
    uint32_t budget = balloon_rate_budget(&b->inflate, elapsed);
    uint32_t want = t - b->size < budget ? t - b->size : budget;
    uint32_t before = b->inflate.rate;
    uint32_t done = inflate(b, want, &failed);
    balloon_rate_end_round(&b->inflate, want, done, failed);
    if (failed) {
      b->st.backoffs_inflate++;
      if (before > b->inflate.rate) b->recover_to = before; /* the rate to regain */
      /* One line per rate change, at most one a second while the rate sits at min. */
      if (!b->quiet && (before != b->inflate.rate || now_ms - b->last_backoff_log_ms >= 1000)) {
        b->last_backoff_log_ms = now_ms;
        klog("balloon", "inflate backoff: rate %u -> %u pages/s (%s), size %u target %u",
             (unsigned)before, (unsigned)b->inflate.rate,
             b->reclaim_mode ? "allocator short of free pages" : "host call failed",
             (unsigned)b->size, (unsigned)t);
      }
    } else if (b->recover_to && (b->inflate.rate >= b->recover_to ||
                                 b->inflate.rate == b->inflate.p.max)) {
      if (!b->quiet)
        klog("balloon", "inflate rate recovered: %u pages/s (%u before the backoff)",
             (unsigned)b->inflate.rate, (unsigned)b->recover_to);
      b->recover_to = 0;
    }
  } else if (t < b->size) {
    uint32_t budget = balloon_rate_budget(&b->deflate, elapsed);
    uint32_t want = b->size - t < budget ? b->size - t : budget;
    uint32_t before = b->deflate.rate;
    uint32_t done = deflate(b, want, &failed);
    balloon_rate_end_round(&b->deflate, want, done, failed);
    if (failed) {
      b->st.backoffs_deflate++;
      if (!b->quiet)
        klog("balloon", "deflate backoff: rate %u -> %u pages/s (host busy)", (unsigned)before,
             (unsigned)b->deflate.rate);
    }
  }
  report_size(b);

  bool active = b->size != b->target;
  uint64_t end_us = b->clock_us ? b->clock_us() : now_us;
  if (b->clock_us) b->work_busy_us += end_us - t_start;
  if (!active && (b->active || b->size != size_before)) {
    /* The work since the target changed took this long (to the end of this round). */
    uint64_t us = end_us - b->work_start_us;
    uint32_t moved = b->size > b->work_from ? b->size - b->work_from : b->work_from - b->size;
    if (us == 0) us = 1;
    b->last_work_us = us;
    b->last_work_pages = moved;
    if (!b->quiet) {
      uint64_t busy = b->work_busy_us ? b->work_busy_us : 1;
      balloon_core_log(b, "reached target:");
      klog("balloon", "moved %u pages in %u.%03u ms (%u pages/s); driver busy %u.%03u ms "
           "(%u pages/s)", (unsigned)moved, (unsigned)(us / 1000u), (unsigned)(us % 1000u),
           (unsigned)((uint64_t)moved * 1000000u / us), (unsigned)(busy / 1000u),
           (unsigned)(busy % 1000u), (unsigned)((uint64_t)moved * 1000000u / busy));
    }
  }
  if (!b->quiet && active && now_ms - b->last_log_ms >= 1000) {
    balloon_core_log(b, "progress:");
    b->last_log_ms = now_ms;
  }
  if (!b->active && active) b->last_log_ms = now_ms;
  b->active = active;
  return active;
}

uint32_t balloon_core_release(balloon_t *b, uint32_t want) {
  bool failed = false;
  if (b->broken || want == 0) return 0;
  uint32_t done = deflate(b, want, &failed);
  report_size(b);
  return done;
}

int balloon_core_give(balloon_t *b, unsigned n) {
  if (b->broken) {
    for (unsigned i = 0; i < n; i++) page_free(pfn_to_pa(b->pfn[i]));
    return -1;
  }
  if (n == 0) return 0;
  int got = lock_batch(b, n);
  report_size(b);
  return got;
}

int balloon_core_check(balloon_t *b) {
  uint32_t n = 0;
  for (uint32_t pfn = b->head; pfn != PMM_NONE; n++) {
    if (n > b->size) return -1; /* too long, or a cycle */
    page_desc_t *d = page_desc(pfn_to_pa(pfn));
    if (!d || d->type != PAGE_BALLOON) return -2;
    pfn = d->link;
  }
  return n == b->size ? 0 : -3;
}
