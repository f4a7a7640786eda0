/* Clock page replacement (see clock.h). */
#include "clock.h"

void clock_init(clock_policy_t *c, uint32_t n) {
  c->hand = 0;
  c->n = n;
  c->scanned = c->second_chances = c->victims = 0;
}

long clock_select(clock_policy_t *c, clock_probe_fn probe, void *ctx) {
  if (c->n == 0) return -1;
  for (uint64_t k = 0; k < 2ull * c->n + 1; k++) {
    uint32_t i = c->hand;
    c->hand = (c->hand + 1 == c->n) ? 0 : c->hand + 1;
    c->scanned++;
    switch (probe(ctx, i)) {
      case CLOCK_VICTIM:
        c->victims++;
        return (long)i;
      case CLOCK_REFERENCED:
        c->second_chances++;
        break;
      default:
        break;
    }
  }
  return -1;
}
