/* virtio-balloon backend of the balloon driver (OASIS virtio 1.2, 5.5), over the kernel's
 * virtio-mmio v2 transport (virtio.h) and split virtqueues (virtqueue.h).
 *
 *  - target: config num_pages (the device raises a configuration-change interrupt when it
 *    changes; the callback wakes the driver thread);
 *  - inflate/deflate: one device-readable buffer of le32 page-frame numbers per request on
 *    inflateq/deflateq; the driver waits for the device to use it before the pages change hands
 *    (with MUST_TELL_HOST that is required on deflate; we always do it, which is also correct
 *    without it);
 *  - size: config actual, written after every change;
 *  - statistics (STATS_VQ): one buffer of 8 tagged values, kept with the device; when the device
 *    returns it (its polling timer), the driver refreshes the values and gives it back;
 *  - DEFLATE_ON_OOM: balloon_oom_release may take pages back below the target.
 * A device that does not complete a request within BALLOON_VIRTIO_TIMEOUT_MS, or completes one
 * it was not given, is declared broken: the driver stops using it (pages already in the balloon
 * stay there, because the device may still think it holds them) and the guest keeps running. */
#include "virtio_balloon.h"

#include "balloon.h"
#include "guest_abi.h"
#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "timer.h"
#include "virtio.h"

#define BALLOON_VIRTIO_TIMEOUT_MS 2000u
#define BALLOON_VIRTIO_QSIZE 8u

typedef struct vballoon {
  virtio_dev_t *dev;
  virtq_t *inflateq, *deflateq, *statsq;
  uint32_t *pfns;                       /* one page: le32 pfn list of the request in flight */
  struct virtio_balloon_stat *stats;    /* in the same page, after the pfn list */
  const void *wake;
  volatile int stats_returned;          /* set by the statsq completion (interrupt) */
  uint64_t stats_updates;
  uint64_t timeouts, bad_completions;
} vballoon_t;

static vballoon_t vb_state;
static int req_cookie; /* any non-NULL cookie */

void virtio_balloon_fill_stats(struct virtio_balloon_stat *st, const struct guest_meminfo *mi) {
  uint64_t ps = mi->page_size ? mi->page_size : 4096u;
  const struct {
    uint16_t tag;
    uint64_t val;
  } v[VIRTIO_BALLOON_NSTATS] = {
      {BALLOON_STAT_SWAP_IN, mi->swap_in * ps},
      {BALLOON_STAT_SWAP_OUT, mi->swap_out * ps},
      {BALLOON_STAT_MAJFLT, mi->majflt},
      {BALLOON_STAT_MINFLT, mi->minflt},
      {BALLOON_STAT_MEMFREE, (uint64_t)mi->free_pages * ps},
      {BALLOON_STAT_MEMTOT, (uint64_t)mi->total_pages * ps},
      {BALLOON_STAT_AVAIL, (uint64_t)mi->avail_pages * ps},
      {BALLOON_STAT_CACHES, (uint64_t)mi->cache_pages * ps},
  };
  for (unsigned i = 0; i < VIRTIO_BALLOON_NSTATS; i++) {
    /* Packed: the compiler emits byte-safe accesses (little endian guest = little endian wire). */
    st[i].tag = v[i].tag;
    st[i].val = v[i].val;
  }
}

static void broken(balloon_t *b, vballoon_t *vb, const char *why) {
  klog("balloon", "virtio-balloon: %s: device declared broken, ballooning stops", why);
  b->broken = true;
  virtio_fail(vb->dev);
}

/* Sends the first n pfns of b->pfn on vq and waits for the device to use the buffer. */
static int transfer(balloon_t *b, virtq_t *vq, const uint32_t *pfn, unsigned n) {
  vballoon_t *vb = b->be_ctx;
  if (b->broken) return -E_IO;
  for (unsigned i = 0; i < n; i++) vb->pfns[i] = pfn[i]; /* le32, guest is little endian */
  virtq_buf_t out = {(uint64_t)(uintptr_t)vb->pfns, n * 4u};
  if (virtq_add(vq, &out, 1, NULL, 0, &req_cookie) < 0) {
    broken(b, vb, "no free descriptor (a previous request never completed)");
    return -E_IO;
  }
  virtio_notify(vq);
  uint64_t deadline = time_now_us() + BALLOON_VIRTIO_TIMEOUT_MS * 1000ull;
  for (;;) {
    if (virtq_has_used(vq)) {
      uint32_t len;
      void *c = virtq_get_used(vq, &len);
      if (c == &req_cookie) return 0;
      vb->bad_completions++;
      broken(b, vb, "completion of a request it was not given");
      return -E_IO;
    }
    if (time_now_us() > deadline) {
      vb->timeouts++;
      broken(b, vb, "request not completed in time");
      return -E_IO;
    }
    /* QEMU completes at once; a slower device is polled every tick (or spun on when there is
     * no process to put to sleep). */
    if (proc_current()) proc_wait(vb->wake, 1);
  }
}

static int vb_get_target(balloon_t *b, uint32_t *target) {
  vballoon_t *vb = b->be_ctx;
  *target = virtio_cfg_read32(vb->dev, VIRTIO_BALLOON_CFG_NUM_PAGES);
  return 0;
}

static int vb_lock(balloon_t *b, const uint32_t *pfn, uint32_t *status, unsigned n) {
  vballoon_t *vb = b->be_ctx;
  int rc = transfer(b, vb->inflateq, pfn, n);
  if (rc < 0) return rc;
  for (unsigned i = 0; i < n; i++) status[i] = BALLOON_SBI_ST_OK; /* virtio never refuses */
  return 0;
}

