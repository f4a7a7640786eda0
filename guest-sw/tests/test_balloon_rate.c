/* Host unit test of the balloon rate controller (guest-sw/kernel/balloon_rate.c). */
#include <stdio.h>
#include <stdlib.h>

#include "balloon_rate.h"

static int failures;
#define CHECK(cond)                                                         \
  do {                                                                      \
    if (!(cond)) {                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                           \
    }                                                                       \
  } while (0)

static void test_starts_at_min(void) {
  balloon_rate_t r;
  CHECK(balloon_rate_init(&r, &balloon_rate_inflate_defaults) == 0);
  CHECK(balloon_rate_current(&r) == BALLOON_INFLATE_RATE_MIN);
  CHECK(balloon_rate_init(&r, &balloon_rate_deflate_defaults) == 0);
  CHECK(balloon_rate_current(&r) == BALLOON_DEFLATE_RATE_MIN);
}

static void test_invalid_params(void) {
  balloon_rate_t r;
  balloon_rate_params_t bad[] = {
      {0, 10, 1, 2, 100},    /* min 0 */
      {10, 5, 1, 2, 100},    /* max < min */
      {10, 20, 1, 1, 100},   /* div < 2 */
      {10, 20, 1, 2, 0},     /* no burst */
      {10, 2000000, 1, 2, 100},
  };
  for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    CHECK(balloon_rate_init(&r, &bad[i]) == -1);
    CHECK(r.p.min == BALLOON_INFLATE_RATE_MIN && r.rate == BALLOON_INFLATE_RATE_MIN);
  }
  CHECK(balloon_rate_init(&r, NULL) == -1);
}

static void test_budget(void) {
  balloon_rate_t r;
  balloon_rate_params_t p = {1000, 4000, 100, 2, 200};
  balloon_rate_init(&r, &p);
  CHECK(balloon_rate_budget(&r, 100) == 100); /* 1000 pages/s x 0.1 s */
  CHECK(balloon_rate_budget(&r, 0) == 0);
  CHECK(balloon_rate_budget(&r, 5000) == 200); /* capped at max_burst_ms */
  /* Fractions carry: 3 pages/s over 10 x 100 ms = 3 pages in all. */
  balloon_rate_params_t slow = {3, 3, 1, 2, 1000};
  balloon_rate_init(&r, &slow);
  uint32_t sum = 0;
  for (int i = 0; i < 10; i++) sum += balloon_rate_budget(&r, 100);
  CHECK(sum == 3);
}

static void test_rise_and_fall(void) {
  balloon_rate_t r;
  balloon_rate_params_t p = {100, 1000, 50, 4, 200};
  balloon_rate_init(&r, &p);
  /* A full round raises the rate by step. */
  CHECK(balloon_rate_end_round(&r, 10, 10, 0) == 150);
  /* A round that did less than its budget (target reached) leaves it alone. */
  CHECK(balloon_rate_end_round(&r, 10, 3, 0) == 150);
  /* Nothing to do: unchanged. */
  CHECK(balloon_rate_end_round(&r, 0, 0, 0) == 150);
  /* Climbs to max and stays there. */
  for (int i = 0; i < 100; i++) balloon_rate_end_round(&r, 5, 5, 0);
  CHECK(balloon_rate_current(&r) == 1000);
  CHECK(r.peak_rate == 1000);
  /* A failure divides by div... */
  CHECK(balloon_rate_end_round(&r, 5, 2, 1) == 250);
  /* ...and never goes below min. */
  CHECK(balloon_rate_end_round(&r, 5, 0, 1) == 100);
  CHECK(balloon_rate_end_round(&r, 5, 0, 1) == 100);
  CHECK(r.failures == 3);
  /* A failed round that still moved its whole budget counts as a failure. */
  CHECK(balloon_rate_end_round(&r, 5, 5, 1) == 100);
  /* Recovers by step. */
  CHECK(balloon_rate_end_round(&r, 5, 5, 0) == 150);
}

/* Always within [min, max], whatever the sequence (a deterministic pseudo-random walk). */
static void test_bounds_random(void) {
  balloon_rate_t r;
  balloon_rate_init(&r, &balloon_rate_inflate_defaults);
  uint32_t x = 12345;
  for (int i = 0; i < 100000; i++) {
    x = x * 1103515245u + 12345u;
    uint32_t el = (x >> 8) % 3000;
    uint32_t b = balloon_rate_budget(&r, el);
    CHECK(b <= (uint64_t)r.rate * BALLOON_RATE_MAX_BURST_MS / 1000u + 1u);
    uint32_t done = (x >> 16) % (b + 1);
    balloon_rate_end_round(&r, b, done, ((x >> 4) & 7) == 0);
    CHECK(r.rate >= BALLOON_INFLATE_RATE_MIN && r.rate <= BALLOON_INFLATE_RATE_MAX);
  }
}

/* A simulated guest that can give at most `cap` pages/s: the controller tracks it (claim 8). */
static void test_tracks_guest_capacity(void) {
  balloon_rate_t r;
  balloon_rate_init(&r, &balloon_rate_inflate_defaults);
  const uint32_t cap = 1500; /* pages/s the guest can give without stalling */
  uint32_t lo = ~0u, hi = 0;
  for (int round = 0; round < 2000; round++) {
    uint32_t b = balloon_rate_budget(&r, BALLOON_ROUND_MS);
    uint32_t can = cap * BALLOON_ROUND_MS / 1000u;
    uint32_t done = b <= can ? b : can;
    balloon_rate_end_round(&r, b, done, b > can);
    if (round > 200) {
      if (r.rate < lo) lo = r.rate;
      if (r.rate > hi) hi = r.rate;
    }
  }
  /* It oscillates below/around the capacity: never above cap + step, never below cap / div - step. */
  CHECK(hi <= cap + BALLOON_INFLATE_RATE_STEP);
  CHECK(lo >= cap / BALLOON_RATE_DIV - BALLOON_INFLATE_RATE_STEP);
  printf("tracking a %u pages/s guest: rate oscillates in [%u, %u]\n", cap, lo, hi);
}

int main(void) {
  test_starts_at_min();
  test_invalid_params();
  test_budget();
  test_rise_and_fall();
  test_bounds_random();
  test_tracks_guest_capacity();
  if (failures) {
    fprintf(stderr, "test_balloon_rate: %d failure(s)\n", failures);
    return 1;
  }
  printf("test_balloon_rate: all passed\n");
  return 0;
}
