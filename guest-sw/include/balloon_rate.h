/* Adaptive rate control of the balloon driver (seeds/002, "Adaptive rate control"; claims 8, 20).
 *
 * One controller paces one direction (inflation or deflation). Its rate, in pages per second,
 * always stays within [min, max]:
 *   - it starts at min;
 *   - a round that moved its whole budget (all the pages the rate allowed) without an allocation
 *     failure raises it by `step` (a round that had less work left than its budget proves nothing
 *     and leaves the rate unchanged);
 *   - a round in which the guest's allocator failed divides it by `div` (never below min).
 * A round's budget is rate x elapsed time since the previous round, capped at what `max_burst_ms`
 * of time at that rate allows, so a driver that was delayed does not make up for lost time with
 * one huge burst. The driver therefore never asks the guest for more pages than the rate the guest
 * has recently shown it can give: the "current maximum reservation change rate" of claim 8.
 *
 * Portable C: no kernel dependencies; host unit test in guest-sw/tests/test_balloon_rate.c. */
#ifndef GUEST_BALLOON_RATE_H
#define GUEST_BALLOON_RATE_H

#include <stdint.h>

typedef struct balloon_rate_params {
  uint32_t min;          /* pages/s, > 0 */
  uint32_t max;          /* pages/s, >= min */
  uint32_t step;         /* pages/s added after a successful round */
  uint32_t div;          /* divisor after a failed round, >= 2 */
  uint32_t max_burst_ms; /* budget cap: at most this much time's worth of pages per round */
} balloon_rate_params_t;

typedef struct balloon_rate {
  balloon_rate_params_t p;
  uint32_t rate;       /* pages/s, in [p.min, p.max] */
  uint32_t carry_mpg;  /* fractional pages carried between rounds, in 1/1000 page */
  /* statistics */
  uint32_t rounds, successes, failures;
  uint32_t peak_rate;
} balloon_rate_t;

/* Project constants (docs/guest.md, "Rate controller", compares them with VMware's).
 * Inflation: 256 pages/s (1 MiB/s, the seed prototype's constant rate) up to 4096 pages/s
 * (16 MiB/s), +64 pages/s per successful round, halved on failure. Deflation cannot fail in the
 * guest (only the VMM may refuse with BUSY), so it starts faster and climbs faster. */
#define BALLOON_INFLATE_RATE_MIN 256u
#define BALLOON_INFLATE_RATE_MAX 4096u
#define BALLOON_INFLATE_RATE_STEP 64u
#define BALLOON_DEFLATE_RATE_MIN 512u
#define BALLOON_DEFLATE_RATE_MAX 16384u
#define BALLOON_DEFLATE_RATE_STEP 256u
#define BALLOON_RATE_DIV 2u
#define BALLOON_RATE_MAX_BURST_MS 200u
/* The driver's loop period (the seed's "delay" step); a target change wakes it earlier. */
#define BALLOON_ROUND_MS 100u

/* Returns 0, or -1 if the parameters are invalid (then the controller uses the defaults for
 * inflation). */
int balloon_rate_init(balloon_rate_t *r, const balloon_rate_params_t *p);
extern const balloon_rate_params_t balloon_rate_inflate_defaults;
extern const balloon_rate_params_t balloon_rate_deflate_defaults;

/* Pages this round may move, given the time since the previous round (ms). At least 1 when
 * elapsed_ms > 0 and the rate allows a page within the burst cap; fractions carry over. */
uint32_t balloon_rate_budget(balloon_rate_t *r, uint32_t elapsed_ms);

/* Ends a round: `done` pages were moved out of the `budget` allowed; `failed` is true if the
 * guest's allocator (or the VMM) refused a page. Returns the new rate. */
uint32_t balloon_rate_end_round(balloon_rate_t *r, uint32_t budget, uint32_t done, int failed);

static inline uint32_t balloon_rate_current(const balloon_rate_t *r) { return r->rate; }

#endif
