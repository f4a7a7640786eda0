/* The balloon "backdoor" call: an SBI extension between a guest's balloon driver (S-mode,
 * guest-sw/kernel/balloon_sbi.c) and the VMM below it (M-mode, firmware/). ONE source of truth
 * for both sides: this header is included by the guest build and by the firmware build (the
 * top-level include/ directory), and by host-built tests and fuzzers. It depends on nothing but
 * <stdint.h> and compiles as C11 (and C++).
 *
 * Modelled on the seed's register protocol (seeds/002, "backdoor" I/O port): (a) the driver puts
 * its arguments in registers, (b) executes `ecall`, which traps into the VMM, (c) the VMM reads the
 * registers, acts, and writes status and results back into registers, (d) `sret` returns to the
 * driver, which reads them. Page lists travel in one shared 4 KiB page of guest memory, with a
 * status word per page written back by the VMM (VMware's batched protocol, v2).
 *
 * Calling convention (SBI v2.0 binary encoding):
 *   a7 = BALLOON_SBI_EID, a6 = function id (BALLOON_SBI_FID_*), a0..a2 = arguments;
 *   returns a0 = SBI error code, a1 = value.
 * Call-level errors are the standard SBI ones (values fixed by the SBI specification):
 *   0 SBI_SUCCESS, -1 SBI_ERR_FAILED, -2 SBI_ERR_NOT_SUPPORTED (unknown FID, or the extension is
 *   absent), -3 SBI_ERR_INVALID_PARAM (bad count, version, flag), -4 SBI_ERR_DENIED (call before
 *   HELLO), -5 SBI_ERR_INVALID_ADDRESS (list/stats page not in the guest's RAM).
 * A call that returns a negative a0 has changed nothing (no page locked or unlocked, no status
 * written). Per-page outcomes of LOCK/UNLOCK are in the list entries (BALLOON_SBI_ST_*).
 *
 * Discovery: the guest calls the SBI base extension's PROBE_EXTENSION(BALLOON_SBI_EID); a
 * non-zero result means the VMM implements this ABI, and the guest's driver then uses it in
 * preference to virtio-balloon. Then HELLO negotiates the version and capabilities.
 *
 * Units: one balloon page = one 4 KiB guest-physical page, named by its page-frame number
 * (PPN = guest physical address >> 12; Sv32 physical addresses are 34 bits, PPNs 22 bits).
 *
 * Functions
 * ---------
 * HELLO (0)      a0 = BALLOON_SBI_VERSION of the driver, a1 = guest capabilities (BALLOON_SBI_CAP_*),
 *                a2 = number of RAM pages the guest sees.
 *                -> a1 = capabilities the VMM grants (a subset of BALLOON_SBI_CAP_ALL).
 *                Errors: INVALID_PARAM if the major version differs. Resets nothing: a guest that
 *                re-sends HELLO (after a reboot) first gets its balloon emptied by the VMM, i.e.
 *                HELLO after a reset means "I hold no balloon pages".
 * GET_TARGET (1) a0 = the driver's current balloon size (pages), for the VMM's cross-check.
 *                -> a1 = target balloon size in pages (the number of pages the driver should hold).
 *                The VMM never returns more than the guest's RAM pages; a guest still clamps it.
 * LOCK (2)       a0 = PPN of the list page, a1 = n (1..BALLOON_SBI_BATCH_MAX).
 *                The list page holds n struct balloon_sbi_entry; the driver fills .ppn and sets
 *                .status = BALLOON_SBI_ST_PENDING; the VMM validates each page and writes its
 *                .status. -> a1 = number of entries with status OK (now owned by the VMM).
 *                A page whose status is not OK stays the guest's: the driver frees it (or, for
 *                NOT_NEEDED, keeps it for a later LOCK).
 * UNLOCK (3)     Same list format: the pages go back to the guest (deflation).
 *                -> a1 = number of entries with status OK (the guest may use them again).
 *                ALREADY or BAD_PPN: the VMM does not hold the page, the guest may use it.
 *                Any other status (BUSY, or one UNLOCK does not define): the VMM may still hold
 *                the page; the guest keeps it in the balloon and retries later.
 * STATS (4)      a0 = PPN of a page holding n struct balloon_sbi_stat, a1 = n
 *                (1..BALLOON_SBI_STATS_MAX). Tags and meanings are those of virtio-balloon's
 *                statistics (VIRTIO_BALLOON_S_*, repeated below as BALLOON_STAT_*) so that host
 *                tools treat both protocols alike. Unknown tags are ignored by the VMM.
 *                -> a1 = number of entries the VMM accepted.
 *
 * Target-change notification: with BALLOON_SBI_CAP_TARGET_IRQ granted, the VMM raises the
 * guest's supervisor software interrupt (sip.SSIP) when the target changes; without it the
 * driver polls GET_TARGET every round (the seed's "delay" step).
 */
#ifndef BALLOON_SBI_H
#define BALLOON_SBI_H

#include <stdint.h>

