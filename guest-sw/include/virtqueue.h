/* Split virtqueue (virtio 1.x, section 2.7) driver-side ring logic. Portable C, host-tested with
 * a fake device: it only reads and writes the three ring areas in memory and calls a notify
 * hook, so the transport (virtio.h, MMIO) stays separate.
 *
 * Buffers are given by *physical* address (what the device sees). In the guest kernel RAM is
 * identity-mapped, so a kernel pointer into RAM is its physical address.
 *
 * Not thread-safe: the guest kernel is non-preemptive and calls this with interrupts off. */
#ifndef GUEST_VIRTQUEUE_H
#define GUEST_VIRTQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VIRTQ_DESC_F_NEXT 1u
#define VIRTQ_DESC_F_WRITE 2u
#define VIRTQ_MAX_SIZE 128u /* the three areas of a 128-entry queue fit one 4 KiB page */

struct virtq_desc {
  uint64_t addr;
  uint32_t len;
  uint16_t flags;
  uint16_t next;
};
struct virtq_avail {
  uint16_t flags;
  uint16_t idx;
  uint16_t ring[]; /* then uint16_t used_event */
};
struct virtq_used_elem {
  uint32_t id;
  uint32_t len;
};
struct virtq_used {
  uint16_t flags;
  uint16_t idx;
  struct virtq_used_elem ring[]; /* then uint16_t avail_event */
};

/* One buffer of a request: device-readable ("out") or device-writable ("in"). */
typedef struct virtq_buf {
  uint64_t addr; /* physical */
  uint32_t len;
} virtq_buf_t;

typedef struct virtq virtq_t;
typedef void (*virtq_notify_fn)(virtq_t *vq);
/* Called by virtio_irq() for each completion when the queue has a callback (see virtio.h). */
typedef void (*virtq_done_fn)(virtq_t *vq, void *cookie, uint32_t len);

struct virtq {
  uint16_t size;        /* entries, power of two <= VIRTQ_MAX_SIZE */
  uint16_t index;       /* queue number within its device */
  uint16_t free_head;   /* first free descriptor (chained through .next) */
  uint16_t num_free;
  uint16_t last_used;   /* used->idx value consumed so far */
  volatile struct virtq_desc *desc;
  volatile struct virtq_avail *avail;
  volatile struct virtq_used *used;
  uint64_t desc_pa, avail_pa, used_pa; /* for the transport */
  void *cookie[VIRTQ_MAX_SIZE];        /* per head descriptor */
  virtq_notify_fn notify;
  virtq_done_fn done;
  void *priv;           /* the transport's / driver's context */
  uint64_t added, completed, kicks;
};

/* Bytes of ring memory for `size` entries (desc | avail | used, all in one block). */
size_t virtq_mem_size(uint16_t size);
/* Lays the rings out in `mem` (zeroed here; 16-byte aligned, virtq_mem_size bytes, physical
 * address mem_pa). Returns 0, or -1 if size is not a power of two in 1..VIRTQ_MAX_SIZE. */
int virtq_init(virtq_t *vq, uint16_t index, uint16_t size, void *mem, uint64_t mem_pa,
               virtq_notify_fn notify);

/* Queues one request made of n_out device-readable buffers followed by n_in device-writable
 * ones, and makes it available (without notifying). cookie (non-NULL) comes back from
 * virtq_get_used. Returns the head descriptor index, or -1 if there are not enough free
 * descriptors or the request is empty. */
int virtq_add(virtq_t *vq, const virtq_buf_t *out, unsigned n_out, const virtq_buf_t *in,
              unsigned n_in, void *cookie);
/* Notifies the device (calls notify) unless it asked not to be (VIRTQ_USED_F_NO_NOTIFY). */
void virtq_kick(virtq_t *vq);
bool virtq_has_used(const virtq_t *vq);
/* Takes one completed request: returns its cookie and the bytes the device wrote (*len),
 * freeing its descriptors; NULL if none. A used element naming a descriptor that is not the head
 * of an outstanding request is dropped (counted in bad_used) and NULL is returned. */
void *virtq_get_used(virtq_t *vq, uint32_t *len);
static inline unsigned virtq_num_free(const virtq_t *vq) { return vq->num_free; }

extern uint64_t virtq_bad_used; /* device protocol errors seen (all queues) */

#endif
