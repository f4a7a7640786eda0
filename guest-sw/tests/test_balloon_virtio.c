/* Host unit test of the virtio-balloon backend (kernel/balloon_virtio.c) over the real split
 * virtqueue code (kernel/virtqueue.c), the real driver core (balloon.c) and page allocator core
 * (pmm.c), with a fake virtio-mmio transport and a fake balloon device that reads the rings the
 * way QEMU does: le32 PFN lists on inflateq/deflateq, config num_pages/actual, a statistics
 * buffer it keeps and returns when it wants fresh values. Device errors (a request never
 * completed, a completion of a descriptor it was not given) must leave the guest consistent. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "balloon.h"
#include "guest_abi.h"
#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "test_util.h"
#include "timer.h"
#include "virtio.h"
#include "virtio_balloon.h"

/* ---------------------------------------------------------------- fake kernel */
#define BASE_PFN 0x80000u
#define NPAGES 1024u
pmm_t kpmm;
static page_desc_t descs[NPAGES];
/* Guest "RAM": the pages the allocator hands out are real host memory (the backend writes its
 * PFN list and statistics into its page), mapped low so that page numbers fit in 32 bits. */
static uint8_t (*ram)[4096];

uintptr_t page_alloc(unsigned flags) {
  uint32_t pfn = pmm_alloc(&kpmm, flags & (PMM_RECLAIM | PMM_NO_OOM | PMM_RESERVE), PAGE_KERNEL);
  return pfn == PMM_NONE ? 0 : pfn_to_pa(pfn);
}
void page_free(uintptr_t pa) { CHECK(pmm_free(&kpmm, pa_to_pfn(pa)) == 0); }
void page_set_type(uintptr_t pa, enum page_type t) { pmm_set_type(&kpmm, pa_to_pfn(pa), t); }
page_desc_t *page_desc(uintptr_t pa) { return pmm_desc(&kpmm, pa_to_pfn(pa)); }
void klog(const char *sub, const char *fmt, ...) {
  if (!getenv("VERBOSE")) return;
  va_list ap;
  va_start(ap, fmt);
  printf("%s: ", sub);
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
}
void mm_get_meminfo(struct guest_meminfo *mi) {
  memset(mi, 0, sizeof *mi);
  mi->page_size = 4096;
  mi->total_pages = kpmm.st.total_pages;
  mi->free_pages = kpmm.st.free_pages;
  mi->avail_pages = kpmm.st.free_pages;
  mi->swap_out = 7;
  mi->minflt = 1234;
}
static uint64_t fake_us;
uint64_t time_now_us(void) { return fake_us; }
static int waits;
static proc_t fake_proc;
proc_t *proc_current(void) { return &fake_proc; }
static void device_process(void);
bool proc_wait(const void *chan, uint64_t t) {
  (void)chan;
  (void)t;
  waits++;
  fake_us += 10000; /* one tick */
  device_process(); /* a slow device completes later */
  return false;
}
void proc_wakeup(const void *chan) { (void)chan; }

static uint32_t ram_pfn0;

/* ---------------------------------------------------------------- fake transport + device */
static virtio_dev_t dev;
static virtq_t queues[3];
static uint8_t qmem[3][8192] __attribute__((aligned(16)));
static uint32_t cfg_num_pages, cfg_actual;
static int dev_mode; /* 0 good, 1 never completes, 2 completes a bogus id */
static uint8_t held[NPAGES];
static uint32_t n_held, dev_errors, stats_seen;
static uint16_t last_avail[3];
static int stats_held; /* the device holds the stats buffer */
static uint16_t stats_head;

virtio_dev_t *virtio_claim(uint32_t id) {
  if (id != VIRTIO_ID_BALLOON || dev.claimed) return NULL;
  dev.claimed = true;
  return &dev;
}
int virtio_begin(virtio_dev_t *d, uint64_t wanted) {
  d->features = (d->device_features & wanted) | VIRTIO_FEATURE(VIRTIO_F_VERSION_1);
  return 0;
}
virtq_t *virtio_queue_setup(virtio_dev_t *d, unsigned index, uint16_t size, virtq_done_fn done) {
  virtq_t *vq = &queues[index];
  if (virtq_init(vq, (uint16_t)index, size, qmem[index], (uint64_t)(uintptr_t)qmem[index], NULL))
    return NULL;
  vq->done = done;
  d->queue[index] = vq;
  return vq;
}
void virtio_driver_ok(virtio_dev_t *d) { (void)d; }
void virtio_fail(virtio_dev_t *d) { (void)d; }
void virtio_notify(virtq_t *vq) {
  (void)vq;
  if (dev_mode == 0) device_process();
}
uint32_t virtio_cfg_read32(virtio_dev_t *d, uint32_t off) {
  (void)d;
  return off == VIRTIO_BALLOON_CFG_NUM_PAGES ? cfg_num_pages : cfg_actual;
}
void virtio_cfg_write32(virtio_dev_t *d, uint32_t off, uint32_t v) {
  (void)d;
  if (off == VIRTIO_BALLOON_CFG_ACTUAL) cfg_actual = v;
}

