/* Helpers shared by the C programs that test the socsim API (tests/socsim, tests/vp). */
#ifndef SOCSIM_TEST_UTIL_H
#define SOCSIM_TEST_UTIL_H

#include <inttypes.h>
#include <stdio.h>

#include "soc_memory_map.h"
#include "socsim.h"

/* Counts failed CHECKs; main returns non-zero when it is not 0. */
static int failures;

#define CHECK(cond, ...)                                                           \
  do {                                                                             \
    if (!(cond)) {                                                                 \
      fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #cond);     \
      fprintf(stderr, __VA_ARGS__);                                                \
      fprintf(stderr, "\n");                                                       \
      failures++;                                                                  \
    }                                                                              \
  } while (0)

/* Where the mailbox test program (tests/socsim/programs) keeps its seed and checksum. */
#define MAILBOX (RAM_BASE + 0x10000u)

/* Runs in slices of `slice` cycles until the program ends; returns the exit reason. */
static inline int run_to_end(socsim_t *s, uint64_t slice, uint64_t limit) {
  socsim_set_max_cycles(s, limit);
  int r;
  while ((r = socsim_run(s, slice)) == SOCSIM_EXIT_RUNNING) {
  }
  return r;
}

static inline uint32_t rd32(socsim_t *s, uint32_t addr) {
  uint32_t v = 0xdeadbeef;
  CHECK(socsim_mem_read(s, addr, &v, 4) == SOCSIM_OK, "mem_read 0x%08" PRIx32, addr);
  return v;
}

/* The checksum the mailbox program computes from its seed (256 words, seed + 3 i). */
static inline uint32_t expected_checksum(uint32_t seed) {
  uint32_t sum = 0, v = seed;
  for (int i = 0; i < 256; i++, v += 3) sum += v;
  return sum;
}

#endif
