/* Shared by the integer benchmarks: input generation and the one machine-readable result line.
 *
 * A benchmark prepares its input, measures only its kernel with bm_perf_now/bm_perf_since,
 * checks the result (check.h: FAIL line and a distinct exit code on a mismatch), and then
 * calls bench_report. Expected values come from the host models in models.py. */
#ifndef TESTS_BENCH_H
#define TESTS_BENCH_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "baremetal.h"
#include "check.h"

/* xorshift32: a tiny deterministic generator, reproduced exactly by models.py. */
static inline uint32_t bench_random(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static inline void bench_report(const char *name, bm_perf_t kernel) {
  printf("BENCH name=%s cycles=%" PRIu64 " instret=%" PRIu64 "\n", name, kernel.cycles,
         kernel.instret);
}

#endif