static void push_used(virtq_t *vq, uint32_t id, uint32_t len) {
  uint16_t u = vq->used->idx;
  vq->used->ring[u % vq->size].id = id;
  vq->used->ring[u % vq->size].len = len;
  vq->used->idx = (uint16_t)(u + 1);
}

static void device_process(void) {
  if (dev_mode == 1) return;
  for (unsigned q = 0; q < 3; q++) {
    virtq_t *vq = &queues[q];
    if (!vq->size) continue;
    while (last_avail[q] != vq->avail->idx) {
      uint16_t head = vq->avail->ring[last_avail[q] % vq->size];
      last_avail[q]++;
      volatile struct virtq_desc *d = &vq->desc[head];
      if (d->flags & VIRTQ_DESC_F_WRITE) dev_errors++; /* the driver only sends */
      if (q == VIRTIO_BALLOON_Q_STATS) {
        const struct virtio_balloon_stat *st = (const void *)(uintptr_t)d->addr;
        CHECK_EQ(d->len, VIRTIO_BALLOON_NSTATS * 10);
        CHECK_EQ(st[0].tag, BALLOON_STAT_SWAP_IN);
        CHECK_EQ(st[1].val, 7ull * 4096);
        CHECK_EQ(st[3].val, 1234);
        CHECK_EQ(st[5].val, (uint64_t)kpmm.st.total_pages * 4096);
        stats_seen++;
        stats_held = 1; /* kept until the device wants new values */
        stats_head = head;
        continue;
      }
      const uint32_t *pfn = (const uint32_t *)(uintptr_t)d->addr;
      for (uint32_t i = 0; i < d->len / 4; i++) {
        uint32_t idx = pfn[i] - ram_pfn0;
        if (idx >= NPAGES) {
          dev_errors++;
          continue;
        }
        if (q == VIRTIO_BALLOON_Q_INFLATE) {
          if (held[idx] || descs[idx].type != PAGE_BALLOON) dev_errors++;
          held[idx] = 1;
          n_held++;
        } else {
          if (!held[idx]) dev_errors++;
          held[idx] = 0;
          n_held--;
        }
      }
      push_used(vq, dev_mode == 2 ? (head + 1u) % vq->size : head, 0);
    }
  }
}

/* The device asks for statistics: returns the buffer it holds (as QEMU's polling timer does). */
static void device_request_stats(void) {
  if (!stats_held) return;
  stats_held = 0;
  push_used(&queues[VIRTIO_BALLOON_Q_STATS], stats_head, 0);
  virtq_t *vq = &queues[VIRTIO_BALLOON_Q_STATS];
  uint32_t len;
  void *c;
  while ((c = virtq_get_used(vq, &len)) != NULL) vq->done(vq, c, len);
}

/* ---------------------------------------------------------------- tests */
const struct balloon_backend *balloon_virtio_probe(void **ctx, const void *wake);

static void setup(uint64_t features) {
  memset(descs, 0, sizeof descs);
  memset(&dev, 0, sizeof dev);
  memset(queues, 0, sizeof queues);
  memset(held, 0, sizeof held);
  memset(last_avail, 0, sizeof last_avail);
  n_held = dev_errors = stats_seen = 0;
  stats_held = 0;
  cfg_num_pages = cfg_actual = 0;
  dev_mode = 0;
  ram_pfn0 = (uint32_t)((uintptr_t)ram[0] >> 12);
  pmm_init(&kpmm, descs, ram_pfn0, NPAGES);
  pmm_add_range(&kpmm, ram_pfn0, NPAGES);
  dev.device_id = VIRTIO_ID_BALLOON;
  dev.device_features = features | VIRTIO_FEATURE(VIRTIO_F_VERSION_1);
}

static void run(balloon_t *b, int rounds) {
  for (int i = 0; i < rounds; i++) {
    fake_us += 100000;
    balloon_core_round(b, fake_us);
  }
}

