/* Swap slot bitmap: allocation until full, next fit, frees, double free, range checks. */
#include <stdint.h>

#include "swapmap.h"
#include "test_util.h"

#define SLOTS 70u
static uint32_t bits[(SLOTS + 31) / 32];

int main(void) {
  swapmap_t m;
  swapmap_init(&m, bits, SLOTS);
  CHECK_EQ(swapmap_free_slots(&m), SLOTS);
  int seen[SLOTS] = {0};
  for (uint32_t i = 0; i < SLOTS; i++) {
    uint32_t s = swapmap_alloc(&m);
    CHECK(s < SLOTS);
    if (s < SLOTS) {
      CHECK_EQ(seen[s], 0);
      seen[s] = 1;
      CHECK_EQ(swapmap_test(&m, s), 1);
    }
  }
  CHECK_EQ(m.used, SLOTS);
  CHECK_EQ(swapmap_alloc(&m), SWAPMAP_NONE);
  CHECK_EQ(m.alloc_fail, 1);

  CHECK_EQ(swapmap_free(&m, 5), 0);
  CHECK_EQ(swapmap_test(&m, 5), 0);
  CHECK_EQ(swapmap_free(&m, 5), -1);      /* double free */
  CHECK_EQ(swapmap_free(&m, SLOTS), -1);  /* out of range */
  CHECK_EQ(swapmap_test(&m, SLOTS), -1);
  CHECK_EQ(m.bad_free, 2);
  CHECK_EQ(swapmap_alloc(&m), 5);          /* the only free slot */
  CHECK_EQ(swapmap_free(&m, 69), 0);
  CHECK_EQ(swapmap_free(&m, 10), 0);
  /* next fit: continues after the last allocation (slot 5) */
  CHECK_EQ(swapmap_alloc(&m), 10);
  CHECK_EQ(swapmap_alloc(&m), 69);
  CHECK_EQ(swapmap_free_slots(&m), 0);
  for (uint32_t i = 0; i < SLOTS; i++) CHECK_EQ(swapmap_free(&m, i), 0);
  CHECK_EQ(m.used, 0);
  /* slots beyond nslots in the last word are never handed out */
  for (uint32_t i = 0; i < SLOTS; i++) CHECK(swapmap_alloc(&m) < SLOTS);
  CHECK_EQ(swapmap_alloc(&m), SWAPMAP_NONE);
  return test_report("guest_swapmap");
}