/* Firmware-specific SBI extension space (0x0A000000-0x0AFFFFFF); low bytes spell "BLN". */
#define BALLOON_SBI_EID 0x0A424C4Eu

/* Protocol version: major << 16 | minor. Minor bumps only add functions or capability bits. */
#define BALLOON_SBI_VERSION_MAJOR 1u
#define BALLOON_SBI_VERSION_MINOR 0u
#define BALLOON_SBI_VERSION ((BALLOON_SBI_VERSION_MAJOR << 16) | BALLOON_SBI_VERSION_MINOR)

/* Function ids (a6) */
#define BALLOON_SBI_FID_HELLO 0u
#define BALLOON_SBI_FID_GET_TARGET 1u
#define BALLOON_SBI_FID_LOCK 2u
#define BALLOON_SBI_FID_UNLOCK 3u
#define BALLOON_SBI_FID_STATS 4u

/* Capabilities (HELLO a1 in, a1 out) */
#define BALLOON_SBI_CAP_BATCH 0x1u      /* LOCK/UNLOCK take page lists (always granted in v1) */
#define BALLOON_SBI_CAP_STATS 0x2u      /* STATS is implemented */
#define BALLOON_SBI_CAP_TARGET_IRQ 0x4u /* the VMM raises SSIP on a target change */
#define BALLOON_SBI_CAP_ALL 0x7u

#define BALLOON_SBI_PAGE_SHIFT 12u
#define BALLOON_SBI_PAGE_SIZE (1u << BALLOON_SBI_PAGE_SHIFT)
#define BALLOON_SBI_PPN_MAX 0x3FFFFFu /* 22-bit Sv32 PPN */

/* One entry of a LOCK/UNLOCK page list. 8 bytes, naturally aligned; 512 fit in the list page. */
struct balloon_sbi_entry {
  uint32_t ppn;    /* in: guest page-frame number */
  uint32_t status; /* in: BALLOON_SBI_ST_PENDING; out: BALLOON_SBI_ST_* */
};
#define BALLOON_SBI_BATCH_MAX (BALLOON_SBI_PAGE_SIZE / 8u) /* 512 entries */

/* Per-page status (struct balloon_sbi_entry.status) */
#define BALLOON_SBI_ST_OK 0u          /* locked (LOCK) / returned to the guest (UNLOCK) */
#define BALLOON_SBI_ST_BAD_PPN 1u     /* not a page of this guest's RAM */
#define BALLOON_SBI_ST_ALREADY 2u     /* LOCK: already in the balloon; UNLOCK: not in the balloon */
#define BALLOON_SBI_ST_NOT_NEEDED 3u  /* LOCK: balloon already at/above target; guest keeps it */
#define BALLOON_SBI_ST_PINNED 4u      /* LOCK: page cannot be given (e.g. the list page itself) */
#define BALLOON_SBI_ST_BUSY 5u        /* UNLOCK: no machine page available now; retry later */
#define BALLOON_SBI_ST_DUPLICATE 6u   /* the same PPN appears earlier in this list */
#define BALLOON_SBI_ST_PENDING 0xFFFFFFFFu /* written by the driver; never left by the VMM */

/* Statistics: one tagged 64-bit value, 16 bytes, naturally aligned. */
struct balloon_sbi_stat {
  uint32_t tag; /* BALLOON_STAT_* */
  uint32_t reserved; /* 0 */
  uint64_t val;
};
#define BALLOON_SBI_STATS_MAX (BALLOON_SBI_PAGE_SIZE / 16u)

/* Statistic tags: the virtio-balloon numbering (OASIS virtio 1.2, 5.5.6.3), shared by both
 * protocols. Sizes are in bytes, counts are events since boot. */
#define BALLOON_STAT_SWAP_IN 0u  /* bytes swapped in */
#define BALLOON_STAT_SWAP_OUT 1u /* bytes swapped out */
#define BALLOON_STAT_MAJFLT 2u   /* major faults (needed I/O) */
#define BALLOON_STAT_MINFLT 3u   /* minor faults */
#define BALLOON_STAT_MEMFREE 4u  /* free memory, bytes */
#define BALLOON_STAT_MEMTOT 5u   /* total memory, bytes */
#define BALLOON_STAT_AVAIL 6u    /* available memory estimate, bytes */
#define BALLOON_STAT_CACHES 7u   /* reclaimable caches, bytes */
#define BALLOON_STAT_HTLB_PGALLOC 8u
#define BALLOON_STAT_HTLB_PGFAIL 9u
#define BALLOON_STAT_NR 10u

#if defined(__cplusplus)
static_assert(sizeof(struct balloon_sbi_entry) == 8, "balloon_sbi_entry layout");
static_assert(sizeof(struct balloon_sbi_stat) == 16, "balloon_sbi_stat layout");
#else
_Static_assert(sizeof(struct balloon_sbi_entry) == 8, "balloon_sbi_entry layout");
_Static_assert(sizeof(struct balloon_sbi_stat) == 16, "balloon_sbi_stat layout");
#endif

#endif
