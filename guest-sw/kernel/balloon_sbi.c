/* Backdoor backend of the balloon driver: the SBI extension of include/balloon_sbi.h, the seed's
 * register protocol ("backdoor" port) recast as an ecall into the VMM.
 *
 * One kernel page holds the LOCK/UNLOCK list (512 entries) and, in its second half when the list
 * is short enough, nothing else: the STATS entries have their own page. The VMM writes a status
 * per entry; this backend copies the statuses back for the core, treating anything outside the
 * ABI as "not taken" (LOCK) or "busy" (UNLOCK), so a misbehaving VMM cannot make the guest use a
 * page the VMM may still hold, nor lose one. */
#include "balloon_sbi_backend.h"

#include "balloon.h"
#include "balloon_sbi.h"
#include "guest_abi.h"
#include "kernel.h"
#include "mm.h"
#include "sbi.h"

typedef struct sballoon {
  struct balloon_sbi_entry *list; /* one page */
  struct balloon_sbi_stat *stats; /* one page */
  uint32_t caps;
  uint32_t ram_pages;
  uint64_t calls, call_errors, bad_status, stats_sent;
  uint32_t rounds_since_stats;
} sballoon_t;

static sballoon_t sb_state;

static sbiret_t bcall(uint32_t fid, uint32_t a0, uint32_t a1, uint32_t a2) {
  sb_state.calls++;
  sbiret_t r = sbi_call(BALLOON_SBI_EID, fid, a0, a1, a2, 0, 0, 0);
  if (r.error < 0) sb_state.call_errors++;
  return r;
}

static int sb_get_target(balloon_t *b, uint32_t *target) {
  sbiret_t r = bcall(BALLOON_SBI_FID_GET_TARGET, b->size, 0, 0);
  if (r.error < 0) return -E_IO;
  *target = (uint32_t)r.value;
  return 0;
}

static int sb_list_call(balloon_t *b, uint32_t fid, const uint32_t *pfn, uint32_t *status,
                        unsigned n, uint32_t bad) {
  (void)b;
  sballoon_t *sb = &sb_state;
  if (n == 0 || n > BALLOON_SBI_BATCH_MAX) return -E_INVAL;
  for (unsigned i = 0; i < n; i++) {
    sb->list[i].ppn = pfn[i];
    sb->list[i].status = BALLOON_SBI_ST_PENDING;
  }
  sbiret_t r = bcall(fid, pa_to_pfn((uintptr_t)sb->list), n, 0);
  if (r.error < 0) return -E_IO;
  for (unsigned i = 0; i < n; i++) {
    uint32_t s = sb->list[i].status;
    if (s > BALLOON_SBI_ST_DUPLICATE) { /* PENDING left, or a value outside the ABI */
      sb->bad_status++;
      s = bad;
    }
    status[i] = s;
  }
  return 0;
}

static int sb_lock(balloon_t *b, const uint32_t *pfn, uint32_t *status, unsigned n) {
  return sb_list_call(b, BALLOON_SBI_FID_LOCK, pfn, status, n, BALLOON_SBI_ST_NOT_NEEDED);
}

static int sb_unlock(balloon_t *b, const uint32_t *pfn, uint32_t *status, unsigned n) {
  return sb_list_call(b, BALLOON_SBI_FID_UNLOCK, pfn, status, n, BALLOON_SBI_ST_BUSY);
}

/* Sends the statistics about once a second (every 10 rounds). */
static void sb_poll(balloon_t *b) {
  (void)b;
  sballoon_t *sb = &sb_state;
  if (!(sb->caps & BALLOON_SBI_CAP_STATS) || ++sb->rounds_since_stats < 10) return;
  sb->rounds_since_stats = 0;
  struct guest_meminfo mi;
  mm_get_meminfo(&mi);
  uint64_t ps = mi.page_size ? mi.page_size : 4096u;
  const uint64_t v[8] = {mi.swap_in * ps, mi.swap_out * ps, mi.majflt, mi.minflt,
                         (uint64_t)mi.free_pages * ps, (uint64_t)mi.total_pages * ps,
                         (uint64_t)mi.avail_pages * ps, (uint64_t)mi.cache_pages * ps};
  for (unsigned i = 0; i < 8; i++) {
    sb->stats[i].tag = BALLOON_STAT_SWAP_IN + i; /* tags 0..7 in order */
    sb->stats[i].reserved = 0;
    sb->stats[i].val = v[i];
  }
  if (bcall(BALLOON_SBI_FID_STATS, pa_to_pfn((uintptr_t)sb->stats), 8, 0).error >= 0)
    sb->stats_sent++;
}

static const balloon_backend_t sb_backend = {
    "sbi-backdoor", BALLOON_BATCH_MAX, sb_get_target, sb_lock, sb_unlock, NULL, sb_poll,
};

const balloon_backend_t *balloon_sbi_probe(void **ctx, uint32_t ram_pages) {
  if (!sbi_probe(BALLOON_SBI_EID)) return NULL;
  sballoon_t *sb = &sb_state;
  memset(sb, 0, sizeof *sb);
  sb->ram_pages = ram_pages;
  sbiret_t r = bcall(BALLOON_SBI_FID_HELLO, BALLOON_SBI_VERSION,
                     BALLOON_SBI_CAP_BATCH | BALLOON_SBI_CAP_STATS, ram_pages);
  if (r.error < 0) {
    klog("balloon", "sbi-backdoor: HELLO refused (error %ld): not used", r.error);
    return NULL;
  }
  sb->caps = (uint32_t)r.value & BALLOON_SBI_CAP_ALL;
  uintptr_t list = page_alloc(PA_KERNEL | PA_ZERO);
  uintptr_t stats = page_alloc(PA_KERNEL | PA_ZERO);
  if (!list || !stats) {
    if (list) page_free(list);
    if (stats) page_free(stats);
    return NULL;
  }
  sb->list = (struct balloon_sbi_entry *)list;
  sb->stats = (struct balloon_sbi_stat *)stats;
  klog("balloon", "sbi-backdoor: extension 0x%08x version %u.%u, caps 0x%x, list page pfn 0x%x",
       (unsigned)BALLOON_SBI_EID, (unsigned)BALLOON_SBI_VERSION_MAJOR,
       (unsigned)BALLOON_SBI_VERSION_MINOR, (unsigned)sb->caps, (unsigned)pa_to_pfn(list));
  *ctx = sb;
  return &sb_backend;
}

uint64_t balloon_sbi_calls(void) { return sb_state.calls; }
uint64_t balloon_sbi_bad_status(void) { return sb_state.bad_status; }
