/* The guest's balloon driver: the seed's loop (seeds/002, "Balloon driver:") over two protocols.
 *
 *   LOOP
 *     read the target (GET_TARGET / virtio config num_pages)
 *     IF target > size: take pages from the kernel's own allocator (page_alloc: fail-fast first,
 *                       then with reclaim, which may swap) and report them (LOCK / inflateq)
 *     IF target < size: report pages back (UNLOCK / deflateq) and free them
 *     wait for the next round (BALLOON_ROUND_MS) or a target-change notification
 *   END
 *
 * The protocol-independent part (this header, kernel/balloon.c) holds the pages, paces the work
 * with two adaptive rate controllers (balloon_rate.h) and keeps the statistics. A backend
 * (kernel/balloon_virtio.c, kernel/balloon_sbi.c) moves page lists to the host. The pages a
 * balloon holds are linked through their page descriptors (page_desc_t.link, type PAGE_BALLOON):
 * their contents belong to the host and are never read or written by the guest.
 *
 * The core is portable C (host unit test guest-sw/tests/test_balloon_core.c with a fake
 * allocator and a fake backend). */
#ifndef GUEST_BALLOON_H
#define GUEST_BALLOON_H

#include <stdbool.h>
#include <stdint.h>

#include "balloon_rate.h"
#include "balloon_sbi.h" /* per-page status codes, BALLOON_STAT_* tags */

#define BALLOON_BATCH_MAX 256u /* pages per LOCK/UNLOCK or inflate/deflate buffer */

typedef struct balloon balloon_t;

/* A protocol. Page statuses use the backdoor ABI's BALLOON_SBI_ST_* codes for both protocols. */
typedef struct balloon_backend {
  const char *name;
  unsigned batch_max; /* <= BALLOON_BATCH_MAX */
  /* The host's target balloon size in pages. 0, or -E_IO if the host cannot be asked. */
  int (*get_target)(balloon_t *b, uint32_t *target);
  /* Gives n pages to the host (inflation) / takes them back (deflation). Fills status[i] for each
   * page; returns 0, or a negative error if the call failed as a whole (then no page changed
   * hands and status[] is ignored). */
  int (*lock)(balloon_t *b, const uint32_t *pfn, uint32_t *status, unsigned n);
  int (*unlock)(balloon_t *b, const uint32_t *pfn, uint32_t *status, unsigned n);
  /* Optional: tells the host the current size (virtio "actual"). */
  void (*report_size)(balloon_t *b, uint32_t size);
  /* Optional: called once per round (statistics requests, device health). */
  void (*poll)(balloon_t *b);
} balloon_backend_t;

typedef struct balloon_stats {
  uint64_t rounds;
  uint64_t inflated, deflated;      /* pages given / taken back */
  uint64_t alloc_nowait, alloc_reclaim; /* successful allocations by mode */
  uint64_t alloc_fail_nowait, alloc_fail_reclaim;
  uint64_t refused;                 /* pages the host did not take (status != OK on LOCK) */
  uint64_t unlock_busy;             /* pages the host could not give back yet */
  uint64_t backend_errors;          /* whole-call failures */
  uint64_t target_changes, target_clamped;
  uint64_t oom_released;            /* pages released by balloon_oom_release */
  uint64_t backoffs_inflate, backoffs_deflate;
  uint32_t max_size;                /* largest size reached */
} balloon_stats_t;

struct balloon {
  const balloon_backend_t *be;
  void *be_ctx;
  uint32_t size;          /* pages held by the host (locked) */
  uint32_t target;        /* current target, clamped to limit */
  uint32_t target_raw;    /* as the host sent it */
  uint32_t limit;         /* most pages the balloon may ever hold */
  uint32_t head;          /* pfn of the first held page, PMM_NONE if none */
  balloon_rate_t inflate, deflate;
  uint64_t last_ms;       /* time of the previous round */
  uint64_t last_log_ms, last_backoff_log_ms;
  uint64_t (*clock_us)(void); /* optional: measures the time spent inside rounds */
  uint64_t work_busy_us;   /* time inside rounds since the current target was first seen */
  uint64_t work_start_us;  /* when the current target was first seen */
  uint32_t work_from;      /* size then */
  uint64_t last_work_us;   /* the last completed change: duration and pages */
  uint32_t last_work_pages;
  uint32_t recover_to;    /* after a backoff: the inflation rate before it (0: none pending) */
  uint64_t inflate_holdoff_until_ms; /* no inflation before (set after an OOM release) */
  uint32_t last_reported; /* size last given to be->report_size */
  bool active;            /* size != target at the end of the previous round */
  bool reclaim_mode;      /* the previous round needed reclaim (pressure) */
  bool quiet;             /* no per-round log lines (unit tests) */
  bool broken;            /* a backend error that forbids further use */
  balloon_stats_t st;
  uint32_t pfn[BALLOON_BATCH_MAX];
  uint32_t status[BALLOON_BATCH_MAX];
};