static void check_consistent(balloon_t *b) {
  CHECK(pmm_check(&kpmm) == 0);
  CHECK(balloon_core_check(b) == 0);
  CHECK_EQ(dev_errors, 0);
  if (!b->broken) {
    CHECK_EQ(n_held, b->size);
    CHECK_EQ(cfg_actual, b->size);
  }
}

int main(void) {
  void *m = mmap((void *)0x40000000ul, (size_t)NPAGES * 4096, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (m == MAP_FAILED)
    m = mmap(NULL, (size_t)NPAGES * 4096, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
  if (m == MAP_FAILED || ((uintptr_t)m >> 12) >> 32) {
    fprintf(stderr, "cannot map the fake RAM low enough\n");
    return 1;
  }
  ram = m;
  static const char wake = 0;
  balloon_t b;

  /* 1. A well-behaved device with every feature the driver wants. */
  setup(VIRTIO_FEATURE(VIRTIO_BALLOON_F_STATS_VQ) |
        VIRTIO_FEATURE(VIRTIO_BALLOON_F_MUST_TELL_HOST) |
        VIRTIO_FEATURE(VIRTIO_BALLOON_F_DEFLATE_ON_OOM));
  void *ctx = NULL;
  const struct balloon_backend *be = balloon_virtio_probe(&ctx, &wake);
  CHECK(be != NULL);
  if (!be) return test_report("balloon_virtio");
  CHECK(dev.features & VIRTIO_FEATURE(VIRTIO_BALLOON_F_MUST_TELL_HOST));
  CHECK_EQ(stats_seen, 1); /* the device got the first stats buffer at setup */
  balloon_core_init(&b, be, ctx, 800);
  cfg_num_pages = 600;
  run(&b, 50);
  CHECK_EQ(b.size, 600);
  check_consistent(&b);
  /* Statistics requests are answered with a fresh buffer. */
  device_request_stats();
  run(&b, 1);
  CHECK_EQ(stats_seen, 2);
  device_request_stats();
  run(&b, 1);
  CHECK_EQ(stats_seen, 3);
  /* Deflate, and a target above the limit is clamped. */
  cfg_num_pages = 100;
  run(&b, 50);
  CHECK_EQ(b.size, 100);
  check_consistent(&b);
  cfg_num_pages = 5000;
  run(&b, 100);
  CHECK(b.size <= 800);
  CHECK_EQ(b.st.target_clamped, 1);
  check_consistent(&b);
  /* OOM release (DEFLATE_ON_OOM negotiated): pages go back at once. */
  uint32_t before = b.size;
  CHECK_EQ(balloon_core_release(&b, 50), 50);
  CHECK_EQ(b.size, before - 50);
  check_consistent(&b);
  /* Random targets, every round. */
  for (int i = 0; i < 300; i++) {
    cfg_num_pages = (uint32_t)(rand() % 1200);
    run(&b, 1);
  }
  cfg_num_pages = 0;
  run(&b, 100);
  CHECK_EQ(b.size, 0);
  check_consistent(&b);
  CHECK_EQ(kpmm.st.free_pages, kpmm.st.total_pages - 1); /* only the driver's buffer page */

  /* 2. A device that never completes: the driver times out, declares it broken, keeps the
   * pages it had already given, and the kernel goes on. */
  setup(0);
  be = balloon_virtio_probe(&ctx, &wake);
  CHECK(be != NULL);
  balloon_core_init(&b, be, ctx, 800);
  cfg_num_pages = 300;
  run(&b, 5);
  uint32_t given = b.size;
  CHECK(given > 0);
  dev_mode = 1;
  waits = 0;
  run(&b, 5);
  CHECK(b.broken);
  CHECK(waits > 0 && waits < 1000);
  CHECK_EQ(b.size, given);
  CHECK(pmm_check(&kpmm) == 0);
  CHECK(balloon_core_check(&b) == 0);
  /* Broken: no further rounds do anything, no crash. */
  run(&b, 5);
  CHECK_EQ(b.size, given);

  /* 3. A device that completes a descriptor it was not given. */
  setup(0);
  be = balloon_virtio_probe(&ctx, &wake);
  balloon_core_init(&b, be, ctx, 800);
  cfg_num_pages = 300;
  dev_mode = 2;
  run(&b, 5);
  CHECK(b.broken);
  CHECK(pmm_check(&kpmm) == 0);
  CHECK(balloon_core_check(&b) == 0);
  CHECK(kpmm.st.by_type[PAGE_BALLOON] == b.size);
  return test_report("balloon_virtio");
}
