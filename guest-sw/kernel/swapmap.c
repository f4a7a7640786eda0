/* Swap slot bitmap (see swapmap.h): next-fit allocation, word at a time. */
#include "swapmap.h"

#include <stddef.h>

void swapmap_init(swapmap_t *m, uint32_t *bits, uint32_t nslots) {
  m->bits = bits;
  m->nslots = nslots;
  m->used = 0;
  m->hint = 0;
  m->allocs = m->frees = m->alloc_fail = m->bad_free = 0;
  for (uint32_t i = 0; i < (nslots + 31) / 32; i++) bits[i] = 0;
}

uint32_t swapmap_alloc(swapmap_t *m) {
  if (m->used >= m->nslots) {
    m->alloc_fail++;
    return SWAPMAP_NONE;
  }
  uint32_t words = (m->nslots + 31) / 32;
  uint32_t w = m->hint / 32;
  for (uint32_t k = 0; k <= words; k++, w = (w + 1 == words) ? 0 : w + 1) {
    uint32_t free_bits = ~m->bits[w];
    if (!free_bits) continue;
    for (uint32_t b = 0; b < 32; b++) {
      if (!(free_bits & (1u << b))) continue;
      uint32_t slot = w * 32 + b;
      if (slot >= m->nslots) break;
      m->bits[w] |= 1u << b;
      m->used++;
      m->allocs++;
      m->hint = slot + 1 < m->nslots ? slot + 1 : 0;
      return slot;
    }
  }
  m->alloc_fail++;
  return SWAPMAP_NONE;
}

int swapmap_test(const swapmap_t *m, uint32_t slot) {
  if (slot >= m->nslots) return -1;
  return (m->bits[slot / 32] >> (slot % 32)) & 1u;
}

int swapmap_free(swapmap_t *m, uint32_t slot) {
  if (swapmap_test(m, slot) != 1) {
    m->bad_free++;
    return -1;
  }
  m->bits[slot / 32] &= ~(1u << (slot % 32));
  m->used--;
  m->frees++;
  return 0;
}
