/* Quicksort of pseudo-random integers: recursion, compare-and-swap, unpredictable branches and
 * scattered loads/stores. Median-of-three pivots, insertion sort below a cut-off. */
#include <stddef.h>

#include "bench.h"

#define COUNT 10000
#define SMALL 12
#define EXPECTED_SIGNATURE 0xb5e39337u  /* models.py: sum of sorted[i] * (i + 1) */

static int32_t values[COUNT];

static void swap(int32_t *a, int32_t *b) {
  int32_t t = *a;
  *a = *b;
  *b = t;
}

static void insertion_sort(int32_t *v, size_t n) {
  for (size_t i = 1; i < n; i++) {
    int32_t x = v[i];
    size_t j = i;
    while (j > 0 && v[j - 1] > x) {
      v[j] = v[j - 1];
      j--;
    }
    v[j] = x;
  }
}

static void quicksort(int32_t *v, size_t n) {
  while (n > SMALL) {
    size_t mid = n / 2;
    if (v[mid] < v[0]) swap(&v[mid], &v[0]);
    if (v[n - 1] < v[0]) swap(&v[n - 1], &v[0]);
    if (v[n - 1] < v[mid]) swap(&v[n - 1], &v[mid]);
    int32_t pivot = v[mid];
    size_t i = 0, j = n - 1;
    for (;;) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i >= j) break;
      swap(&v[i++], &v[j--]);
    }
    /* Recurse into the smaller half, loop on the larger: the stack stays O(log n). */
    size_t left = j + 1;
    if (left < n - left) {
      quicksort(v, left);
      v += left;
      n -= left;
    } else {
      quicksort(v + left, n - left);
      n = left;
    }
  }
  insertion_sort(v, n);
}

int main(void) {
  uint32_t seed = 0x9e3779b9u;
  uint32_t sum_before = 0, xor_before = 0;
  for (size_t i = 0; i < COUNT; i++) {
    values[i] = (int32_t)bench_random(&seed) >> 4;  /* negative and positive */
    sum_before += (uint32_t)values[i];
    xor_before ^= (uint32_t)values[i];
  }

  bm_perf_t start = bm_perf_now();
  quicksort(values, COUNT);
  bm_perf_t kernel = bm_perf_since(start);

  uint32_t sum_after = 0, xor_after = 0, signature = 0;
  for (size_t i = 0; i < COUNT; i++) {
    if (i > 0) CHECK(values[i - 1] <= values[i], 1);
    sum_after += (uint32_t)values[i];
    xor_after ^= (uint32_t)values[i];
    signature += (uint32_t)values[i] * (uint32_t)(i + 1);
  }
  CHECK_EQ(sum_after, sum_before, 2);  /* still a permutation of the input */
  CHECK_EQ(xor_after, xor_before, 3);
  CHECK_EQ(signature, EXPECTED_SIGNATURE, 4);
  printf("sorted %d values, min %" PRId32 " max %" PRId32 "\n", COUNT, values[0], values[COUNT - 1]);
  bench_report("qsort", kernel);
  return 0;
}