static int vb_unlock(balloon_t *b, const uint32_t *pfn, uint32_t *status, unsigned n) {
  vballoon_t *vb = b->be_ctx;
  int rc = transfer(b, vb->deflateq, pfn, n);
  if (rc < 0) return rc;
  for (unsigned i = 0; i < n; i++) status[i] = BALLOON_SBI_ST_OK;
  return 0;
}

static void vb_report_size(balloon_t *b, uint32_t size) {
  vballoon_t *vb = b->be_ctx;
  if (!b->broken) virtio_cfg_write32(vb->dev, VIRTIO_BALLOON_CFG_ACTUAL, size);
}

static void stats_give(vballoon_t *vb) {
  struct guest_meminfo mi;
  mm_get_meminfo(&mi);
  virtio_balloon_fill_stats(vb->stats, &mi);
  virtq_buf_t out = {(uint64_t)(uintptr_t)vb->stats,
                     VIRTIO_BALLOON_NSTATS * sizeof(struct virtio_balloon_stat)};
  if (virtq_add(vb->statsq, &out, 1, NULL, 0, vb) >= 0) virtio_notify(vb->statsq);
}

static void vb_poll(balloon_t *b) {
  vballoon_t *vb = b->be_ctx;
  if (b->broken || !vb->statsq) return;
  if (vb->stats_returned) {
    vb->stats_returned = 0;
    vb->stats_updates++;
    stats_give(vb);
  }
}

static const balloon_backend_t vb_backend = {
    "virtio-balloon", BALLOON_BATCH_MAX, vb_get_target, vb_lock, vb_unlock, vb_report_size,
    vb_poll,
};

/* Interrupt context: the device changed num_pages. */
static void vb_config_changed(virtio_dev_t *d) {
  vballoon_t *vb = d->driver;
  proc_wakeup(vb->wake);
}

/* Interrupt context: the device returned the statistics buffer (it wants fresh values). */
static void vb_stats_done(virtq_t *vq, void *cookie, uint32_t len) {
  (void)vq;
  (void)len;
  vballoon_t *vb = &vb_state;
  if (cookie == vb) {
    vb->stats_returned = 1;
    proc_wakeup(vb->wake);
  } else {
    vb->bad_completions++;
  }
}

const balloon_backend_t *balloon_virtio_probe(void **ctx, const void *wake) {
  virtio_dev_t *d = virtio_claim(VIRTIO_ID_BALLOON);
  if (!d) return NULL;
  vballoon_t *vb = &vb_state;
  memset(vb, 0, sizeof *vb);
  vb->dev = d;
  vb->wake = wake;
  d->driver = vb;
  uint64_t want = VIRTIO_FEATURE(VIRTIO_BALLOON_F_MUST_TELL_HOST) |
                  VIRTIO_FEATURE(VIRTIO_BALLOON_F_STATS_VQ) |
                  VIRTIO_FEATURE(VIRTIO_BALLOON_F_DEFLATE_ON_OOM);
  if (virtio_begin(d, want) < 0) {
    klog("balloon", "virtio-balloon at slot %u: feature negotiation failed", d->slot);
    return NULL;
  }
  uintptr_t page = page_alloc(PA_KERNEL | PA_ZERO);
  if (!page) {
    virtio_fail(d);
    return NULL;
  }
  vb->pfns = (uint32_t *)page;
  vb->stats = (struct virtio_balloon_stat *)(page + BALLOON_BATCH_MAX * 4u);
  vb->inflateq = virtio_queue_setup(d, VIRTIO_BALLOON_Q_INFLATE, BALLOON_VIRTIO_QSIZE, NULL);
  vb->deflateq = virtio_queue_setup(d, VIRTIO_BALLOON_Q_DEFLATE, BALLOON_VIRTIO_QSIZE, NULL);
  if (virtio_has_feature(d, VIRTIO_BALLOON_F_STATS_VQ))
    vb->statsq = virtio_queue_setup(d, VIRTIO_BALLOON_Q_STATS, BALLOON_VIRTIO_QSIZE,
                                    vb_stats_done);
  if (!vb->inflateq || !vb->deflateq ||
      (virtio_has_feature(d, VIRTIO_BALLOON_F_STATS_VQ) && !vb->statsq)) {
    klog("balloon", "virtio-balloon at slot %u: queue setup failed", d->slot);
    virtio_fail(d);
    page_free(page);
    return NULL;
  }
  d->config_changed = vb_config_changed;
  virtio_driver_ok(d);
  /* The device starts with the statistics buffer (5.5.6.3). */
  if (vb->statsq) stats_give(vb);
  klog("balloon", "virtio-balloon at slot %u, irq %u: features%s%s%s, num_pages %u",
       d->slot, (unsigned)d->irq,
       virtio_has_feature(d, VIRTIO_BALLOON_F_MUST_TELL_HOST) ? " MUST_TELL_HOST" : "",
       virtio_has_feature(d, VIRTIO_BALLOON_F_STATS_VQ) ? " STATS_VQ" : "",
       virtio_has_feature(d, VIRTIO_BALLOON_F_DEFLATE_ON_OOM) ? " DEFLATE_ON_OOM" : "",
       (unsigned)virtio_cfg_read32(d, VIRTIO_BALLOON_CFG_NUM_PAGES));
  *ctx = vb;
  return &vb_backend;
}

int balloon_virtio_deflate_on_oom(void *ctx) {
  vballoon_t *vb = ctx;
  return vb && virtio_has_feature(vb->dev, VIRTIO_BALLOON_F_DEFLATE_ON_OOM);
}

uint64_t balloon_virtio_features(void *ctx) {
  vballoon_t *vb = ctx;
  return vb ? vb->dev->features : 0;
}
