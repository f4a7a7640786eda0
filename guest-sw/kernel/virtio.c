/* virtio-mmio version 2 transport (see virtio.h). */
#include "virtio.h"

#include "kernel.h"
#include "mm.h"
#include "plic.h"

#define VIRTIO_MAGIC 0x74726976u /* "virt" */
enum {
  R_MAGIC = 0x000, R_VERSION = 0x004, R_DEVICE_ID = 0x008, R_VENDOR_ID = 0x00c,
  R_DEVICE_FEATURES = 0x010, R_DEVICE_FEATURES_SEL = 0x014, R_DRIVER_FEATURES = 0x020,
  R_DRIVER_FEATURES_SEL = 0x024, R_QUEUE_SEL = 0x030, R_QUEUE_NUM_MAX = 0x034,
  R_QUEUE_NUM = 0x038, R_QUEUE_READY = 0x044, R_QUEUE_NOTIFY = 0x050,
  R_INTERRUPT_STATUS = 0x060, R_INTERRUPT_ACK = 0x064, R_STATUS = 0x070,
  R_QUEUE_DESC_LOW = 0x080, R_QUEUE_DESC_HIGH = 0x084, R_QUEUE_DRIVER_LOW = 0x090,
  R_QUEUE_DRIVER_HIGH = 0x094, R_QUEUE_DEVICE_LOW = 0x0a0, R_QUEUE_DEVICE_HIGH = 0x0a4,
  R_CONFIG_GENERATION = 0x0fc, R_CONFIG = 0x100,
};

static virtio_dev_t devs[VIRTIO_MMIO_SLOTS];
static unsigned ndevs;
static virtq_t vq_pool[VIRTIO_MMIO_SLOTS * 2];
static unsigned vq_used_count;

static inline uint32_t rd(const virtio_dev_t *d, uint32_t off) {
  return *(volatile uint32_t *)(d->base + off);
}
static inline void wr(const virtio_dev_t *d, uint32_t off, uint32_t v) {
  *(volatile uint32_t *)(d->base + off) = v;
}

static const char *dev_name(uint32_t id) {
  switch (id) {
    case VIRTIO_ID_NET: return "net";
    case VIRTIO_ID_BLOCK: return "blk";
    case VIRTIO_ID_CONSOLE: return "console";
    case VIRTIO_ID_RNG: return "rng";
    case VIRTIO_ID_BALLOON: return "balloon";
    default: return "other";
  }
}

int virtio_probe(void) {
  ndevs = 0;
  for (unsigned slot = 0; slot < VIRTIO_MMIO_SLOTS; slot++) {
    virtio_dev_t probe = {0};
    probe.base = VIRTIO_MMIO_BASE + slot * VIRTIO_MMIO_STRIDE;
    uint32_t magic = rd(&probe, R_MAGIC), version = rd(&probe, R_VERSION);
    uint32_t id = rd(&probe, R_DEVICE_ID);
    if (magic != VIRTIO_MAGIC || id == 0) continue;
    if (version != 2) {
      klog("virtio", "slot %u: device id %u has version %u (legacy), ignored", slot, id, version);
      continue;
    }
    virtio_dev_t *d = &devs[ndevs++];
    *d = probe;
    d->slot = slot;
    d->irq = VIRTIO_IRQ_BASE + slot;
    d->device_id = id;
    d->vendor_id = rd(d, R_VENDOR_ID);
    klog("virtio", "slot %u @0x%08x: %s (device id %u, vendor 0x%x, irq %u)", slot,
         (unsigned)d->base, dev_name(id), id, d->vendor_id, d->irq);
  }
  klog("virtio", "probe: %u device(s)", ndevs);
  return (int)ndevs;
}

unsigned virtio_count(void) { return ndevs; }
virtio_dev_t *virtio_get(unsigned i) { return i < ndevs ? &devs[i] : NULL; }

virtio_dev_t *virtio_claim(uint32_t device_id) {
  for (unsigned i = 0; i < ndevs; i++) {
    if (devs[i].device_id == device_id && !devs[i].claimed) {
      devs[i].claimed = true;
      return &devs[i];
    }
  }
  return NULL;
}

void virtio_reset(virtio_dev_t *d) {
  wr(d, R_STATUS, 0);
  while (rd(d, R_STATUS) != 0) {
  }
}

void virtio_fail(virtio_dev_t *d) { wr(d, R_STATUS, rd(d, R_STATUS) | VIRTIO_STATUS_FAILED); }

