/* The balloon driver in the kernel: protocol choice, the driver thread (the seed's loop), the
 * DEFLATE_ON_OOM hook and the KCTL_BALLOON_* commands (user-level ballooning, status).
 *
 * Boot parameters:
 *   balloon=off|auto|virtio|sbi  protocol (auto: the SBI backdoor when the SBI implementation
 *                                 has it, else virtio-balloon)
 *   balloon_floor=<pages|size>   memory the balloon never takes (default: 1/8 of RAM plus the
 *                                 allocator's high watermark); a larger target is clamped
 *   balloon_rate=<min>,<max>,<step>  rate limits for both directions (pages/s) instead of the
 *                                 built-in constants (benchmarks: 1000000,1000000,0) */
#include "balloon.h"

#include "balloon_sbi_backend.h"
#include "init.h"
#include "kctl.h"
#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "riscv.h"
#include "timer.h"
#include "virtio_balloon.h"
#include "vm.h"

#define BALLOON_IDLE_MS 1000u   /* wait when at target (a notification wakes the thread) */
#define BALLOON_OOM_PAGES 256u  /* pages released per OOM event (as Linux virtio_balloon) */
#define BALLOON_OOM_HOLDOFF_MS 5000u

static balloon_t bal;
static balloon_t *active;
static int protocol;    /* 0 none, 1 virtio, 2 sbi */
static uint32_t mode;   /* 0 kernel loop, 1 user-level balloon program */
static bool busy;       /* a round or a KCTL operation is using the core */
static const char chan; /* wake-up channel of the driver thread */

static uint64_t now_ms(void) { return time_now_us() / 1000u; }
static uint64_t now_us(void) { return time_now_us(); }

balloon_t *balloon_get(void) { return active; }

static void balloon_thread(void *arg) {
  (void)arg;
  for (;;) {
    bool more = false;
    if (!busy) {
      busy = true;
      if (mode == 0) {
        more = balloon_core_round(&bal, now_us());
      } else {
        if (bal.be->poll) bal.be->poll(&bal); /* statistics still flow */
        uint32_t t;
        if (bal.be->get_target(&bal, &t) == 0) bal.target_raw = t;
        bal.target = bal.target_raw > bal.limit ? bal.limit : bal.target_raw;
      }
      busy = false;
    }
    uint32_t wait = (more || protocol == 2) ? BALLOON_ROUND_MS : BALLOON_IDLE_MS;
    proc_wait(&chan, ms_to_ticks(wait));
  }
}

uint32_t balloon_oom_release(uint32_t want) {
  if (!active || busy || bal.broken || bal.size == 0) return 0;
  if (protocol == 1 && !balloon_virtio_deflate_on_oom(bal.be_ctx)) return 0;
  if (want < BALLOON_OOM_PAGES) want = BALLOON_OOM_PAGES;
  busy = true;
  uint32_t got = balloon_core_release(&bal, want);
  busy = false;
  bal.st.oom_released += got;
  bal.inflate_holdoff_until_ms = now_ms() + BALLOON_OOM_HOLDOFF_MS;
  klog("balloon", "out of memory: released %u pages (size now %u, target %u); no inflation "
       "for %u ms", (unsigned)got, (unsigned)bal.size, (unsigned)bal.target,
       BALLOON_OOM_HOLDOFF_MS);
  return got;
}

/* ---------------------------------------------------------------- user-level ballooning */

/* Moves the pages behind [uva, uva + n pages) of the caller into the balloon: each is faulted in
 * if needed (through the kernel's allocator, which may reclaim), unmapped from the process
 * (the process will get a fresh zero page if it touches the address again), retyped and given to
 * the host. Returns the pages the host took. */
