/* virtio-mmio transport, version 2 (non-legacy), for the guest kernel's drivers.
 *
 * Devices are found by probing the eight slots at VIRTIO_MMIO_BASE + n * 0x1000 (magic "virt",
 * version 2, device id != 0), never by a fixed slot. Slot n raises PLIC interrupt
 * VIRTIO_IRQ_BASE + n (the QEMU virt convention, kept by the project's VMM).
 *
 * Driver sequence (virtio 1.x section 3.1.1):
 *   virtio_dev_t *d = virtio_claim(VIRTIO_ID_BALLOON);          // first unclaimed device
 *   virtio_begin(d, wanted_features);   // reset, ACKNOWLEDGE, DRIVER, negotiate, FEATURES_OK
 *   virtq_t *q = virtio_queue_setup(d, 0, 128, done_cb);        // ring memory from page_alloc
 *   d->config_changed = my_config_cb;   // optional, runs in interrupt context
 *   virtio_driver_ok(d);                // DRIVER_OK, enable its PLIC interrupt
 * then virtq_add / virtio_notify (or virtq_kick) / completions (done_cb from the interrupt, or
 * polling virtq_get_used with interrupts off). VIRTIO_F_VERSION_1 is always negotiated;
 * virtio_begin fails if the device does not offer it.
 */
#ifndef GUEST_VIRTIO_H
#define GUEST_VIRTIO_H

#include <stdbool.h>
#include <stdint.h>

#include "virtqueue.h"

#define VIRTIO_MMIO_BASE 0x10001000u
#define VIRTIO_MMIO_STRIDE 0x1000u
#define VIRTIO_MMIO_SLOTS 8u
#define VIRTIO_IRQ_BASE 1u
#define VIRTIO_MAX_QUEUES 4u

#define VIRTIO_ID_NET 1u
#define VIRTIO_ID_BLOCK 2u
#define VIRTIO_ID_CONSOLE 3u
#define VIRTIO_ID_RNG 4u
#define VIRTIO_ID_BALLOON 5u

#define VIRTIO_F_VERSION_1 32u
#define VIRTIO_FEATURE(bit) (1ull << (bit))

/* Device status bits */
#define VIRTIO_STATUS_ACKNOWLEDGE 1u
#define VIRTIO_STATUS_DRIVER 2u
#define VIRTIO_STATUS_DRIVER_OK 4u
#define VIRTIO_STATUS_FEATURES_OK 8u
#define VIRTIO_STATUS_NEEDS_RESET 64u
#define VIRTIO_STATUS_FAILED 128u

typedef struct virtio_dev virtio_dev_t;
struct virtio_dev {
  uintptr_t base;
  unsigned slot;
  uint32_t irq;
  uint32_t device_id, vendor_id;
  uint64_t device_features;       /* offered */
  uint64_t features;              /* negotiated */
  bool claimed;
  virtq_t *queue[VIRTIO_MAX_QUEUES];
  void (*config_changed)(virtio_dev_t *dev); /* interrupt context */
  void *driver;                   /* the driver's own state */
  uint64_t irqs, config_irqs;
};

int virtio_probe(void);                  /* scans the slots once (boot); number found */
unsigned virtio_count(void);
virtio_dev_t *virtio_get(unsigned i);    /* i-th device found, NULL past the end */
virtio_dev_t *virtio_claim(uint32_t device_id); /* first unclaimed device of that type */

/* Reset and feature negotiation: accepts (offered & wanted) | VERSION_1. 0 or -E_IO. */
int virtio_begin(virtio_dev_t *d, uint64_t wanted);
static inline bool virtio_has_feature(const virtio_dev_t *d, unsigned bit) {
  return (d->features >> bit) & 1u;
}
/* Sets queue `index` up with min(size, QueueNumMax, VIRTQ_MAX_SIZE) entries rounded down to a
 * power of two. `done` (may be NULL) is called from the interrupt for each completion. */
virtq_t *virtio_queue_setup(virtio_dev_t *d, unsigned index, uint16_t size, virtq_done_fn done);
void virtio_driver_ok(virtio_dev_t *d);  /* DRIVER_OK and PLIC enable */
void virtio_fail(virtio_dev_t *d);       /* FAILED */
void virtio_reset(virtio_dev_t *d);      /* status 0: the device forgets queues and features */
void virtio_notify(virtq_t *vq);         /* QueueNotify (also the vq->notify hook) */
/* Processes the device's interrupt (normally called from the PLIC handler). */
void virtio_irq(virtio_dev_t *d);

/* Device configuration space, read consistently (ConfigGeneration re-check) for >32-bit. */
uint8_t virtio_cfg_read8(virtio_dev_t *d, uint32_t off);
uint16_t virtio_cfg_read16(virtio_dev_t *d, uint32_t off);
uint32_t virtio_cfg_read32(virtio_dev_t *d, uint32_t off);
uint64_t virtio_cfg_read64(virtio_dev_t *d, uint32_t off);
void virtio_cfg_write32(virtio_dev_t *d, uint32_t off, uint32_t v);

#endif
