/* virtio-balloon device (OASIS virtio 1.2, section 5.5): numbers from the specification, and
 * the guest's virtio-balloon backend of the balloon driver (kernel/balloon_virtio.c). */
#ifndef GUEST_VIRTIO_BALLOON_H
#define GUEST_VIRTIO_BALLOON_H

#include <stdint.h>

/* Feature bits (5.5.3) */
#define VIRTIO_BALLOON_F_MUST_TELL_HOST 0u  /* tell the host before using deflated pages */
#define VIRTIO_BALLOON_F_STATS_VQ 1u        /* statistics queue present */
#define VIRTIO_BALLOON_F_DEFLATE_ON_OOM 2u  /* the guest may deflate when out of memory */
#define VIRTIO_BALLOON_F_FREE_PAGE_HINT 3u
#define VIRTIO_BALLOON_F_PAGE_POISON 4u
#define VIRTIO_BALLOON_F_PAGE_REPORTING 5u

/* Queues (5.5.2) */
#define VIRTIO_BALLOON_Q_INFLATE 0u
#define VIRTIO_BALLOON_Q_DEFLATE 1u
#define VIRTIO_BALLOON_Q_STATS 2u

/* Configuration layout (5.5.4): le32 num_pages (device writes), le32 actual (driver writes). */
#define VIRTIO_BALLOON_CFG_NUM_PAGES 0u
#define VIRTIO_BALLOON_CFG_ACTUAL 4u

/* Page-frame numbers in the inflate/deflate queues are in 4096-byte units, as le32. */
#define VIRTIO_BALLOON_PFN_SHIFT 12u

/* A statistic (5.5.6.3): 10 bytes, packed, little endian. Tags: BALLOON_STAT_* (balloon_sbi.h). */
struct virtio_balloon_stat {
  uint16_t tag;
  uint64_t val;
} __attribute__((packed));
_Static_assert(sizeof(struct virtio_balloon_stat) == 10, "virtio_balloon_stat is 10 bytes");

/* The stats the guest reports (in this order). */
#define VIRTIO_BALLOON_NSTATS 8u

struct balloon_backend;
struct balloon;
struct virtio_dev;
struct guest_meminfo;

/* Fills st[VIRTIO_BALLOON_NSTATS] from the kernel's statistics (portable, unit-tested). */
void virtio_balloon_fill_stats(struct virtio_balloon_stat *st, const struct guest_meminfo *mi);

/* Probes for a virtio-balloon device and sets it up (features MUST_TELL_HOST, STATS_VQ,
 * DEFLATE_ON_OOM when offered). Returns the backend and its context (*ctx), or NULL. `wake` is
 * the channel woken (proc_wakeup) on a configuration change or a statistics request. */
const struct balloon_backend *balloon_virtio_probe(void **ctx, const void *wake);
/* True if the host allows deflating on OOM (DEFLATE_ON_OOM negotiated). */
int balloon_virtio_deflate_on_oom(void *ctx);
/* The negotiated features (for the log and KCTL_BALLOON_INFO). */
uint64_t balloon_virtio_features(void *ctx);

#endif
