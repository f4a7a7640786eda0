/* The demonstration program: identifies the hart, does a little integer work, reports how many
 * cycles and instructions it took, and exits 0. */
#include <inttypes.h>
#include <stdio.h>

#include "baremetal.h"

#define TABLE_ROWS 12

/* FNV-1a over 32-bit words: order-sensitive, so any wrong table entry changes it. */
static uint32_t fnv1a_words(const uint32_t *words, unsigned count) {
  uint32_t hash = 2166136261u;
  for (unsigned i = 0; i < count; i++) {
    for (unsigned byte = 0; byte < 4; byte++) {
      hash ^= (words[i] >> (8 * byte)) & 0xff;
      hash *= 16777619u;
    }
  }
  return hash;
}

/* Steps of the Collatz sequence from n down to 1. */
static uint32_t collatz_steps(uint32_t n) {
  uint32_t steps = 0;
  while (n != 1) {
    n = (n & 1) ? 3 * n + 1 : n / 2;
    steps++;
  }
  return steps;
}

static uint32_t fibonacci(uint32_t n) {
  uint32_t a = 0, b = 1;
  while (n--) {
    uint32_t next = a + b;
    a = b;
    b = next;
  }
  return a;
}

int main(void) {
  char isa[32];
  printf("\n== balloon SoC demo ==\n");
  printf("isa      %s\n", bm_isa_string(isa, sizeof isa));
  printf("mhartid  %" PRIu32 "\n", bm_csr_read(mhartid));

  bm_perf_t start = bm_perf_now();
  uint32_t table[TABLE_ROWS][4];
  for (uint32_t n = 1; n <= TABLE_ROWS; n++) {
    uint32_t *row = table[n - 1];
    row[0] = n * n * n;
    row[1] = fibonacci(3 * n);
    row[2] = collatz_steps(27 * n);
    row[3] = (n * 2654435761u) % 1000;
  }
  uint32_t checksum = fnv1a_words(&table[0][0], TABLE_ROWS * 4);
  bm_perf_t work = bm_perf_since(start);

  printf("\n   n     n^3   fib(3n)  collatz(27n)  hash\n");
  for (unsigned n = 1; n <= TABLE_ROWS; n++) {
    const uint32_t *row = table[n - 1];
    printf("%4u %7" PRIu32 " %9" PRIu32 " %13" PRIu32 " %5" PRIu32 "\n", n, row[0], row[1], row[2],
           row[3]);
  }
  printf("checksum 0x%08" PRIx32 "\n", checksum);

  /* CPI with two decimals in integer arithmetic: the core has no FPU. */
  uint64_t cpi100 = work.instret ? (work.cycles * 100 + work.instret / 2) / work.instret : 0;
  printf("\ncycles   %" PRIu64 "\ninstret  %" PRIu64 "\nCPI      %" PRIu64 ".%02" PRIu64 "\n",
         work.cycles, work.instret, cpi100 / 100, cpi100 % 100);
  printf("demo done\n");
  return 0;
}
