/* virtio-blk driver (see virtio_blk.h): one request queue, one request at a time, completion
 * polled with interrupts off (the swap path is synchronous). */
#include "virtio_blk.h"

#include "kernel.h"
#include "riscv.h"
#include "virtio.h"

#define VIRTIO_BLK_F_RO 5u
#define VIRTIO_BLK_T_IN 0u
#define VIRTIO_BLK_T_OUT 1u
#define VIRTIO_BLK_S_OK 0u

struct blk_dev {
  virtio_dev_t *vdev;
  virtq_t *vq;
  uint64_t capacity;
  bool ro;
  uint64_t reads, writes, errors;
};

struct blk_req_hdr {
  uint32_t type;
  uint32_t reserved;
  uint64_t sector;
};

static blk_dev_t blk;
static struct blk_req_hdr hdr __attribute__((aligned(16)));
static volatile uint8_t status_byte __attribute__((aligned(4)));

blk_dev_t *virtio_blk_init(void) {
  virtio_dev_t *d = virtio_claim(VIRTIO_ID_BLOCK);
  if (!d) return NULL;
  if (virtio_begin(d, VIRTIO_FEATURE(VIRTIO_BLK_F_RO)) != 0) return NULL;
  virtq_t *vq = virtio_queue_setup(d, 0, 16, NULL);
  if (!vq) {
    virtio_fail(d);
    return NULL;
  }
  blk.vdev = d;
  blk.vq = vq;
  blk.capacity = virtio_cfg_read64(d, 0);
  blk.ro = virtio_has_feature(d, VIRTIO_BLK_F_RO);
  d->driver = &blk;
  virtio_driver_ok(d);
  klog("blk", "virtio-blk slot %u: %llu sectors (%llu MiB)%s, queue %u entries", d->slot,
       (unsigned long long)blk.capacity, (unsigned long long)(blk.capacity >> 11),
       blk.ro ? ", read-only" : "", vq->size);
  return &blk;
}

uint64_t blk_capacity(const blk_dev_t *b) { return b->capacity; }
bool blk_read_only(const blk_dev_t *b) { return b->ro; }

int blk_rw(blk_dev_t *b, uint64_t sector, uintptr_t pa, uint32_t nsect, bool write) {
  if (sector + nsect > b->capacity || (write && b->ro)) return -E_INVAL;
  hdr.type = write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
  hdr.reserved = 0;
  hdr.sector = sector;
  status_byte = 0xff;
  virtq_buf_t out[2] = {{(uintptr_t)&hdr, sizeof hdr}, {pa, nsect * BLK_SECTOR_SIZE}};
  virtq_buf_t in[2] = {{pa, nsect * BLK_SECTOR_SIZE}, {(uintptr_t)&status_byte, 1}};
  int head = write ? virtq_add(b->vq, out, 2, &in[1], 1, &blk)
                   : virtq_add(b->vq, out, 1, in, 2, &blk);
  if (head < 0) return -E_BUSY;
  virtq_kick(b->vq);
  /* Wait: wfi returns on any pending enabled interrupt even with SIE clear. */
  while (!virtq_has_used(b->vq)) wfi();
  uint32_t len;
  void *c = virtq_get_used(b->vq, &len);
  if (write) b->writes++;
  else b->reads++;
  if (c != &blk || status_byte != VIRTIO_BLK_S_OK) {
    b->errors++;
    return -E_IO;
  }
  return 0;
}
