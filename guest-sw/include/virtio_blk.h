/* virtio-blk driver: synchronous sector I/O for the swap device. */
#ifndef GUEST_VIRTIO_BLK_H
#define GUEST_VIRTIO_BLK_H

#include <stdbool.h>
#include <stdint.h>

#define BLK_SECTOR_SIZE 512u

typedef struct blk_dev blk_dev_t;

blk_dev_t *virtio_blk_init(void);     /* claims the first virtio-blk device; NULL if none */
uint64_t blk_capacity(const blk_dev_t *b); /* sectors */
bool blk_read_only(const blk_dev_t *b);
/* Reads/writes nsect sectors at `sector` from/to physical memory pa (contiguous). Waits for
 * completion (polled, interrupts off). 0 or -E_IO. */
int blk_rw(blk_dev_t *b, uint64_t sector, uintptr_t pa, uint32_t nsect, bool write);

#endif