int virtio_begin(virtio_dev_t *d, uint64_t wanted) {
  virtio_reset(d);
  wr(d, R_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
  wr(d, R_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
  wr(d, R_DEVICE_FEATURES_SEL, 0);
  uint64_t offered = rd(d, R_DEVICE_FEATURES);
  wr(d, R_DEVICE_FEATURES_SEL, 1);
  offered |= (uint64_t)rd(d, R_DEVICE_FEATURES) << 32;
  d->device_features = offered;
  if (!(offered & VIRTIO_FEATURE(VIRTIO_F_VERSION_1))) {
    klog("virtio", "slot %u: no VIRTIO_F_VERSION_1", d->slot);
    virtio_fail(d);
    return -E_IO;
  }
  uint64_t accept = (offered & wanted) | VIRTIO_FEATURE(VIRTIO_F_VERSION_1);
  wr(d, R_DRIVER_FEATURES_SEL, 0);
  wr(d, R_DRIVER_FEATURES, (uint32_t)accept);
  wr(d, R_DRIVER_FEATURES_SEL, 1);
  wr(d, R_DRIVER_FEATURES, (uint32_t)(accept >> 32));
  wr(d, R_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
  if (!(rd(d, R_STATUS) & VIRTIO_STATUS_FEATURES_OK)) {
    klog("virtio", "slot %u: device refused features 0x%llx", d->slot, (unsigned long long)accept);
    virtio_fail(d);
    return -E_IO;
  }
  d->features = accept;
  return 0;
}

void virtio_notify(virtq_t *vq) {
  virtio_dev_t *d = vq->priv;
  wr(d, R_QUEUE_NOTIFY, vq->index);
}

virtq_t *virtio_queue_setup(virtio_dev_t *d, unsigned index, uint16_t size, virtq_done_fn done) {
  if (index >= VIRTIO_MAX_QUEUES || d->queue[index] || vq_used_count == ARRAY_SIZE(vq_pool))
    return NULL;
  wr(d, R_QUEUE_SEL, index);
  if (rd(d, R_QUEUE_READY)) return NULL;
  uint32_t max = rd(d, R_QUEUE_NUM_MAX);
  if (max == 0) return NULL;
  uint32_t n = size < max ? size : max;
  if (n > VIRTQ_MAX_SIZE) n = VIRTQ_MAX_SIZE;
  while (n & (n - 1)) n &= n - 1; /* round down to a power of two */
  uintptr_t mem = page_alloc(PA_KERNEL | PA_ZERO);
  if (!mem) return NULL;
  virtq_t *vq = &vq_pool[vq_used_count++];
  virtq_init(vq, (uint16_t)index, (uint16_t)n, (void *)mem, mem, virtio_notify);
  vq->done = done;
  vq->priv = d;
  wr(d, R_QUEUE_NUM, n);
  wr(d, R_QUEUE_DESC_LOW, (uint32_t)vq->desc_pa);
  wr(d, R_QUEUE_DESC_HIGH, (uint32_t)(vq->desc_pa >> 32));
  wr(d, R_QUEUE_DRIVER_LOW, (uint32_t)vq->avail_pa);
  wr(d, R_QUEUE_DRIVER_HIGH, (uint32_t)(vq->avail_pa >> 32));
  wr(d, R_QUEUE_DEVICE_LOW, (uint32_t)vq->used_pa);
  wr(d, R_QUEUE_DEVICE_HIGH, (uint32_t)(vq->used_pa >> 32));
  wr(d, R_QUEUE_READY, 1);
  d->queue[index] = vq;
  return vq;
}

static void irq_handler(void *arg) { virtio_irq(arg); }

void virtio_driver_ok(virtio_dev_t *d) {
  wr(d, R_STATUS, rd(d, R_STATUS) | VIRTIO_STATUS_DRIVER_OK);
  plic_register(d->irq, irq_handler, d);
}

void virtio_irq(virtio_dev_t *d) {
  uint32_t st = rd(d, R_INTERRUPT_STATUS);
  wr(d, R_INTERRUPT_ACK, st);
  d->irqs++;
  if (st & 1u) {
    for (unsigned i = 0; i < VIRTIO_MAX_QUEUES; i++) {
      virtq_t *vq = d->queue[i];
      if (!vq || !vq->done) continue;
      uint32_t len;
      void *cookie;
      while ((cookie = virtq_get_used(vq, &len)) != NULL) vq->done(vq, cookie, len);
    }
  }
  if (st & 2u) {
    d->config_irqs++;
    if (d->config_changed) d->config_changed(d);
  }
}

uint8_t virtio_cfg_read8(virtio_dev_t *d, uint32_t off) {
  return *(volatile uint8_t *)(d->base + R_CONFIG + off);
}
uint16_t virtio_cfg_read16(virtio_dev_t *d, uint32_t off) {
  return *(volatile uint16_t *)(d->base + R_CONFIG + off);
}
uint32_t virtio_cfg_read32(virtio_dev_t *d, uint32_t off) { return rd(d, R_CONFIG + off); }
uint64_t virtio_cfg_read64(virtio_dev_t *d, uint32_t off) {
  uint32_t gen, lo, hi;
  do {
    gen = rd(d, R_CONFIG_GENERATION);
    lo = rd(d, R_CONFIG + off);
    hi = rd(d, R_CONFIG + off + 4);
  } while (gen != rd(d, R_CONFIG_GENERATION));
  return ((uint64_t)hi << 32) | lo;
}
void virtio_cfg_write32(virtio_dev_t *d, uint32_t off, uint32_t v) { wr(d, R_CONFIG + off, v); }
