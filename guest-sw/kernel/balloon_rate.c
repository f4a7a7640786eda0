/* Adaptive rate control of the balloon driver: see balloon_rate.h. */
#include "balloon_rate.h"

const balloon_rate_params_t balloon_rate_inflate_defaults = {
    BALLOON_INFLATE_RATE_MIN, BALLOON_INFLATE_RATE_MAX, BALLOON_INFLATE_RATE_STEP,
    BALLOON_RATE_DIV, BALLOON_RATE_MAX_BURST_MS};
const balloon_rate_params_t balloon_rate_deflate_defaults = {
    BALLOON_DEFLATE_RATE_MIN, BALLOON_DEFLATE_RATE_MAX, BALLOON_DEFLATE_RATE_STEP,
    BALLOON_RATE_DIV, BALLOON_RATE_MAX_BURST_MS};

static int params_ok(const balloon_rate_params_t *p) {
  return p && p->min > 0 && p->max >= p->min && p->div >= 2 && p->max_burst_ms > 0 &&
         p->max <= 1000000u && p->max_burst_ms <= 60000u;
}

int balloon_rate_init(balloon_rate_t *r, const balloon_rate_params_t *p) {
  int rc = 0;
  if (!params_ok(p)) {
    p = &balloon_rate_inflate_defaults;
    rc = -1;
  }
  r->p = *p;
  r->rate = p->min;
  r->carry_mpg = 0;
  r->rounds = r->successes = r->failures = 0;
  r->peak_rate = r->rate;
  return rc;
}

uint32_t balloon_rate_budget(balloon_rate_t *r, uint32_t elapsed_ms) {
  if (elapsed_ms > r->p.max_burst_ms) elapsed_ms = r->p.max_burst_ms;
  /* rate <= 1e6 pages/s and elapsed <= 60000 ms: the product fits in 64 bits. */
  uint64_t mpg = (uint64_t)r->rate * elapsed_ms + r->carry_mpg; /* milli-pages */
  uint64_t cap = (uint64_t)r->rate * r->p.max_burst_ms;
  if (mpg > cap) mpg = cap;
  uint32_t pages = (uint32_t)(mpg / 1000u);
  r->carry_mpg = (uint32_t)(mpg % 1000u);
  return pages;
}

uint32_t balloon_rate_end_round(balloon_rate_t *r, uint32_t budget, uint32_t done, int failed) {
  r->rounds++;
  if (failed) {
    r->failures++;
    uint32_t nr = r->rate / r->p.div;
    r->rate = nr < r->p.min ? r->p.min : nr;
    r->carry_mpg = 0;
  } else if (budget > 0 && done >= budget) {
    /* The round used all the rate it was given: the guest kept up. */
    r->successes++;
    uint32_t nr = r->rate + r->p.step;
    r->rate = (nr > r->p.max || nr < r->rate) ? r->p.max : nr;
  }
  if (r->rate > r->peak_rate) r->peak_rate = r->rate;
  return r->rate;
}