static long user_lock(uint32_t uva, uint32_t npages) {
  proc_t *p = proc_current();
  if (!p || !p->mm) return -E_PERM;
  if (uva & (PAGE_SIZE - 1)) return -E_INVAL;
  mm_t *mm = p->mm;
  long total = 0;
  unsigned batch = bal.be->batch_max < BALLOON_BATCH_MAX ? bal.be->batch_max : BALLOON_BATCH_MAX;
  uint32_t i = 0;
  while (i < npages) {
    unsigned n = 0;
    for (; i < npages && n < batch; i++) {
      uint32_t va = uva + i * PAGE_SIZE;
      const vma_t *v = mm_find_vma(mm, va);
      if (!v || !(v->prot & PTE_W)) return total ? total : -E_FAULT;
      pte_t *pte = vm_walk(mm, va, false);
      if (!pte || !(*pte & PTE_V)) {
        int rc = vm_fault(mm, va, VM_WRITE);
        if (rc < 0) break; /* out of memory: stop here */
        pte = vm_walk(mm, va, false);
        if (!pte || !(*pte & PTE_V)) break;
      }
      uintptr_t pa = (uintptr_t)(*pte >> 10) << PAGE_SHIFT;
      page_desc_t *d = page_desc(pa);
      if (!d || d->type != PAGE_USER || (d->flags & PG_PINNED)) continue;
      *pte = 0;
      sfence_vma_addr(va);
      if (mm->rss) mm->rss--;
      d->owner = NULL;
      d->flags = 0;
      page_set_type(pa, PAGE_BALLOON);
      bal.pfn[n++] = pa_to_pfn(pa);
    }
    if (n == 0) break;
    int got = balloon_core_give(&bal, n);
    if (got < 0) return total ? total : -E_IO;
    total += got;
    if ((unsigned)got < n) break;
  }
  return total;
}

static long fill_info(uint32_t uva) {
  proc_t *p = proc_current();
  if (!p || !p->mm) return -E_PERM;
  struct balloon_info bi;
  memset(&bi, 0, sizeof bi);
  bi.protocol = (uint32_t)protocol;
  if (active) {
    bi.size = bal.size;
    bi.target = bal.target;
    bi.target_raw = bal.target_raw;
    bi.limit = bal.limit;
    bi.rate_inflate = bal.inflate.rate;
    bi.rate_deflate = bal.deflate.rate;
    bi.inflated = bal.st.inflated;
    bi.deflated = bal.st.deflated;
    bi.refused = bal.st.refused;
    bi.backoffs = bal.st.backoffs_inflate + bal.st.backoffs_deflate;
    bi.errors = bal.st.backend_errors;
  }
  bi.mode = mode;
  return copy_to_user(p->mm, uva, &bi, sizeof bi);
}

static long balloon_kctl(void *ctx, uint32_t cmd, uint32_t a0, uint32_t a1, uint32_t a2) {
  (void)ctx;
  (void)a2;
  if (cmd == KCTL_BALLOON_INFO) return fill_info(a0);
  if (!active) return -E_NOSYS;
  if (busy) return -E_BUSY;
  long r;
  busy = true;
  switch (cmd) {
    case KCTL_BALLOON_ROUND: r = balloon_core_round(&bal, now_us()); break;
    case KCTL_BALLOON_SET_MODE:
      if (a0 > 1) {
        r = -E_INVAL;
        break;
      }
      if (a0 != mode)
        klog("balloon", "mode: %s", a0 ? "user-level balloon program" : "kernel driver loop");
      mode = a0;
      r = 0;
      break;
    case KCTL_BALLOON_GET_TARGET: {
      uint32_t t;
      if (bal.be->get_target(&bal, &t) < 0) {
        r = -E_IO;
        break;
      }
      bal.target_raw = t;
      bal.target = t > bal.limit ? bal.limit : t;
      r = (long)bal.target;
      break;
    }
    case KCTL_BALLOON_USER_LOCK: r = user_lock(a0, a1); break;
    case KCTL_BALLOON_USER_UNLOCK: r = (long)balloon_core_release(&bal, a0); break;
    default: r = -E_NOSYS; break;
  }
  busy = false;
  if (cmd == KCTL_BALLOON_SET_MODE) proc_wakeup(&chan);
  return r;
}

