/* Swap slot bitmap: which slots of the swap device hold a page. Portable, host-tested.
 * The caller provides the bitmap storage ((nslots + 31) / 32 words). */
#ifndef GUEST_SWAPMAP_H
#define GUEST_SWAPMAP_H

#include <stdint.h>

#define SWAPMAP_NONE 0xffffffffu

typedef struct swapmap {
  uint32_t *bits;
  uint32_t nslots;
  uint32_t used;
  uint32_t hint;        /* next-fit start */
  uint64_t allocs, frees, alloc_fail, bad_free;
} swapmap_t;

void swapmap_init(swapmap_t *m, uint32_t *bits, uint32_t nslots);
uint32_t swapmap_alloc(swapmap_t *m);          /* a free slot, or SWAPMAP_NONE when full */
int swapmap_free(swapmap_t *m, uint32_t slot); /* 0, or -1 (double free / out of range: counted) */
int swapmap_test(const swapmap_t *m, uint32_t slot); /* 1 used, 0 free, -1 out of range */
static inline uint32_t swapmap_free_slots(const swapmap_t *m) { return m->nslots - m->used; }

#endif
