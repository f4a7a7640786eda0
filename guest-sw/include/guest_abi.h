/* The guest kernel's user ABI: system call numbers and the structures they copy out.
 * Shared by the kernel (kernel/syscall.c) and user programs (user/ulib.h).
 *
 * ecall from U-mode: a7 = number, a0..a5 = arguments; a0 = result (negative = -E_*), a1 = high
 * word of 64-bit results. */
#ifndef GUEST_ABI_H
#define GUEST_ABI_H

#include <stdint.h>

enum {
  SYS_EXIT = 1,      /* (status) */
  SYS_WRITE = 2,     /* (fd 1|2, buf, len) -> len */
  SYS_GETPID = 3,    /* () -> pid */
  SYS_YIELD = 4,     /* () */
  SYS_SLEEP = 5,     /* (milliseconds) */
  SYS_SBRK = 6,      /* (increment) -> old break, or -E_NOMEM */
  SYS_MMAP = 7,      /* (length, prot GUEST_PROT_*) -> address of new anonymous demand-zero memory */
  SYS_CLOCK = 8,     /* () -> microseconds since boot (a0 low, a1 high) */
  SYS_GETRUSAGE = 9, /* (struct guest_rusage *) */
  SYS_MEMINFO = 10,  /* (struct guest_meminfo *) */
  SYS_KCTL = 11,     /* (cmd, arg0, arg1, arg2) -> handler result; see kctl.h */
  SYS_READ = 12,     /* (fd 0, buf, len) -> bytes available now (non-blocking), 0 if none */
  SYS_COUNT
};

#define GUEST_PROT_READ 1u
#define GUEST_PROT_WRITE 2u
#define GUEST_PROT_EXEC 4u

/* System-wide memory statistics. Sizes in pages of page_size bytes. The last block is what a
 * virtio-balloon stats queue reports (SWAP_IN, SWAP_OUT, MAJFLT, MINFLT, MEMFREE, MEMTOT,
 * AVAIL, CACHES). */
struct guest_meminfo {
  uint32_t page_size;
  uint32_t total_pages;    /* managed RAM (MEMTOT) */
  uint32_t free_pages;     /* MEMFREE */
  uint32_t avail_pages;    /* AVAIL: free above the low watermark + reclaimable user pages that fit in free swap */
  uint32_t cache_pages;    /* CACHES: the kernel has no page cache: 0 */
  uint32_t wm_min, wm_low, wm_high;
  uint32_t user_pages, kernel_pages, pgtable_pages, balloon_pages;
  uint32_t swap_total, swap_used; /* slots of one page */
  uint64_t swap_in, swap_out;     /* pages, since boot */
  uint64_t pgfault, minflt, majflt;
  uint64_t alloc_fail, reclaim_calls, reclaimed, oom_kills;
  uint64_t uptime_us;
};

/* Per-process statistics of the caller. */
struct guest_rusage {
  uint32_t pid;
  uint32_t rss_pages;  /* resident */
  uint32_t swap_pages; /* swapped out */
  uint32_t vm_pages;   /* size of its mappings */
  uint64_t minflt, majflt;
  uint64_t cpu_ticks;  /* timer ticks it was running at */
};

#endif
