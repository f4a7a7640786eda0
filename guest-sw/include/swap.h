/* Swapping anonymous user pages to the virtio-blk disk: slot bitmap + clock replacement. */
#ifndef GUEST_SWAP_H
#define GUEST_SWAP_H

#include <stdbool.h>
#include <stdint.h>

#include "swapmap.h"

#define SWAP_MAX_SLOTS (256u * 1024u) /* 1 GiB of swap at most */

int swap_init(void);      /* claims virtio-blk; 0 or -E_NOENT (then no swapping) */
bool swap_enabled(void);
/* Frees up to `want` frames by swapping user pages out (clock policy); returns how many. */
uint32_t swap_reclaim(uint32_t want);
/* Reads slot into the frame at pa and releases the slot. 0 or -E_IO. */
int swap_read_slot(uint32_t slot, uintptr_t pa);
void swap_free_slot(uint32_t slot);
const swapmap_t *swap_map(void);

#endif
