/* Sieve of Eratosthenes over a bit array: shifts and masks, read-modify-write stores, long
 * regular loops. Only odd numbers are stored. */
#include <string.h>

#include "bench.h"

#define LIMIT 100000u                 /* primes below this */
#define ODD_BITS (LIMIT / 2)          /* bit i stands for 2 * i + 1 */
#define EXPECTED_COUNT 9592u          /* models.py: pi(100000) */
#define EXPECTED_SUM 0x1b158a79u      /* models.py: sum of those primes mod 2^32 */

static uint32_t composite[(ODD_BITS + 31) / 32];

static uint32_t sieve(uint32_t *prime_sum) {
  memset(composite, 0, sizeof composite);
  for (uint32_t i = 1; (2 * i + 1) * (2 * i + 1) < LIMIT; i++) {
    if (composite[i / 32] & (1u << (i % 32))) continue;
    uint32_t p = 2 * i + 1;
    for (uint32_t j = (p * p) / 2; j < ODD_BITS; j += p) composite[j / 32] |= 1u << (j % 32);
  }
  uint32_t count = 1, sum = 2;  /* 2, the only even prime */
  for (uint32_t i = 1; i < ODD_BITS; i++) {
    if (!(composite[i / 32] & (1u << (i % 32)))) {
      count++;
      sum += 2 * i + 1;
    }
  }
  *prime_sum = sum;
  return count;
}

int main(void) {
  uint32_t sum;
  bm_perf_t start = bm_perf_now();
  uint32_t count = sieve(&sum);
  bm_perf_t kernel = bm_perf_since(start);

  printf("%" PRIu32 " primes below %u, sum 0x%08" PRIx32 "\n", count, LIMIT, sum);
  CHECK_EQ(count, EXPECTED_COUNT, 1);
  CHECK_EQ(sum, EXPECTED_SUM, 2);
  bench_report("sieve", kernel);
  return 0;
}
