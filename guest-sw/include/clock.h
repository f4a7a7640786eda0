/* Clock (second-chance) page-replacement policy over a set of n frames, portable and
 * unit-tested on the host. The caller supplies a probe that, for frame i, says whether it is a
 * candidate at all, and if so tests-and-clears its reference (accessed) bit. */
#ifndef GUEST_CLOCK_H
#define GUEST_CLOCK_H

#include <stdint.h>

enum clock_probe {
  CLOCK_SKIP = 0,   /* not a replacement candidate (free, kernel, pinned...) */
  CLOCK_REFERENCED, /* candidate, was referenced: the probe has cleared the bit (second chance) */
  CLOCK_VICTIM,     /* candidate, not referenced since the last sweep: take it */
};

typedef enum clock_probe (*clock_probe_fn)(void *ctx, uint32_t index);

typedef struct clock_policy {
  uint32_t hand; /* next frame to look at */
  uint32_t n;    /* frames in the circle */
  uint64_t scanned, second_chances, victims;
} clock_policy_t;

void clock_init(clock_policy_t *c, uint32_t n);
/* Advances the hand until a victim is found; looks at no more than 2n+1 frames (after one full
 * sweep every candidate has lost its reference bit). Returns the victim's index (the hand moves
 * past it) or -1 if no frame is a candidate. */
long clock_select(clock_policy_t *c, clock_probe_fn probe, void *ctx);

#endif