/* limit: the most pages the balloon may hold (a target above it is clamped). */
void balloon_core_init(balloon_t *b, const balloon_backend_t *be, void *be_ctx, uint32_t limit);
/* One iteration of the loop at time now_us (microseconds). Returns true if there is work left (size != target),
 * i.e. the caller should run the next round after BALLOON_ROUND_MS rather than wait for a
 * notification. */
bool balloon_core_round(balloon_t *b, uint64_t now_us);
/* Releases up to `want` pages at once, outside the rate control (DEFLATE_ON_OOM, user-level
 * deflation). Returns the number released to the allocator. */
uint32_t balloon_core_release(balloon_t *b, uint32_t want);
/* Gives the caller's pages b->pfn[0..n) (allocated, typed PAGE_BALLOON) to the host, outside the
 * rate control (user-level inflation). Pages the host does not take are freed. Returns the
 * number taken, or -1 if the call failed (the pages were freed). */
int balloon_core_give(balloon_t *b, unsigned n);
/* Consistency: the held list has `size` pages, each of type PAGE_BALLOON, no duplicates within
 * the first `size` links. 0 if consistent. */
int balloon_core_check(balloon_t *b);
/* One log line with the state ("why" is a short tag). */
void balloon_core_log(balloon_t *b, const char *why);

/* ----------------------------------------------------------------- the kernel driver */
/* Probes the protocols (the SBI backdoor first, then virtio-balloon), starts the driver's kernel
 * thread and registers the KCTL_BALLOON_* commands. Safe to call when neither exists. */
void balloon_init(void);
/* DEFLATE_ON_OOM / memory emergency: the kernel's OOM path calls this before killing a process.
 * Returns the pages released to the allocator (0 if the protocol forbids it or none are held). */
uint32_t balloon_oom_release(uint32_t want);
/* The running driver (NULL if none). */
balloon_t *balloon_get(void);

/* ----------------------------------------------------------------- KCTL commands */
/* Status, target and user-level ballooning through SYS_KCTL (guest-sw/user/balloon.c). */
#define KCTL_BALLOON_INFO 0x0100u     /* (struct balloon_info *) -> 0 */
#define KCTL_BALLOON_ROUND 0x0101u    /* () -> run one round now; 1 if work is left */
#define KCTL_BALLOON_SET_MODE 0x0102u /* (mode) 0 = kernel driver loop, 1 = user loop: the kernel
                                       * thread stops inflating/deflating; the user program does */
#define KCTL_BALLOON_GET_TARGET 0x0103u  /* () -> target in pages (clamped), or -E_IO */
#define KCTL_BALLOON_USER_LOCK 0x0104u   /* (uva, npages) -> pages the host took: the pages
                                          * backing [uva, uva + npages*4096) of the caller are
                                          * faulted in, pinned and reported to the host */
#define KCTL_BALLOON_USER_UNLOCK 0x0105u /* (uva, npages) -> pages returned and unpinned */

struct balloon_info {
  uint32_t protocol;   /* 0 none, 1 virtio-balloon, 2 SBI backdoor */
  uint32_t size, target, target_raw, limit;
  uint32_t user_pages; /* pages held for user-level ballooning */
  uint32_t rate_inflate, rate_deflate; /* pages/s */
  uint32_t mode;
  uint32_t pad;
  uint64_t inflated, deflated, refused, backoffs, errors;
};

#endif