/* ---------------------------------------------------------------- boot */

void balloon_init(void) {
  const char *want = cmdline_get("balloon");
  if (!want) want = "auto";
  kctl_register(KCTL_BALLOON_FIRST, KCTL_BALLOON_LAST, "balloon", balloon_kctl, NULL);
  if (strcmp(want, "off") == 0) {
    klog("balloon", "disabled (balloon=off)");
    return;
  }
  struct guest_meminfo mi;
  mm_get_meminfo(&mi);
  uint32_t floor = (uint32_t)cmdline_get_num("balloon_floor", 0);
  if (floor >= 4096u && (floor & (PAGE_SIZE - 1)) == 0) floor >>= PAGE_SHIFT; /* a size */
  if (!floor) floor = mi.total_pages / 8u + mi.wm_high;
  uint32_t limit = mi.total_pages > floor ? mi.total_pages - floor : 0;

  const balloon_backend_t *be = NULL;
  void *ctx = NULL;
  if (strcmp(want, "auto") == 0 || strcmp(want, "sbi") == 0) {
    be = balloon_sbi_probe(&ctx, mi.total_pages);
    if (be) protocol = 2;
  }
  if (!be && (strcmp(want, "auto") == 0 || strcmp(want, "virtio") == 0)) {
    be = balloon_virtio_probe(&ctx, &chan);
    if (be) protocol = 1;
  }
  if (!be) {
    klog("balloon", "no balloon device (balloon=%s): driver idle", want);
    return;
  }
  balloon_core_init(&bal, be, ctx, limit);
  bal.clock_us = now_us;
  /* balloon_rate=<min>,<max>,<step> for both directions: benchmarks lift the limits with it. */
  const char *rs = cmdline_get("balloon_rate");
  if (rs) {
    unsigned long long v[3] = {0, 0, 0};
    char buf[64];
    size_t n = strnlen(rs, sizeof buf - 1);
    memcpy(buf, rs, n);
    buf[n] = '\0';
    char *s = buf;
    int ok = 1;
    for (int i = 0; i < 3 && ok; i++) {
      char *cm = strchr(s, ',');
      if (cm) *cm = '\0';
      ok = parse_size(s, &v[i]) == 0 && (i == 2 || cm);
      s = cm ? cm + 1 : s;
    }
    balloon_rate_params_t pi = balloon_rate_inflate_defaults, pd = balloon_rate_deflate_defaults;
    pi.min = pd.min = (uint32_t)v[0];
    pi.max = pd.max = (uint32_t)v[1];
    pi.step = pd.step = (uint32_t)v[2];
    if (!ok || balloon_rate_init(&bal.inflate, &pi) || balloon_rate_init(&bal.deflate, &pd)) {
      klog("balloon", "ignoring bad balloon_rate=%s (want min,max,step in pages/s)", rs);
      balloon_rate_init(&bal.inflate, &balloon_rate_inflate_defaults);
      balloon_rate_init(&bal.deflate, &balloon_rate_deflate_defaults);
    }
  }
  active = &bal;
  klog("balloon", "driver up: protocol %s, limit %u pages (floor %u of %u), rates inflate "
       "[%u, %u] +%u /%u, deflate [%u, %u] +%u /%u pages/s, round %u ms",
       be->name, (unsigned)limit, (unsigned)floor, (unsigned)mi.total_pages,
       (unsigned)bal.inflate.p.min, (unsigned)bal.inflate.p.max, (unsigned)bal.inflate.p.step,
       (unsigned)bal.inflate.p.div, (unsigned)bal.deflate.p.min, (unsigned)bal.deflate.p.max,
       (unsigned)bal.deflate.p.step, (unsigned)bal.deflate.p.div, BALLOON_ROUND_MS);
  if (kthread_create("balloon", balloon_thread, NULL) < 0)
    klog("balloon", "cannot start the driver thread");
}

KERNEL_INIT(balloon_init);
