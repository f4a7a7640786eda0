/* memctl co-verification: the RTL standalone top (rtl/mem/memctl_top.sv, through rtl_harness.h)
 * against the SystemC reference model (sim/memctl_model/memctl_model.h), both driven by the same
 * reproducible random stream. See docs/memctl.md, "Co-verification".
 *
 *   memctl_cosim --org a|b --backend sram|dram --seed N --cycles N [--verbose]
 *
 * Three masters drive the RTL ports cycle by cycle, as the bus protocol allows (one outstanding
 * request each, the next one may be presented in the cycle of the previous response):
 *   fetch  guest instruction fetches (priv 0/1)
 *   data   guest loads and stores, and the VMM's M-mode loads and stores (P2M tables in org b,
 *          SCRUB_LIST lists, page fills, reads of pages being scrubbed)
 *   regs   the VMM's register accesses (table updates in org a, commands, polls, checks)
 * Every memory access is presented to the model in the cycle it is presented to the RTL; every
 * register access in the cycle the RTL accepts it. The scoreboard checks each response:
 *   - against the model: data, err, fault (exactly, unless the access races a translation change
 *     or a scrub, see below); latency within TOL_LATENCY cycles (exactly for isolated accesses);
 *   - against the specification (a shadow of the VMM's tables): the translation used must be the
 *     current entry, or, while a change is not yet fenced, the old one; after the VMM has seen
 *     the fence complete (FENCE_SEQ), only the new one (the completion guarantee);
 *   - M-mode reads of a page being scrubbed: the old word or zero;
 * and at checkpoints (all quiet, both idle): every register, the counters (exact or within the
 * stated tolerance), the interrupt line and the whole machine memory (data, dirty bits, scrubs).
 * Exit status 0 and "PASS" when everything matched; the seed is printed on every failure. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memctl_model.h"
#include "rtl_harness.h"
#include "soc_memory_map.h"

/* ------------------------------------------------------------------ configuration */

#define PAGE (1u << TB_PAGE_SHIFT)
#define WORDS (PAGE / 4)
#define NVM TB_NUM_VMS
#define GP TB_GUEST_PAGES
#define MEMP TB_MEM_PAGES
#define P2M_MPN 0u  /* org b: the P2M tables of all VMs */
#define LIST_MPN 1u /* SCRUB_LIST lists */
#define POOL0 2u    /* first page the VMM hands out */
#define MADDR(mpn, off) (RAM_BASE + (uint32_t)(mpn) * PAGE + (uint32_t)(off))
#define GPA(g, off) (RAM_BASE + (uint32_t)(g) * PAGE + (uint32_t)(off))
#define P2M_ADDR(vm, g) MADDR(P2M_MPN, (uint32_t)(vm) * GP * 4 + (uint32_t)(g) * 4)
#define PTE(mpn, fl) (((uint32_t)(mpn) << MEMCTL_PTE_MPN_SHIFT) | (fl))
#define PV MEMCTL_PTE_V
#define PW MEMCTL_PTE_W
#define PX MEMCTL_PTE_X
#define PD MEMCTL_PTE_D
#define NEVER UINT64_MAX

/* Timing tolerance (docs/memctl.md, "Co-verification"). The model serves back-end requests in
 * the order they are presented; the RTL arbitrates every cycle by fixed priority (data port,
 * fetch port, walker, scrubber with its starvation guard). So:
 *  - an isolated access (no other port, command or refresh activity during it) must take
 *    exactly the model's latency (SRAM; on DRAM the open rows may differ after reorderings);
 *  - any data-port access, and any fetch during which the data port was idle:
 *    |RTL - model| <= TOL_LATENCY cycles; on DRAM an access that the RTL keeps waiting longer
 *    than that (its arbitration can starve a port) is reported, not failed; a fetch competing
 *    with data-port traffic: statistics only;
 *  - over the run: mean |RTL - model| <= TOL_MEAN_SRAM / TOL_MEAN_DRAM cycles. */
#define TOL_LATENCY 100u
/* TB_TABLE_BRAM (memctl_cosim_bram: the RTL verilated with TABLE_BRAM = 1, MEM_ADDR_W = 17): the
 * org-a table is in block RAM, its lookup is registered. The model has no such option, so the
 * expected latency of a translated access inside the guest window is the model's + 1 (the
 * documented cost, docs/memctl.md). A table write (TBL_ENTRY write, dirty bit) or a TBL_ENTRY read
 * makes a fetch lookup of that cycle read again (one more cycle): accesses overlapping TBL_ENTRY
 * register accesses are not "isolated". */
#ifndef TB_TABLE_BRAM
#define TB_TABLE_BRAM 0
#endif
#define TOL_MEAN_SRAM 0.25
#define TOL_MEAN_DRAM 4.0
/* Counters that measure cycles or depend on arbitration order: |RTL - model| <= abs + rel%
 * (SRAM; DRAM: reported only) */
#define TOL_CNT_ABS 16u
#define TOL_CNT_REL 25u

static struct {
  int org, backend;
  uint64_t seed, cycles;
  int verbose;
} opt = {0, 0, 1, 20000, 0};

static rtl_t *R;
static memctl_model_t *M;
static uint64_t cyc;
static int failures;

static void fail(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("MISMATCH cycle %" PRIu64 " (cosim.c:%d): ", cyc, line);
  vprintf(fmt, ap);
  printf("  [org %c, %s, seed %" PRIu64 "]\n", opt.org ? 'b' : 'a', opt.backend ? "dram" : "sram",
         opt.seed);
  va_end(ap);
  if (++failures >= 20) {
    printf("FAIL: too many mismatches; reproduce with --org %c --backend %s --seed %" PRIu64
           " --cycles %" PRIu64 "\n", opt.org ? 'b' : 'a', opt.backend ? "dram" : "sram", opt.seed,
           opt.cycles);
    exit(1);
  }
}
#define FAIL(...) fail(__LINE__, __VA_ARGS__)

/* xorshift64* */
static uint64_t rng_state;
static uint32_t rnd32(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}
static uint32_t rnd(uint32_t n) { return n ? rnd32() % n : 0; }
static int chance(uint32_t percent) { return rnd(100) < percent; }

/* ------------------------------------------------------------------ coverage and statistics */

enum {
  CV_HIT, CV_MISS, CV_DIRTY, CV_F_INVALID, CV_F_WINDOW, CV_F_P2M_PAGES, CV_F_WRITE, CV_F_EXEC,
  CV_F_MACHINE, CV_INVAL_RACE, CV_INVAL_RACE_OLD, CV_INVAL_RACE_NEW, CV_SCRUB_RACE,
  CV_SCRUB_RACE_OLD, CV_SCRUB_RACE_ZERO, CV_B2B_INVAL, CV_FENCE_EMPTY, CV_QUEUE_FULL,
  CV_XPORT_RACE, CV_SCRUB, CV_SCRUB_LIST, CV_SCRUB_LIST_BAD, CV_ERRORS, CV_GUARANTEE,
  CV_UNTRANSLATED, CV_ROW_HIT, CV_ROW_MISS, CV_ROW_CONFLICT, CV_REFRESH, CV_CHECKPOINT, CV_N
};
static const char *const cv_name[CV_N] = {
  "hit", "miss (walk)", "dirty-bit update", "fault INVALID", "  of which outside the window",
  "  of which GPPN >= P2M_PAGES", "fault WRITE", "fault EXEC", "fault MACHINE",
  "invalidate racing an access", "  racing access saw old", "  racing access saw new",
  "scrub racing an access", "  saw old", "  saw zero", "back-to-back invalidations",
  "fence with empty queue", "queue full error", "fetch/store race (same word)", "SCRUB",
  "SCRUB_LIST", "SCRUB_LIST bad MPN", "refused register writes", "accesses after a fence (new only)",
  "untranslated guest accesses (ENABLE=0)", "DRAM row hits", "DRAM row misses", "DRAM row conflicts",
  "DRAM refreshes", "checkpoints"};
static uint64_t cov[CV_N];

static uint64_t lat_n, lat_exact, lat_abs_sum, lat_isolated, lat_isolated_exact;
static uint32_t lat_max, lat_max_fetch;
static uint64_t rtl_slow_n;
static uint32_t rtl_slow_max;
static char rtl_slow_what[128];
static int64_t lat_hist[9]; /* delta <= -4, -3..3, >= 4 */

/* ------------------------------------------------------------------ shadow of the VMM's state */

typedef struct {
  uint32_t e;
  uint32_t fence;  /* org b: stale until FENCE_SEQ >= fence */
  int fence_known;
  uint64_t until;  /* org a: stale for accesses presented up to this cycle (the TBL write grant) */
} stale_t;

#define MAXSTALE 6
typedef struct {
  uint32_t cur;      /* the entry the VMM wrote last (D not tracked: hardware sets it) */
  stale_t st[MAXSTALE];
  int n;
  uint64_t mark;     /* cycle of the last change */
} shadow_t;

static shadow_t sh[NVM][GP];
static uint32_t p2m_pages[NVM];
static uint32_t cur_vm, enable;
static uint32_t tbl_vm, tbl_gppn;          /* org a selector (as the RTL accepted it) */
static uint32_t rtl_seq_seen;              /* FENCE_SEQ the VMM has read from the RTL */
static uint32_t fences_planned;            /* fences the scripts will enqueue */
static int scrubbing[MEMP];
static int reserved[MEMP]; /* chosen for a scrub by a script that has not started it yet */
static uint32_t scrub_snap[MEMP][WORDS];
static int scrub_list_bad_inflight;
static int guests_paused;
static int fault_bit_uncertain, fault_regs_uncertain;
static int64_t fault_delta;                /* FAULTS: RTL - model, from racing accesses */
static uint64_t racing_since_reset;        /* racing accesses since the counters were reset */
static uint64_t last_error_cycle;

static uint32_t model_fence_seq(void) { return memctl_model_reg_read(M, MEMCTL_FENCE_SEQ); }

static int stale_active_rtl(const stale_t *s, uint64_t present) {
  if (opt.org == 0) return present <= s->until;
  return !s->fence_known || rtl_seq_seen < s->fence;
}
static int stale_active_model(const stale_t *s, uint64_t present, uint32_t mseq) {
  if (opt.org == 0) return present <= s->until;
  return !s->fence_known || mseq < s->fence;
}
static void shadow_gc(void) {
  uint32_t mseq = model_fence_seq();
  for (uint32_t v = 0; v < NVM; v++)
    for (uint32_t g = 0; g < GP; g++) {
      shadow_t *s = &sh[v][g];
      for (int i = 0; i < s->n;) {
        if (!stale_active_rtl(&s->st[i], cyc + 1) && !stale_active_model(&s->st[i], cyc + 1, mseq))
          s->st[i] = s->st[--s->n];
        else
          i++;
      }
    }
}
static int racing(uint32_t vm, uint32_t g) { return sh[vm][g].n > 0; }

/* pages referenced by any entry (current or stale) */
static void page_refs(uint32_t *refs) {
  memset(refs, 0, sizeof(uint32_t) * MEMP);
  for (uint32_t v = 0; v < NVM; v++)
    for (uint32_t g = 0; g < GP; g++) {
      const shadow_t *s = &sh[v][g];
      uint32_t m = s->cur >> 8;
      if ((s->cur & PV) && m < MEMP) refs[m]++;
      for (int i = 0; i < s->n; i++) {
        m = s->st[i].e >> 8;
        if ((s->st[i].e & PV) && m < MEMP) refs[m]++;
      }
    }
}
static int free_pages(uint32_t *out, int max) {
  uint32_t refs[MEMP];
  page_refs(refs);
  int n = 0;
  for (uint32_t p = POOL0; p < MEMP && n < max; p++)
    if (!refs[p] && !scrubbing[p] && !reserved[p]) out[n++] = p;
  return n;
}

typedef struct {
  int fault;
  uint32_t reason, maddr, value;
} outc_t;

static outc_t outcome(uint32_t e, uint32_t addr, int we, int fetch) {
  outc_t o = {1, MEMCTL_FAULT_INVALID, 0, 0};
  if (!(e & PV)) return o;
  if (we && !(e & PW)) return o.reason = MEMCTL_FAULT_WRITE, o;
  if (fetch && !(e & PX)) return o.reason = MEMCTL_FAULT_EXEC, o;
  if ((e >> 8) >= MEMP) return o.reason = MEMCTL_FAULT_MACHINE, o;
  o.fault = 0;
  o.maddr = RAM_BASE + (e >> 8) * PAGE + (addr & (PAGE - 1));
  return o;
}

/* ------------------------------------------------------------------ masters */

enum { OWN_GUEST = 1, OWN_VMM = 2 };
enum { CMP_NONE, CMP_AUTO, CMP_Q };

#define MAXALLOW 8
typedef struct {
  int active, granted, owner;
  uint64_t present, grant;
  uint32_t addr, we, be, wdata, priv;
  int fetch;
  memctl_result_t mr;   /* the model's response */
  /* guest translation */
  int xlate;            /* translated (ENABLE=1, priv != 3) */
  uint32_t vm, gppn;
  int in_window, racing;
  int n_rtl, n_model;
  outc_t rtl_ok[MAXALLOW], model_ok[MAXALLOW];
  uint32_t old_word;    /* stores: the word before */
  uint32_t pred_maddr;  /* stores: machine word written (0 if none) */
  int scrub_race;
  uint32_t scrub_old;
  int no_guest_inflight; /* register reads: no guest access was outstanding */
  int fault_regs_ok, fault_bit_ok, error_ok; /* register reads: comparable when presented */
  /* registers */
  uint32_t reg_off;
  int cmp;
  uint32_t model_rd;    /* model's register value at the handshake */
  int model_err_before;
} op_t;

static op_t mst[3]; /* 0 fetch, 1 data, 2 regs */
/* A master presents its next request only when both the RTL and the model have answered the
 * previous one (the model's answer cycle is presentation + its latency): otherwise a model that
 * is slower than the RTL would see more than one request outstanding per port. */
static uint64_t model_free[2];
static rtl_in_t in;
static rtl_out_t out;

typedef struct {
  uint32_t maddr, oldv, newv;
  uint64_t present, resp;
  int valid;
} wlog_t;
static wlog_t wlog[16];
static int wlog_i;

static int guest_outstanding(void) {
  for (int p = 0; p < 2; p++)
    if (mst[p].active && mst[p].owner == OWN_GUEST) return 1;
  return 0;
}

static uint32_t snapshot_word(uint32_t maddr) { return memctl_model_mem_read32(M, maddr & ~3u); }

/* Presents a memory access on port p (0 fetch, 1 data) to the RTL inputs and to the model. */
static void present_mem(int p, int owner, uint32_t addr, uint32_t we, uint32_t be, uint32_t wdata,
                        uint32_t priv) {
  op_t *o = &mst[p];
  memset(o, 0, sizeof *o);
  o->active = 1;
  o->owner = owner;
  o->present = cyc;
  o->addr = addr;
  o->we = we;
  o->be = be;
  o->wdata = wdata;
  o->priv = priv;
  o->fetch = p == 0;
  o->xlate = enable && priv != 3;
  uint32_t mseq = model_fence_seq();
  if (o->xlate) {
    o->vm = cur_vm;
    const uint64_t off = (uint64_t)addr - RAM_BASE;
    o->in_window = addr >= RAM_BASE && off < (uint64_t)GP * PAGE;
    o->gppn = o->in_window ? (uint32_t)(off / PAGE) : 0;
    if (!o->in_window || (opt.org == 1 && o->gppn >= p2m_pages[o->vm])) {
      outc_t f = {1, MEMCTL_FAULT_INVALID, 0, 0};
      o->rtl_ok[o->n_rtl++] = f;
      o->model_ok[o->n_model++] = f;
    } else {
      const shadow_t *s = &sh[o->vm][o->gppn];
      uint32_t ents_r[MAXSTALE + 1], ents_m[MAXSTALE + 1];
      int nr = 0, nm = 0;
      ents_r[nr++] = s->cur;
      ents_m[nm++] = s->cur;
      for (int i = 0; i < s->n; i++) {
        if (stale_active_rtl(&s->st[i], cyc)) ents_r[nr++] = s->st[i].e;
        if (stale_active_model(&s->st[i], cyc, mseq)) ents_m[nm++] = s->st[i].e;
      }
      for (int i = 0; i < nr; i++) {
        outc_t oc = outcome(ents_r[i], addr, we, p == 0);
        int dup = 0;
        for (int j = 0; j < o->n_rtl; j++)
          dup |= o->rtl_ok[j].fault == oc.fault && o->rtl_ok[j].reason == oc.reason &&
                 o->rtl_ok[j].maddr == oc.maddr;
        if (!dup) o->rtl_ok[o->n_rtl++] = oc;
      }
      for (int i = 0; i < nm; i++) {
        outc_t oc = outcome(ents_m[i], addr, we, p == 0);
        int dup = 0;
        for (int j = 0; j < o->n_model; j++)
          dup |= o->model_ok[j].fault == oc.fault && o->model_ok[j].reason == oc.reason &&
                 o->model_ok[j].maddr == oc.maddr;
        if (!dup) o->model_ok[o->n_model++] = oc;
      }
      o->racing = o->n_rtl > 1 || o->n_model > 1;
      if (o->racing && we) FAIL("generator bug: store to a racing page");
      if (s->n > 0 && nr == 1) cov[CV_GUARANTEE]++; /* fenced: the old translation is excluded */
    }
    if (we && !o->rtl_ok[0].fault) o->pred_maddr = o->rtl_ok[0].maddr;
  } else {
    outc_t oc = {0, 0, addr, 0};
    const uint64_t off = (uint64_t)addr - RAM_BASE;
    if (addr < RAM_BASE || off >= (uint64_t)MEMP * PAGE) oc.fault = 2; /* bus error */
    o->rtl_ok[o->n_rtl++] = oc;
    o->model_ok[o->n_model++] = oc;
    if (we && oc.fault == 0) o->pred_maddr = addr;
    if (!enable && priv != 3) cov[CV_UNTRANSLATED]++;
    const uint32_t mpn = (uint32_t)(off / PAGE);
    if (!we && oc.fault == 0 && mpn < MEMP && scrubbing[mpn]) {
      o->scrub_race = 1;
      o->scrub_old = scrub_snap[mpn][(off % PAGE) / 4];
    }
  }
  if (we && o->pred_maddr) o->old_word = snapshot_word(o->pred_maddr);

  memctl_access_t a = {.addr = addr, .write = we, .be = be, .size = 4, .wdata = wdata,
                       .priv = priv, .fetch = (uint32_t)(p == 0)};
  if (memctl_model_access(M, &a, &o->mr) != 0) FAIL("model access: %s", memctl_model_error());
  if (TB_TABLE_BRAM && opt.org == 0 && o->xlate && o->in_window) o->mr.latency += 1;

  /* read values of the allowed outcomes (after the model's access: same memory state) */
  for (int i = 0; i < o->n_rtl; i++)
    if (!o->rtl_ok[i].fault) o->rtl_ok[i].value = snapshot_word(o->rtl_ok[i].maddr);
  for (int i = 0; i < o->n_model; i++)
    if (!o->model_ok[i].fault) o->model_ok[i].value = snapshot_word(o->model_ok[i].maddr);

  /* the model against the specification */
  int ok = 0;
  for (int i = 0; i < o->n_model && !ok; i++) {
    const outc_t *oc = &o->model_ok[i];
    if (oc->fault == 2) ok = o->mr.err && !o->mr.fault;
    else if (oc->fault) ok = o->mr.fault && o->mr.fault_reason == oc->reason;
    else ok = !o->mr.err && (!o->xlate || o->mr.maddr == oc->maddr) &&
              (we || o->scrub_race || o->mr.rdata == oc->value);
  }
  if (!ok)
    FAIL("model violates the spec: %s addr 0x%08x priv %u vm %u: err %u fault %u reason %u maddr "
         "0x%08x (expected %s 0x%08x)", we ? "store" : p == 0 ? "fetch" : "load", addr, priv,
         o->vm, o->mr.err, o->mr.fault, o->mr.fault_reason, o->mr.maddr,
         o->model_ok[0].fault ? "fault" : "maddr", o->model_ok[0].fault ? o->model_ok[0].reason
                                                                        : o->model_ok[0].maddr);
  if (o->racing) {
    cov[CV_INVAL_RACE]++;
    racing_since_reset++;
  }
  if (o->mr.tlb_hit || (opt.org == 0 && o->xlate && !o->mr.err)) cov[CV_HIT]++;
  if (o->mr.walked) cov[CV_MISS]++;
  if (o->mr.dirty_update) cov[CV_DIRTY]++;
  if (o->mr.fault) {
    cov[o->mr.fault_reason == 0 ? CV_F_INVALID : CV_F_WRITE + o->mr.fault_reason - 1]++;
    if (o->mr.fault_reason == 0 && !o->in_window) cov[CV_F_WINDOW]++;
    if (o->mr.fault_reason == 0 && o->in_window && opt.org == 1 && o->gppn >= p2m_pages[o->vm])
      cov[CV_F_P2M_PAGES]++;
  }
  if (we && o->pred_maddr) {
    wlog_t *w = &wlog[wlog_i++ % 16];
    w->valid = 1;
    w->maddr = o->pred_maddr & ~3u;
    w->oldv = o->old_word;
    w->newv = snapshot_word(o->pred_maddr);
    w->present = cyc;
    w->resp = NEVER;
  }
  /* RTL inputs */
  if (p == 0) {
    in.fetch_req = 1;
    in.fetch_addr = addr;
    in.fetch_priv = priv;
  } else {
    in.data_req = 1;
    in.data_addr = addr;
    in.data_we = we;
    in.data_be = be;
    in.data_wdata = wdata;
    in.data_priv = priv;
  }
}

static uint64_t last_resp[2];
static uint64_t last_fault_resp[2];
static uint64_t last_busy = NEVER; /* last cycle the model had a command queued or executing */

static uint64_t last_tbl_reg = NEVER; /* TB_TABLE_BRAM: last cycle a TBL_ENTRY access was presented */

static int isolated_ok(const op_t *o, uint64_t resp) {
  /* no other memory traffic, command, or refresh during the access */
  const int po = o == &mst[0] ? 1 : 0;
  const op_t *other = &mst[po];
  if (other->active && other->present <= resp) return 0;
  if (TB_TABLE_BRAM && last_tbl_reg != NEVER && last_tbl_reg + 1 >= o->present) return 0;
  if (last_resp[po] >= o->present) return 0;
  if (o->racing || o->scrub_race) return 0;
  /* commands (an invalidation makes a walk in progress start again in the RTL) */
  if (memctl_model_busy(M) || (last_busy != NEVER && last_busy + 4 >= o->present)) return 0;
  if (opt.backend == 1) {
    const uint64_t iv = TB_DRAM_T_REFRESH_INTERVAL, k = o->present / iv;
    if ((k + 1) * iv <= resp + 1) return 0;                                  /* one is due */
    if (k > 0 && o->present < k * iv + TB_DRAM_T_REFRESH + 8) return 0;      /* one just ran */
  }
  return 1;
}

static void complete_mem(int p, uint32_t rdata, uint32_t err) {
  op_t *o = &mst[p];
  const uint32_t lat = (uint32_t)(cyc - o->present);
  const char *kind = o->we ? "store" : p == 0 ? "fetch" : "load";
  int exact_ok = (!!err == !!o->mr.err) && (o->we || err || rdata == o->mr.rdata);
  /* the RTL against the specification (allowed outcomes) */
  int ok = 0, saw_old = 0;
  for (int i = 0; i < o->n_rtl && !ok; i++) {
    const outc_t *oc = &o->rtl_ok[i];
    if (oc->fault) ok = err;
    else ok = !err && (o->we || rdata == oc->value || (o->scrub_race && (rdata == 0 || rdata == o->scrub_old)));
    if (ok && i > 0) saw_old = 1;
  }
  /* a store on the other port to the same word, overlapping in time, may or may not be seen */
  if (!ok && !err && !o->we) {
    for (int i = 0; i < 16; i++) {
      const wlog_t *w = &wlog[i];
      if (!w->valid || w->present > cyc || w->resp < o->present) continue;
      for (int j = 0; j < o->n_rtl; j++)
        if (!o->rtl_ok[j].fault && (o->rtl_ok[j].maddr & ~3u) == w->maddr &&
            (rdata == w->oldv || rdata == w->newv))
          ok = 1;
    }
    if (ok) exact_ok = 1;
  }
  if (!ok)
    FAIL("RTL violates the spec: %s addr 0x%08x priv %u vm %u (presented at %" PRIu64
         "): err %u rdata 0x%08x; allowed: %s 0x%08x at 0x%08x%s (model: err %u rdata 0x%08x)", kind,
         o->addr, o->priv, o->vm, o->present, err, rdata,
         o->rtl_ok[0].fault ? "fault" : "data", o->rtl_ok[0].fault ? 0 : o->rtl_ok[0].value,
         o->rtl_ok[0].maddr, o->n_rtl > 1 ? " or an old translation" : "", o->mr.err, o->mr.rdata);
  else if (!o->racing && !o->scrub_race && !exact_ok)
    FAIL("RTL and model differ: %s addr 0x%08x priv %u: RTL err %u rdata 0x%08x, model err %u "
         "rdata 0x%08x", kind, o->addr, o->priv, err, rdata, o->mr.err, o->mr.rdata);
  if (o->racing) {
    if (saw_old) cov[CV_INVAL_RACE_OLD]++;
    else cov[CV_INVAL_RACE_NEW]++;
  }
  if (o->xlate && !!err != !!o->mr.err) { /* a racing access: one side faulted */
    fault_delta += (err ? 1 : 0) - (o->mr.err ? 1 : 0);
    fault_bit_uncertain = fault_regs_uncertain = 1;
    last_fault_resp[p] = cyc;
  } else if (o->xlate && err && o->mr.fault) {
    /* both recorded this fault last, unless the other port faulted at about the same time
     * (the RTL records a fault when it answers it, the model when it is presented) */
    fault_regs_uncertain = o->racing || last_fault_resp[!p] >= o->present; /* racing: reason */
    last_fault_resp[p] = cyc;
  }
  if (p == 0 && !err)
    for (int i = 0; i < 16; i++) /* a store to the same word overlapped this fetch */
      if (wlog[i].valid && wlog[i].present <= cyc && wlog[i].resp >= o->present &&
          wlog[i].maddr == (o->rtl_ok[0].maddr & ~3u)) {
        cov[CV_XPORT_RACE]++;
        break;
      }
  if (o->scrub_race) {
    cov[CV_SCRUB_RACE]++;
    if (rdata == 0) cov[CV_SCRUB_RACE_ZERO]++;
    else cov[CV_SCRUB_RACE_OLD]++;
  }
  /* timing */
  const int32_t d = (int32_t)lat - (int32_t)o->mr.latency;
  const uint32_t ad = (uint32_t)(d < 0 ? -d : d);
  lat_n++;
  lat_abs_sum += ad;
  if (ad == 0) lat_exact++;
  if (ad > lat_max && !(p == 0 && (last_resp[1] >= o->present || mst[1].active))) lat_max = ad;
  if (ad > lat_max_fetch) lat_max_fetch = ad;
  lat_hist[d <= -4 ? 0 : d >= 4 ? 8 : d + 4]++;
  if (opt.verbose == 1 && ad >= 4)
    printf("%8" PRIu64 " timing %s %s 0x%08x priv %u: RTL %u model %u (walk %u dirty %u busy %d other %d)\n",
           cyc, p ? "D" : "F", kind, o->addr, o->priv, lat, o->mr.latency, o->mr.walked,
           o->mr.dirty_update, memctl_model_busy(M), mst[!p].active);
  const int fetch_vs_data = p == 0 && (last_resp[1] >= o->present || mst[1].active);
  if (ad > TOL_LATENCY && d > 0 && opt.backend == 1) {
    /* the RTL kept this access waiting much longer than the model (arbitration): reported */
    rtl_slow_n++;
    if ((uint32_t)d > rtl_slow_max) {
      rtl_slow_max = (uint32_t)d;
      snprintf(rtl_slow_what, sizeof rtl_slow_what, "%s 0x%08x presented at %" PRIu64 ": RTL %u, model %u",
               kind, o->addr, o->present, lat, o->mr.latency);
    }
  } else if (ad > TOL_LATENCY && !fetch_vs_data)
    FAIL("%s addr 0x%08x: latency RTL %u, model %u (tolerance %u)", kind, o->addr, lat,
         o->mr.latency, TOL_LATENCY);
  if (isolated_ok(o, cyc)) {
    lat_isolated++;
    if (ad == 0) lat_isolated_exact++;
    /* DRAM: open rows may differ after earlier reorderings; org b: the TLB contents may
     * differ (fill order, invalidation timing), one walk (1 cycle on SRAM) either way */
    else if (opt.backend == 0 && !(opt.org == 1 && ad == 1 && o->xlate))
      FAIL("isolated %s addr 0x%08x (walk %u, dirty %u): latency RTL %u, model %u", kind, o->addr,
           o->mr.walked, o->mr.dirty_update, lat, o->mr.latency);
  }
  if (opt.verbose >= 2)
    printf("%8" PRIu64 " %s %-5s 0x%08x priv %u -> err %u data 0x%08x lat %u (model %u)%s\n", cyc,
           p ? "D" : "F", kind, o->addr, o->priv, err, rdata, lat, o->mr.latency,
           o->racing ? " racing" : "");
  for (int i = 0; i < 16; i++)
    if (wlog[i].valid && wlog[i].resp == NEVER && wlog[i].present == o->present && p == 1)
      wlog[i].resp = cyc;
  last_resp[p] = cyc;
  model_free[p] = o->present + o->mr.latency;
  o->active = 0;
}

/* ------------------------------------------------------------------ VMM script */

enum {
  S_REGW, S_REGR, S_REGX, S_MSTORE, S_MLOAD, S_WAIT_FENCE, S_WAIT_IDLE, S_QUIET, S_RESUME,
  S_MARK_CHANGE, S_DRAIN, S_MARK_FENCE, S_SCRUB_BEGIN, S_SCRUB_END, S_MEMCMP, S_IRQCHK, S_DELAY,
  S_ENABLE, S_CNT_RESET, S_SETCOV
};
typedef struct {
  int kind;
  uint32_t a, b, c;
} step_t;

#define MAXSTEPS 1024
static step_t script[MAXSTEPS];
static int sc_n, sc_i;
static int step_busy;       /* the current step has an operation outstanding */
static uint64_t step_t0;    /* cycle the current step started */
static uint64_t next_poll;
static int wait_rtl_idle_seen;
static uint32_t vmm_scrub_pages[8], vmm_scrub_n;

static void add(int kind, uint32_t a, uint32_t b, uint32_t c) {
  if (sc_n >= MAXSTEPS) {
    FAIL("script overflow");
    return;
  }
  script[sc_n++] = (step_t){kind, a, b, c};
}
static void regw(uint32_t off, uint32_t v) { add(S_REGW, off, v, 0); }
static void regr(uint32_t off, int cmp) { add(S_REGR, off, (uint32_t)cmp, 0); }
static void cmd3(uint32_t op, uint32_t a0, uint32_t a1) {
  regw(MEMCTL_CMD_ARG0, a0);
  regw(MEMCTL_CMD_ARG1, a1);
  regw(MEMCTL_CMD, op);
}
static void fence_and_wait(void) {
  regw(MEMCTL_CMD, MEMCTL_CMD_FENCE);
  fences_planned++;
  add(S_MARK_FENCE, fences_planned, 0, 0);
  add(S_WAIT_FENCE, fences_planned, 0, 0);
}
static void check_error(uint32_t expect) {
  regr(MEMCTL_ERROR, CMP_AUTO);
  regr(MEMCTL_STATUS, CMP_AUTO);
  add(S_REGX, MEMCTL_ERROR, expect, 0); /* ERROR must read `expect` */
  regw(MEMCTL_STATUS, MEMCTL_STATUS_ERROR);
}

/* Register comparison of the RTL read `v` (err e) with the model's value. */
static uint64_t cnt_dev_n;      /* DRAM: cycle counters outside the SRAM tolerance (reported) */
static double cnt_dev_max;
static char cnt_dev_what[64];

static void tol_check(const char *what, uint32_t rv, uint32_t mv) {
  const uint32_t d = rv > mv ? rv - mv : mv - rv;
  const uint32_t tol = TOL_CNT_ABS + (uint32_t)((uint64_t)(rv > mv ? rv : mv) * TOL_CNT_REL / 100);
  if (d <= tol) return;
  if (opt.backend == 1) { /* arbitration-dependent on the shared DRAM back end: reported */
    const double rel = (double)d / (double)(mv ? mv : 1);
    cnt_dev_n++;
    if (rel > cnt_dev_max) {
      cnt_dev_max = rel;
      snprintf(cnt_dev_what, sizeof cnt_dev_what, "%s RTL %u model %u", what, rv, mv);
    }
    return;
  }
  FAIL("%s: RTL %u, model %u (tolerance %u)", what, rv, mv, tol);
}

static const char *reg_name(uint32_t off) {
  static char buf[16];
  switch (off) {
    case MEMCTL_STATUS: return "STATUS";
    case MEMCTL_ERROR: return "ERROR";
    case MEMCTL_FENCE_SEQ: return "FENCE_SEQ";
    case MEMCTL_LAST_FENCE_CYCLES: return "LAST_FENCE_CYCLES";
    case MEMCTL_FAULT_GPA: return "FAULT_GPA";
    case MEMCTL_FAULT_INFO: return "FAULT_INFO";
    case MEMCTL_TBL_ENTRY: return "TBL_ENTRY";
    default: snprintf(buf, sizeof buf, "reg 0x%03x", off); return buf;
  }
}

static uint32_t cnt_rtl_last[MEMCTL_NUM_COUNTERS];

static void compare_reg(const op_t *o, uint32_t v, uint32_t err) {
  const uint32_t off = o->reg_off, mv = o->model_rd;
  if (err) {
    FAIL("register read 0x%03x: bus error", off);
    return;
  }
  if (o->cmp == CMP_NONE) return;
  const int q = o->cmp == CMP_Q;
  if (off >= MEMCTL_COUNTER_BASE && off < MEMCTL_COUNTER_BASE + 4 * MEMCTL_NUM_COUNTERS) {
    const uint32_t i = (off - MEMCTL_COUNTER_BASE) / 4;
    cnt_rtl_last[i] = v;
    if (!q) return;
    switch (off) {
      case MEMCTL_CNT_TRANSLATIONS:
      case MEMCTL_CNT_INVALIDATIONS:
      case MEMCTL_CNT_FENCES:
      case MEMCTL_CNT_SCRUB_PAGES:
        if (v != mv) FAIL("counter 0x%03x: RTL %u, model %u", off, v, mv);
        return;
      case MEMCTL_CNT_FAULTS:
        if ((int64_t)v != (int64_t)mv + fault_delta)
          FAIL("FAULTS: RTL %u, model %u + racing delta %" PRId64, v, mv, fault_delta);
        return;
      case MEMCTL_CNT_HITS:
        if (opt.org == 0) {
          const uint64_t d = v > mv ? v - mv : mv - v;
          if (d > racing_since_reset) FAIL("HITS: RTL %u, model %u (racing accesses %" PRIu64 ")", v, mv, racing_since_reset);
          return;
        }
        tol_check("HITS", v, mv);
        return;
      case MEMCTL_CNT_REFRESHES:
        if ((v > mv ? v - mv : mv - v) > 1) FAIL("REFRESHES: RTL %u, model %u", v, mv);
        return;
      default: {
        char what[32];
        snprintf(what, sizeof what, "counter 0x%03x", off);
        tol_check(what, v, mv);
        return;
      }
    }
  }
  switch (off) {
    case MEMCTL_STATUS: {
      uint32_t mask = 0;
      if (o->error_ok) mask |= MEMCTL_STATUS_ERROR;
      if (o->fault_bit_ok && o->no_guest_inflight) mask |= MEMCTL_STATUS_FAULT;
      if (q) mask |= 0x7F & ~(o->fault_bit_ok ? 0u : MEMCTL_STATUS_FAULT);
      if ((v ^ mv) & mask) FAIL("STATUS: RTL 0x%02x, model 0x%02x (compared 0x%02x)", v, mv, mask);
      return;
    }
    case MEMCTL_ERROR:
      if (o->error_ok && v != mv) FAIL("ERROR: RTL %u, model %u", v, mv);
      return;
    case MEMCTL_FENCE_SEQ:
      if (q ? v != mv : v > fences_planned) FAIL("FENCE_SEQ: RTL %u, model %u, enqueued %u", v, mv, fences_planned);
      if (v > rtl_seq_seen) rtl_seq_seen = v;
      return;
    case MEMCTL_LAST_FENCE_CYCLES:
      if (q) tol_check("LAST_FENCE_CYCLES", v, mv);
      return;
    case MEMCTL_FAULT_GPA:
    case MEMCTL_FAULT_INFO:
      if (o->fault_regs_ok && (o->no_guest_inflight || q) && v != mv)
        FAIL("%s: RTL 0x%08x, model 0x%08x", reg_name(off), v, mv);
      return;
    case MEMCTL_TBL_ENTRY: {
      uint32_t mask = 0xFFFFFFFF;
      if (!o->no_guest_inflight) mask &= ~PD;
      if ((v ^ mv) & mask) FAIL("TBL_ENTRY {%u, %u}: RTL 0x%08x, model 0x%08x", tbl_vm, tbl_gppn, v, mv);
      return;
    }
    default:
      if (v != mv) FAIL("%s: RTL 0x%08x, model 0x%08x", reg_name(off), v, mv);
      return;
  }
}

static uint32_t last_rd[0x1000 / 4];

/* Presents a register access; the model sees it now if it is a read (state of this cycle, before
 * this cycle's accesses), and when the RTL grants it if it is a write. */
static void present_reg(uint32_t off, uint32_t we, uint32_t be, uint32_t v, int cmp) {
  op_t *o = &mst[2];
  memset(o, 0, sizeof *o);
  o->active = 1;
  o->owner = OWN_VMM;
  o->present = cyc;
  o->we = we;
  o->be = be;
  o->wdata = v;
  o->reg_off = off;
  o->cmp = cmp;
  o->no_guest_inflight = !guest_outstanding();
  o->fault_regs_ok = !fault_regs_uncertain;
  o->fault_bit_ok = !fault_bit_uncertain;
  o->error_ok = !scrub_list_bad_inflight;
  in.regs_req = 1;
  in.regs_addr = MEMCTL_BASE + off;
  in.regs_we = we;
  in.regs_be = be;
  in.regs_wdata = v;
  if (!we) {
    memctl_result_t r;
    memctl_model_reg_access(M, off, 0, be, 0, &r);
    o->model_rd = r.rdata;
    o->mr = r;
  }
}

static void reg_granted(void) {
  op_t *o = &mst[2];
  if (!o->we) return;
  const uint32_t before = memctl_model_reg_read(M, MEMCTL_STATUS) & MEMCTL_STATUS_ERROR;
  memctl_model_reg_access(M, o->reg_off, 1, o->be, o->wdata, &o->mr);
  const uint32_t after = memctl_model_reg_read(M, MEMCTL_STATUS) & MEMCTL_STATUS_ERROR;
  const int refused = after && !before;
  if (refused || o->mr.err) {
    cov[CV_ERRORS]++;
    last_error_cycle = cyc;
    if (memctl_model_reg_read(M, MEMCTL_ERROR) == MEMCTL_ERR_QUEUE_FULL) cov[CV_QUEUE_FULL]++;
    return;
  }
  switch (o->reg_off) {
    case MEMCTL_CUR_VMID: cur_vm = o->wdata; break;
    case MEMCTL_CTRL: enable = o->wdata & 1; break;
    case MEMCTL_TBL_VMID: tbl_vm = o->wdata; break;
    case MEMCTL_TBL_GPPN: tbl_gppn = o->wdata; break;
    case MEMCTL_TBL_ENTRY: {
      shadow_t *s = &sh[tbl_vm][tbl_gppn];
      for (int i = 0; i < s->n; i++)
        if (s->st[i].until == NEVER) s->st[i].until = cyc;
      break;
    }
    case MEMCTL_STATUS:
      if (o->wdata & MEMCTL_STATUS_FAULT) fault_bit_uncertain = 0;
      break;
    case MEMCTL_COUNTER_CTRL:
      if (o->wdata & 1) {
        fault_delta = 0;
        racing_since_reset = 0;
      }
      break;
    default: break;
  }
}

static void complete_reg(uint32_t rdata, uint32_t err) {
  op_t *o = &mst[2];
  o->active = 0;
  if (!!err != !!o->mr.err)
    FAIL("register %s 0x%03x be 0x%x: RTL err %u, model err %u", o->we ? "write" : "read",
         o->reg_off, o->be, err, o->mr.err);
  if (!o->we) {
    compare_reg(o, rdata, err);
    last_rd[(o->reg_off & 0xFFF) / 4] = rdata;
  }
  if (opt.verbose >= 2)
    printf("%8" PRIu64 " R %s 0x%03x = 0x%08x (model 0x%08x)\n", cyc, o->we ? "wr" : "rd",
           o->reg_off, o->we ? o->wdata : rdata, o->model_rd);
}

/* ------------------------------------------------------------------ VMM tasks */

static uint32_t rand_perm(void) {
  static const uint32_t perms[] = {PV | PW | PX, PV | PW | PX, PV | PW, PV | PX, PV, PV | PW | PX};
  return perms[rnd(6)];
}

static void change_entry(uint32_t vm, uint32_t g, uint32_t e) {
  add(S_MARK_CHANGE, vm, g, e);
  add(S_DRAIN, vm, g, 0);
  if (opt.org == 0) {
    regw(MEMCTL_TBL_VMID, vm);
    regw(MEMCTL_TBL_GPPN, g);
    regw(MEMCTL_TBL_ENTRY, e);
  } else {
    add(S_MSTORE, P2M_ADDR(vm, g), e, 0);
  }
}

static uint32_t hot[NVM][6];

static void task_remap(int with_fence) {
  uint32_t fp[64];
  int nf = free_pages(fp, 64);
  const int nchg = 1 + (int)rnd(3);
  uint32_t vms[4], gs[4];
  int n = 0;
  for (int k = 0; k < nchg; k++) {
    const uint32_t vm = chance(70) ? cur_vm : rnd(NVM);
    uint32_t g = chance(70) ? hot[vm][rnd(6)] : rnd(GP);
    if (opt.org && g >= p2m_pages[vm]) g = rnd(p2m_pages[vm]);
    if (racing(vm, g)) continue;
    int dup = 0;
    for (int j = 0; j < n; j++) dup |= vms[j] == vm && gs[j] == g;
    if (dup) continue;
    const uint32_t cur = sh[vm][g].cur;
    uint32_t e;
    const uint32_t r = rnd(100);
    if ((r < 35 || !(cur & PV)) && nf > 0) {
      e = PTE(fp[--nf], rand_perm()); /* (re)map to a free page */
    } else if (r < 55) {
      e = cur & ~PV; /* unmap */
    } else if (r < 75) {
      e = (cur & ~(PW | PX)) | (rand_perm() & (PW | PX)); /* permissions */
    } else if (r < 92 || opt.org == 0) {
      e = cur & ~PD; /* clear D (dirty tracking) */
    } else {
      e = PTE(MEMP + rnd(64), PV | PW | PX); /* org b: a machine page beyond memory */
    }
    vms[n] = vm;
    gs[n] = g;
    n++;
    change_entry(vm, g, e);
  }
  if (opt.verbose) printf("%8" PRIu64 "   remap: %d change(s), fence %d\n", cyc, n, with_fence);
  if (n == 0) return;
  const uint32_t r = rnd(100);
  if (r < 70) {
    for (int k = 0; k < n; k++) cmd3(MEMCTL_CMD_INVAL_PAGE, vms[k], gs[k]);
    if (n > 1) add(S_SETCOV, CV_B2B_INVAL, 0, 0);
  } else if (r < 85) {
    cmd3(MEMCTL_CMD_INVAL_VM, vms[0], 0);
    for (int k = 1; k < n; k++)
      if (vms[k] != vms[0]) {
        regw(MEMCTL_CMD_ARG0, vms[k]);
        regw(MEMCTL_CMD, MEMCTL_CMD_INVAL_VM);
        add(S_SETCOV, CV_B2B_INVAL, 0, 0);
      }
  } else {
    cmd3(MEMCTL_CMD_INVAL_ALL, 0, 0);
  }
  if (with_fence) fence_and_wait();
}

static void task_scrub(int overlap_remap) {
  uint32_t fp[64];
  int nf = free_pages(fp, 64);
  if (nf < 2) return;
  static int scrubs;
  const int list = scrubs == 1 || (scrubs > 1 && chance(45));
  const int force_bad = scrubs++ == 1;
  uint32_t pages[4];
  int np = 0;
  if (list) {
    np = 1 + (int)rnd(3);
    for (int k = 0; k < np; k++) pages[k] = fp[rnd((uint32_t)nf)];
  } else {
    /* a run of contiguous free pages starting at a random free page */
    const uint32_t start = fp[rnd((uint32_t)nf)];
    pages[np++] = start;
    while (np < 3 && start + (uint32_t)np < MEMP) {
      int f = 0;
      for (int k = 0; k < nf; k++) f |= fp[k] == start + (uint32_t)np;
      if (!f) break;
      pages[np] = start + (uint32_t)np;
      np++;
    }
  }
  for (int k = 0; k < np; k++) reserved[pages[k]] = 1; /* until S_SCRUB_END */
  /* fill a few words so that the zeroing shows */
  for (int k = 0; k < np; k++)
    for (int w = 0; w < 3; w++) add(S_MSTORE, MADDR(pages[k], 4 * rnd(WORDS)), rnd32() | 1, 0);
  int bad = 0;
  if (list) {
    int idx = 0;
    for (int k = 0; k < np; k++) {
      if (chance(20) || (force_bad && k == 0)) {
        add(S_MSTORE, MADDR(LIST_MPN, 4 * idx++), MEMP + rnd(1000), 0);
        bad = 1;
      }
      add(S_MSTORE, MADDR(LIST_MPN, 4 * idx++), pages[k], 0);
    }
    add(S_SCRUB_BEGIN, (uint32_t)np, pages[0], (np > 1 ? pages[1] : pages[0]) | (np > 2 ? pages[2] << 16 : pages[0] << 16));
    if (bad) add(S_SETCOV, CV_SCRUB_LIST_BAD, 1, 0);
    cmd3(MEMCTL_CMD_SCRUB_LIST, MADDR(LIST_MPN, 0), (uint32_t)idx);
    add(S_SETCOV, CV_SCRUB_LIST, 0, 0);
  } else {
    add(S_SCRUB_BEGIN, (uint32_t)np, pages[0], (np > 1 ? pages[1] : pages[0]) | (np > 2 ? pages[2] << 16 : pages[0] << 16));
    cmd3(MEMCTL_CMD_SCRUB, pages[0], (uint32_t)np);
    add(S_SETCOV, CV_SCRUB, 0, 0);
  }
  if (overlap_remap) task_remap(1); /* its FENCE waits for the scrub too */
  add(S_WAIT_IDLE, 1, 0, 0);
  add(S_SCRUB_END, 0, 0, 0);
  if (bad) {
    add(S_SETCOV, CV_SCRUB_LIST_BAD, 0, 0); /* ERROR is deterministic again */
    check_error(MEMCTL_ERR_BAD_MPN);
  }
}

static void task_error(void) {
  const uint32_t r = rnd(16);
  uint32_t expect = MEMCTL_ERR_BAD_REG, reread = 0;
  switch (r) {
    case 0: regw(MEMCTL_CUR_VMID, NVM + rnd(8)); expect = MEMCTL_ERR_BAD_VMID; reread = MEMCTL_CUR_VMID; break;
    case 1:
      if (opt.org == 0) { regw(MEMCTL_TBL_VMID, NVM + rnd(4)); expect = MEMCTL_ERR_BAD_VMID; }
      else regw(MEMCTL_TBL_VMID, 0);
      reread = MEMCTL_TBL_VMID;
      break;
    case 2:
      if (opt.org == 0) { regw(MEMCTL_TBL_GPPN, GP + rnd(4)); expect = MEMCTL_ERR_BAD_GPPN; }
      else regw(MEMCTL_TBL_ENTRY, PTE(3, PV));
      reread = MEMCTL_TBL_GPPN;
      break;
    case 3:
      if (opt.org == 0) { regw(MEMCTL_TBL_ENTRY, PTE(MEMP + rnd(100), PV | PW)); expect = MEMCTL_ERR_BAD_MPN; }
      else regw(MEMCTL_P2M_SEL, NVM), expect = MEMCTL_ERR_BAD_VMID;
      reread = opt.org == 0 ? MEMCTL_TBL_ENTRY : MEMCTL_P2M_SEL;
      break;
    case 4:
      if (opt.org == 1) { regw(MEMCTL_P2M_BASE, RAM_BASE + 2); expect = MEMCTL_ERR_BAD_ADDR; }
      else regw(MEMCTL_P2M_BASE, RAM_BASE);
      reread = MEMCTL_P2M_BASE;
      break;
    case 5:
      if (opt.org == 1) { regw(MEMCTL_P2M_PAGES, GP + 1); expect = MEMCTL_ERR_BAD_GPPN; }
      else regw(MEMCTL_P2M_PAGES, 1);
      reread = MEMCTL_P2M_PAGES;
      break;
    case 6: {
      static const uint32_t ro[] = {MEMCTL_ID, MEMCTL_CONFIG, MEMCTL_MEM_PAGES, MEMCTL_GUEST_PAGES,
                                    MEMCTL_ERROR, MEMCTL_FENCE_SEQ, MEMCTL_LAST_FENCE_CYCLES,
                                    MEMCTL_FAULT_GPA, MEMCTL_FAULT_INFO, MEMCTL_CNT_HITS, 0x04C,
                                    0x05C, 0x0F0, 0x200, 0xFFC};
      reread = ro[rnd(15)];
      regw(reread, rnd32());
      break;
    }
    case 7: cmd3(rnd(2) ? 0 : 7 + rnd(9), 0, 0); expect = MEMCTL_ERR_BAD_CMD; break;
    case 8: cmd3(MEMCTL_CMD_INVAL_PAGE, NVM + rnd(3), 0); expect = MEMCTL_ERR_BAD_VMID; break;
    case 9: cmd3(MEMCTL_CMD_INVAL_PAGE, 0, GP + rnd(3)); expect = MEMCTL_ERR_BAD_GPPN; break;
    case 10: cmd3(MEMCTL_CMD_INVAL_VM, NVM + rnd(3), 0); expect = MEMCTL_ERR_BAD_VMID; break;
    case 11: cmd3(MEMCTL_CMD_SCRUB, rnd(2) ? MEMP - 1 : POOL0, rnd(2) ? 0 : MEMP); expect = MEMCTL_ERR_BAD_MPN; break;
    case 12: cmd3(MEMCTL_CMD_SCRUB_LIST, MADDR(LIST_MPN, 2), 1); expect = MEMCTL_ERR_BAD_ADDR; break;
    case 13: cmd3(MEMCTL_CMD_SCRUB_LIST, MADDR(MEMP - 1, PAGE - 8), 3); expect = MEMCTL_ERR_BAD_ADDR; break;
    case 14: cmd3(MEMCTL_CMD_SCRUB_LIST, MADDR(LIST_MPN, 0), 0); expect = MEMCTL_ERR_BAD_MPN; break;
    default:
      /* a 16-bit register access: bus error, no effect */
      add(S_REGW, MEMCTL_CUR_VMID, NVM - 1, 0x3);
      regr(MEMCTL_CUR_VMID, CMP_AUTO);
      return;
  }
  check_error(expect);
  if (reread) regr(reread, CMP_AUTO);
}

static void task_checkpoint(int final) {
  add(S_QUIET, 0, 0, 0);
  add(S_WAIT_IDLE, 0, 0, 0);
  add(S_DELAY, 4, 0, 0);
  for (uint32_t off = 0; off < MEMCTL_COUNTER_BASE + 4 * MEMCTL_NUM_COUNTERS; off += 4) {
    if (off == MEMCTL_TBL_ENTRY && opt.org == 0) continue; /* selector-dependent: read below */
    regr(off, CMP_Q);
  }
  if (opt.org == 0) {
    regw(MEMCTL_TBL_VMID, rnd(NVM));
    regw(MEMCTL_TBL_GPPN, rnd(GP));
    regr(MEMCTL_TBL_ENTRY, CMP_Q);
  }
  add(S_MEMCMP, 0, 0, 0);
  add(S_IRQCHK, 0, 0, 0);
  add(S_SETCOV, CV_CHECKPOINT, 0, 0);
  if (!final) {
    regw(MEMCTL_IRQ_ENABLE, rnd32());
    add(S_DELAY, 1, 0, 0);
    add(S_IRQCHK, 0, 0, 0);
    if (chance(50)) regw(MEMCTL_STATUS, 0x3A);
    if (chance(50)) add(S_CNT_RESET, 0, 0, 0);
    add(S_RESUME, 0, 0, 0);
  }
}

static void task_setup(void) {
  /* translation is off: build the tables, then enable */
  for (uint32_t v = 0; v < NVM; v++) p2m_pages[v] = opt.org ? (v == 1 ? GP * 3 / 4 : v == 3 ? GP / 2 : GP) : GP;
  if (opt.org == 1)
    for (uint32_t v = 0; v < NVM; v++) {
      regw(MEMCTL_P2M_SEL, v);
      regw(MEMCTL_P2M_BASE, P2M_ADDR(v, 0));
      regw(MEMCTL_P2M_PAGES, p2m_pages[v]);
    }
  uint32_t next = POOL0;
  for (uint32_t v = 0; v < NVM; v++) {
    hot[v][0] = 0;
    hot[v][1] = 1;
    for (int i = 2; i < 6; i++) hot[v][i] = rnd(GP);
  }
  for (uint32_t v = 0; v < NVM; v++)
    for (uint32_t g = 0; g < GP && next < POOL0 + 64; g++) {
      if (!chance(30) && g > 1) continue;
      uint32_t e = PTE(next++, rand_perm());
      if (opt.org == 1 && (g == 1 || chance(4))) e = PTE(MEMP + rnd(50), PV | PW | PX);
      sh[v][g].cur = e;
      if (opt.org == 0) {
        regw(MEMCTL_TBL_VMID, v);
        regw(MEMCTL_TBL_GPPN, g);
        regw(MEMCTL_TBL_ENTRY, e);
      } else {
        add(S_MSTORE, P2M_ADDR(v, g), e, 0);
      }
    }
  /* some data in the mapped pages */
  for (int i = 0; i < 64; i++) add(S_MSTORE, MADDR(POOL0 + rnd(64), 4 * rnd(WORDS)), rnd32(), 0);
  add(S_QUIET, 0, 0, 0);
  regw(MEMCTL_CTRL, MEMCTL_CTRL_ENABLE);
  regr(MEMCTL_CTRL, CMP_AUTO);
  add(S_RESUME, 0, 0, 0);
}

static uint64_t next_checkpoint;
static int task_seq;

static void plan_next_task(void) {
  sc_n = sc_i = 0;
  if (cyc >= next_checkpoint) {
    next_checkpoint = cyc + 6000;
    task_checkpoint(0);
    return;
  }
  /* the first tasks cover every kind once; then random */
  static const int first[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  int t = task_seq < (int)(sizeof first / sizeof first[0]) ? first[task_seq] : (int)rnd(100);
  task_seq++;
  if (task_seq > 10) {
    t = t < 30 ? 0 : t < 40 ? 1 : t < 46 ? 9 : t < 54 ? 3 : t < 60 ? 4 : t < 64 ? 5 : t < 66 ? 6 : t < 72 ? 7 : t < 88 ? 8 : 2;
  }
  if (opt.verbose) printf("%8" PRIu64 " task %d (vm %u)\n", cyc, t, cur_vm);
  switch (t) {
    case 0: task_remap(chance(80)); break;
    case 1: task_scrub(0); break;
    case 2: /* fence with an empty queue */
      add(S_WAIT_IDLE, 0, 0, 0);
      add(S_SETCOV, CV_FENCE_EMPTY, 0, 0);
      fence_and_wait();
      break;
    case 3: task_error(); break;
    case 4: /* switch VM */
      add(S_QUIET, 0, 0, 0);
      regw(MEMCTL_CUR_VMID, rnd(NVM));
      add(S_RESUME, 0, 0, 0);
      break;
    case 5: { /* queue full */
      uint32_t fp[4];
      if (free_pages(fp, 4) < 1) break;
      add(S_WAIT_IDLE, 0, 0, 0);
      add(S_SCRUB_BEGIN, 1, fp[0], fp[0] | (fp[0] << 16));
      regw(MEMCTL_CMD_ARG0, fp[0]);
      regw(MEMCTL_CMD_ARG1, 1);
      for (uint32_t i = 0; i < MEMCTL_QUEUE_DEPTH; i++) regw(MEMCTL_CMD, MEMCTL_CMD_SCRUB);
      regr(MEMCTL_STATUS, CMP_AUTO);
      regw(MEMCTL_CMD, MEMCTL_CMD_FENCE); /* refused */
      check_error(MEMCTL_ERR_QUEUE_FULL);
      add(S_WAIT_IDLE, 1, 0, 0);
      add(S_SCRUB_END, 0, 0, 0);
      break;
    }
    case 6: task_scrub(1); break;
    case 7: { /* back-to-back invalidations without entry changes */
      const int n = 2 + (int)rnd(3);
      for (int i = 0; i < n; i++) {
        const uint32_t k = rnd(3);
        if (k == 0) cmd3(MEMCTL_CMD_INVAL_PAGE, rnd(NVM), rnd(GP));
        else if (k == 1) cmd3(MEMCTL_CMD_INVAL_VM, rnd(NVM), 0);
        else cmd3(MEMCTL_CMD_INVAL_ALL, 0, 0);
      }
      add(S_SETCOV, CV_B2B_INVAL, 0, 0);
      if (chance(70)) fence_and_wait();
      break;
    }
    case 8: { /* register reads */
      static const uint32_t rr[] = {MEMCTL_ID, MEMCTL_CONFIG, MEMCTL_MEM_PAGES, MEMCTL_GUEST_PAGES,
                                    MEMCTL_CUR_VMID, MEMCTL_STATUS, MEMCTL_ERROR, MEMCTL_IRQ_ENABLE,
                                    MEMCTL_CMD_ARG0, MEMCTL_CMD_ARG1, MEMCTL_CMD, MEMCTL_FENCE_SEQ,
                                    MEMCTL_FAULT_GPA, MEMCTL_FAULT_INFO, MEMCTL_CTRL,
                                    MEMCTL_TBL_VMID, MEMCTL_TBL_GPPN, MEMCTL_TBL_ENTRY,
                                    MEMCTL_P2M_SEL, MEMCTL_P2M_BASE, MEMCTL_P2M_PAGES,
                                    MEMCTL_COUNTER_CTRL, 0x5C, 0x800};
      for (int i = 0; i < 3; i++) regr(rr[rnd(sizeof rr / sizeof rr[0])], CMP_AUTO);
      if (opt.org == 1 && chance(50)) { /* the VMM reads a P2M word: D bits */
        const uint32_t v = rnd(NVM), g = rnd(p2m_pages[v]);
        if (!racing(v, g)) add(S_MLOAD, P2M_ADDR(v, g), 0, 0);
      }
      break;
    }
    case 9: /* the VMM reads guest memory */
      for (int i = 0; i < 3; i++) add(S_MLOAD, MADDR(rnd(MEMP + 1), 4 * rnd(WORDS)), 0, 0);
      break;
    default:
      add(S_DELAY, 1 + rnd(20), 0, 0);
      break;
  }
}

/* ------------------------------------------------------------------ VMM step machine */

static int data_port_free_for_vmm(void) {
  return !mst[1].active && last_resp[1] < cyc && model_free[1] <= cyc;
}

/* Returns 1 when the current step has finished. May present operations. */
static int run_step(const step_t *s) {
  switch (s->kind) {
    case S_REGW:
    case S_REGR:
      if (!step_busy) {
        if (mst[2].active) return 0;
        const uint32_t be = (s->kind == S_REGW && s->c) ? s->c : 0xF;
        present_reg(s->a, s->kind == S_REGW, be, s->kind == S_REGW ? s->b : 0,
                    s->kind == S_REGR ? (int)s->b : CMP_NONE);
        step_busy = 1;
        return 0;
      }
      return !mst[2].active;
    case S_REGX:
      if (last_rd[s->a / 4] != s->b)
        FAIL("%s: RTL %u, expected %u", reg_name(s->a), last_rd[s->a / 4], s->b);
      return 1;
    case S_MSTORE:
    case S_MLOAD:
      if (!step_busy) {
        if (!data_port_free_for_vmm()) return 0;
        present_mem(1, OWN_VMM, s->a, s->kind == S_MSTORE, 0xF, s->b, 3);
        step_busy = 1;
        return 0;
      }
      return !mst[1].active;
    case S_WAIT_FENCE:
    case S_WAIT_IDLE: {
      /* poll the RTL; meanwhile the VMM reads pages being scrubbed */
      if (cyc - step_t0 > 400000) {
        FAIL("timeout waiting for %s", s->kind == S_WAIT_FENCE ? "a fence" : "the command queue to drain");
        return 1;
      }
      int rtl_done, model_done;
      if (s->kind == S_WAIT_FENCE) {
        rtl_done = rtl_seq_seen >= s->a;
        model_done = model_fence_seq() >= s->a;
      } else {
        rtl_done = wait_rtl_idle_seen;
        model_done = !memctl_model_busy(M);
      }
      if (!step_busy) { /* only polls made during this step count */
        wait_rtl_idle_seen = 0;
        step_busy = 1;
        rtl_done = s->kind == S_WAIT_FENCE && rtl_done;
      }
      if (rtl_done && model_done && !mst[2].active && !mst[1].active) {
        wait_rtl_idle_seen = 0;
        return 1;
      }
      if (!mst[2].active && cyc >= next_poll && !rtl_done) {
        present_reg(s->kind == S_WAIT_FENCE ? MEMCTL_FENCE_SEQ : MEMCTL_STATUS, 0, 0xF, 0, CMP_AUTO);
        mst[2].cmp = CMP_AUTO;
        next_poll = cyc + 3;
      }
      if (vmm_scrub_n && data_port_free_for_vmm() && !guests_paused && chance(30)) {
        const uint32_t p = vmm_scrub_pages[rnd(vmm_scrub_n)];
        present_mem(1, OWN_VMM, MADDR(p, 4 * rnd(WORDS)), 0, 0xF, 0, 3);
      }
      return 0;
    }
    case S_QUIET:
      guests_paused = 1;
      return !guest_outstanding() && !mst[1].active && !mst[0].active;
    case S_RESUME:
      guests_paused = 0;
      return 1;
    case S_MARK_CHANGE: {
      shadow_t *sp = &sh[s->a][s->b];
      if (sp->n >= MAXSTALE) {
        FAIL("generator: too many stale entries");
        return 1;
      }
      stale_t st = {sp->cur & ~PD, 0, 0, NEVER};
      sp->st[sp->n++] = st;
      sp->cur = s->c & ~PD;
      sp->mark = cyc;
      return 1;
    }
    case S_DRAIN:
      /* no access to that page presented before the change may still be outstanding */
      for (int p = 0; p < 2; p++)
        if (mst[p].active && mst[p].owner == OWN_GUEST && mst[p].xlate && mst[p].vm == s->a &&
            mst[p].gppn == s->b && mst[p].present <= sh[s->a][s->b].mark)
          return 0;
      return 1;
    case S_MARK_FENCE:
      for (uint32_t v = 0; v < NVM; v++)
        for (uint32_t g = 0; g < GP; g++)
          for (int i = 0; i < sh[v][g].n; i++)
            if (!sh[v][g].st[i].fence_known) {
              sh[v][g].st[i].fence = s->a;
              sh[v][g].st[i].fence_known = 1;
            }
      return 1;
    case S_SCRUB_BEGIN: {
      const uint32_t pg[3] = {s->b, s->c & 0xFFFF, s->c >> 16};
      vmm_scrub_n = 0;
      for (uint32_t k = 0; k < s->a && k < 3; k++) {
        scrubbing[pg[k]] = 1;
        vmm_scrub_pages[vmm_scrub_n++] = pg[k];
        for (uint32_t w = 0; w < WORDS; w++) scrub_snap[pg[k]][w] = memctl_model_mem_read32(M, MADDR(pg[k], 4 * w));
      }
      return 1;
    }
    case S_SCRUB_END:
      memset(reserved, 0, sizeof reserved);
      for (uint32_t k = 0; k < vmm_scrub_n; k++) scrubbing[vmm_scrub_pages[k]] = 0;
      vmm_scrub_n = 0;
      return 1;
    case S_MEMCMP: {
      int bad = 0;
      for (uint32_t w = 0; w < MEMP * WORDS && bad < 5; w++) {
        const uint32_t a = rtl_mem_read32(R, 4 * w), b = memctl_model_mem_read32(M, RAM_BASE + 4 * w);
        if (a != b) {
          FAIL("memory at 0x%08x (page %u): RTL 0x%08x, model 0x%08x", RAM_BASE + 4 * w, w / WORDS, a, b);
          bad++;
        }
      }
      return 1;
    }
    case S_IRQCHK:
      if ((int)out.irq != memctl_model_irq(M))
        FAIL("irq: RTL %u, model %d", out.irq, memctl_model_irq(M));
      return 1;
    case S_DELAY:
      return cyc - step_t0 >= s->a;
    case S_SETCOV:
      if (s->a == CV_SCRUB_LIST_BAD) scrub_list_bad_inflight = (int)s->b;
      if (s->a != CV_SCRUB_LIST_BAD || s->b) cov[s->a]++;
      return 1;
    default:
      return 1;
  }
}

/* S_CNT_RESET appends a step; run it in place instead */
static void vmm_cycle(void) {
  for (int guard = 0; guard < 64; guard++) {
    if (sc_i >= sc_n) {
      if (cyc >= opt.cycles) return;
      plan_next_task();
      step_busy = 0;
      step_t0 = cyc;
      if (sc_n == 0) return;
    }
    step_t *s = &script[sc_i];
    if (s->kind == S_CNT_RESET) {
      *s = (step_t){S_REGW, MEMCTL_COUNTER_CTRL, 1, 0};
    }
    if (!run_step(s)) return;
    sc_i++;
    step_busy = 0;
    step_t0 = cyc;
    /* steps that present an operation end the VMM's turn for this cycle */
    if (mst[2].active && mst[2].present == cyc) return;
    if (mst[1].active && mst[1].present == cyc && mst[1].owner == OWN_VMM) return;
  }
}

/* ------------------------------------------------------------------ guests */

static void guest_cycle(int p) {
  if (guests_paused || mst[p].active || model_free[p] > cyc) return;
  /* a core's data port is not busy every cycle: without gaps the fixed-priority back end
   * starves the fetch port (see docs/memctl.md, Co-verification) */
  if (p == 1 && last_resp[1] + 1 >= cyc && chance(50)) return;
  /* traffic well below what the back end can serve (DRAM: conflicts cost 7 cycles) */
  if (!chance(opt.backend ? 12 : p == 0 ? 55 : 50)) return;
  if (p == 1 && sc_i < sc_n && (script[sc_i].kind == S_MSTORE || script[sc_i].kind == S_MLOAD)) return;
  const uint32_t priv = rnd(2);
  uint32_t addr, we = 0, be = 0xF, wdata = rnd32();
  if (!enable) { /* untranslated: machine addresses */
    addr = MADDR(POOL0 + rnd(MEMP - POOL0 + 1), 4 * rnd(WORDS));
    we = p == 1 && chance(30);
  } else {
    const uint32_t vm = cur_vm, r = rnd(100);
    uint32_t g;
    if (r < 4) {
      addr = chance(50) ? GPA(GP + rnd(64), 4 * rnd(WORDS)) : (chance(50) ? MEMCTL_BASE : 0x10000000u);
      goto issue;
    } else if (r < 16) {
      g = rnd(GP);
    } else {
      /* a small hot set of pages per VM (TLB hits); pages whose change is not fenced yet are
       * picked often (invalidation races) */
      if (chance(2)) hot[vm][rnd(6)] = rnd(GP);
      g = hot[vm][rnd(6)];
      for (int t = 0; t < 4 && !(sh[vm][g].cur & PV); t++) g = hot[vm][rnd(6)];
      if (chance(80))
        for (int i = 0; i < 6; i++)
          if (racing(vm, hot[vm][i])) g = hot[vm][i];
    }
    addr = GPA(g, 4 * rnd(WORDS));
    if (p == 1 && !racing(vm, g) && chance(40)) we = 1;
    /* now and then store to the word the fetch port is reading (a same-word race) */
    if (p == 1 && mst[0].active && mst[0].xlate && chance(15) && !racing(vm, mst[0].gppn) &&
        mst[0].in_window) {
      addr = mst[0].addr;
      we = 1;
    }
  }
issue:
  if (we) {
    const uint32_t sz = chance(60) ? 4 : chance(50) ? 2 : 1;
    if (sz == 2) addr += 2 * rnd(2);
    if (sz == 1) addr += rnd(4);
    be = memctl_model_be(addr, sz);
    wdata <<= 8 * (addr & 3);
  } else if (p == 1 && chance(30)) {
    const uint32_t sz = chance(50) ? 2 : 1;
    if (sz == 2) addr += 2 * rnd(2);
    else addr += rnd(4);
    be = memctl_model_be(addr, sz);
  }
  present_mem(p, OWN_GUEST, addr, we, be, wdata, priv);
}

/* ------------------------------------------------------------------ main loop */

static void usage(void) {
  fprintf(stderr, "usage: memctl_cosim [--org a|b] [--backend sram|dram] [--seed N] [--cycles N] [-v]\n");
  exit(2);
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--org") && v) opt.org = v[0] == 'b' || v[0] == '1', i++;
    else if (!strcmp(a, "--backend") && v) opt.backend = !strcmp(v, "dram") || v[0] == '1', i++;
    else if (!strcmp(a, "--seed") && v) opt.seed = strtoull(v, NULL, 0), i++;
    else if (!strcmp(a, "--cycles") && v) opt.cycles = strtoull(v, NULL, 0), i++;
    else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) opt.verbose++;
    else usage();
  }
  rng_state = opt.seed * 0x9E3779B97F4A7C15ull + 0x1234567ull;
  if (!rng_state) rng_state = 1;
  printf("memctl cosim: org %c, %s, seed %" PRIu64 ", %" PRIu64 " cycles\n", opt.org ? 'b' : 'a',
         opt.backend ? "dram" : "sram", opt.seed, opt.cycles);

  memctl_model_config_t c;
  memctl_model_default_config(&c);
  c.org = (uint32_t)opt.org;
  c.backend = (uint32_t)opt.backend;
  c.page_shift = TB_PAGE_SHIFT;
  c.num_vms = NVM;
  c.guest_pages = GP;
  c.tlb_entries = TB_TLB_ENTRIES;
  c.mem_pages = MEMP;
  c.dram.banks = TB_DRAM_BANKS;
  c.dram.row_bytes = TB_DRAM_ROW_BYTES;
  c.dram.t_hit = TB_DRAM_T_HIT;
  c.dram.t_miss = TB_DRAM_T_MISS;
  c.dram.t_conflict = TB_DRAM_T_CONFLICT;
  c.dram.t_refresh_interval = TB_DRAM_T_REFRESH_INTERVAL;
  c.dram.t_refresh = TB_DRAM_T_REFRESH;
  M = memctl_model_create(&c);
  if (!M) {
    fprintf(stderr, "memctl_model_create: %s\n", memctl_model_error());
    return 2;
  }
  R = rtl_create((uint32_t)opt.org, (uint32_t)opt.backend, MEMP, NULL);
  rtl_reset(R);
  /* the same initial memory contents on both sides */
  for (uint32_t w = 0; w < MEMP * WORDS; w++) {
    /* the P2M tables and the list page start zeroed (the VMM's fresh memory) */
    const uint32_t v = w < POOL0 * WORDS ? 0 : (w * 0x9E3779B1u) ^ 0xA5A5A5A5u;
    rtl_mem_write32(R, 4 * w, v);
    memctl_model_mem_write32(M, RAM_BASE + 4 * w, v);
  }
  task_setup();
  next_checkpoint = 6000;

  const uint64_t limit = opt.cycles + 500000;
  int finished = 0;
  for (cyc = 0; cyc < limit; cyc++) {
    memctl_model_advance_to(M, cyc);
    if (memctl_model_busy(M)) last_busy = cyc;
    /* 1. outputs of this cycle with last cycle's requests still presented */
    memset(&in, 0, sizeof in);
    for (int p = 0; p < 3; p++) {
      op_t *o = &mst[p];
      if (!o->active || o->granted) continue;
      if (p == 0) in.fetch_req = 1, in.fetch_addr = o->addr, in.fetch_priv = o->priv;
      if (p == 1)
        in.data_req = 1, in.data_addr = o->addr, in.data_we = o->we, in.data_be = o->be,
        in.data_wdata = o->wdata, in.data_priv = o->priv;
      if (p == 2)
        in.regs_req = 1, in.regs_addr = MEMCTL_BASE + o->reg_off, in.regs_we = o->we,
        in.regs_be = o->be, in.regs_wdata = o->wdata;
    }
    rtl_eval(R, &in, &out);
    /* 2. responses */
    if (mst[0].active && mst[0].granted && out.fetch_rvalid) complete_mem(0, out.fetch_rdata, out.fetch_err);
    if (mst[1].active && mst[1].granted && out.data_rvalid) {
      const int vmm = mst[1].owner == OWN_VMM;
      complete_mem(1, out.data_rdata, out.data_err);
      (void)vmm;
    }
    if (mst[2].active && mst[2].granted && out.regs_rvalid) {
      const uint32_t off = mst[2].reg_off;
      complete_reg(out.regs_rdata, out.regs_err);
      if (off == MEMCTL_STATUS && !(out.regs_rdata & (MEMCTL_STATUS_CMD_BUSY | MEMCTL_STATUS_SCRUB_BUSY)))
        wait_rtl_idle_seen = 1;
    }
    if (rnd(64) == 0) shadow_gc();
    /* 3. new requests: VMM first (its register reads see this cycle's state before the
     *    accesses presented in it), then the guests */
    vmm_cycle();
    guest_cycle(0); /* fetch first: the RTL's walker (serving fetch misses) goes before a data */
    guest_cycle(1); /* access of the same cycle; the SRAM fetch port does not compete */
    rtl_eval(R, &in, &out);
    if (in.regs_req && mst[2].reg_off == MEMCTL_TBL_ENTRY) last_tbl_reg = cyc;
    /* 4. handshakes */
    if (mst[0].active && !mst[0].granted && in.fetch_req && out.fetch_gnt) mst[0].granted = 1, mst[0].grant = cyc;
    if (mst[1].active && !mst[1].granted && in.data_req && out.data_gnt) mst[1].granted = 1, mst[1].grant = cyc;
    if (mst[2].active && !mst[2].granted && in.regs_req && out.regs_gnt) {
      mst[2].granted = 1;
      mst[2].grant = cyc;
      reg_granted();
    }
    if (opt.verbose >= 3)
      printf("%8" PRIu64 " req F%u D%u R%u gnt F%u D%u R%u rvalid F%u D%u R%u\n", cyc, in.fetch_req,
             in.data_req, in.regs_req, out.fetch_gnt, out.data_gnt, out.regs_gnt, out.fetch_rvalid,
             out.data_rvalid, out.regs_rvalid);
    rtl_tick(R);
    if (cyc >= opt.cycles && !finished && sc_i >= sc_n && !mst[2].active) {
      finished = 1;
      task_checkpoint(1);
      step_busy = 0;
      step_t0 = cyc;
    } else if (finished == 1 && sc_i >= sc_n && !mst[0].active && !mst[1].active && !mst[2].active) {
      finished = 2;
      break;
    }
  }
  if (finished != 2) FAIL("the final checkpoint did not complete");

  /* DRAM counters from the last checkpoint reads */
  cov[CV_ROW_HIT] = cnt_rtl_last[(MEMCTL_CNT_ROW_HITS - MEMCTL_COUNTER_BASE) / 4];
  cov[CV_ROW_MISS] = cnt_rtl_last[(MEMCTL_CNT_ROW_MISSES - MEMCTL_COUNTER_BASE) / 4];
  cov[CV_ROW_CONFLICT] = cnt_rtl_last[(MEMCTL_CNT_ROW_CONFLICTS - MEMCTL_COUNTER_BASE) / 4];
  cov[CV_REFRESH] = cnt_rtl_last[(MEMCTL_CNT_REFRESHES - MEMCTL_COUNTER_BASE) / 4];

  printf("coverage (org %c, %s, seed %" PRIu64 ", %" PRIu64 " cycles):\n", opt.org ? 'b' : 'a',
         opt.backend ? "dram" : "sram", opt.seed, cyc);
  int holes = 0;
  for (int i = 0; i < CV_N; i++) {
    const int na = (opt.org == 0 && (i == CV_MISS || i == CV_F_MACHINE || i == CV_F_P2M_PAGES)) ||
                   (opt.backend == 0 && i >= CV_ROW_HIT && i <= CV_REFRESH);
    printf("  %-40s %10" PRIu64 "%s\n", cv_name[i], cov[i], na ? "  (n/a)" : cov[i] ? "" : "  HOLE");
    if (!na && !cov[i] && cv_name[i][0] != ' ') holes++;
  }
  printf("timing: %" PRIu64 " accesses, %.1f%% exact, mean |RTL-model| %.3f cycles (tolerance "
         "%.2f), max %u (tolerance %u; fetches competing with data: max %u); isolated accesses %"
         PRIu64 ", exact %" PRIu64 "\n", lat_n, lat_n ? 100.0 * (double)lat_exact / (double)lat_n : 0.0,
         lat_n ? (double)lat_abs_sum / (double)lat_n : 0.0, opt.backend ? TOL_MEAN_DRAM : TOL_MEAN_SRAM,
         lat_max, TOL_LATENCY, lat_max_fetch, lat_isolated, lat_isolated_exact);
  printf("  RTL-model latency histogram: <=-4 %" PRId64 ", -3 %" PRId64 ", -2 %" PRId64 ", -1 %" PRId64
         ", 0 %" PRId64 ", +1 %" PRId64 ", +2 %" PRId64 ", +3 %" PRId64 ", >=+4 %" PRId64 "\n",
         lat_hist[0], lat_hist[1], lat_hist[2], lat_hist[3], lat_hist[4], lat_hist[5], lat_hist[6],
         lat_hist[7], lat_hist[8]);
  if (rtl_slow_n)
    printf("note: %" PRIu64 " DRAM access(es) waited more than %u cycles longer in the RTL than in the "
           "model; longest: %s\n", rtl_slow_n, TOL_LATENCY, rtl_slow_what);
  if (cnt_dev_n)
    printf("note: %" PRIu64 " DRAM cycle-counter reading(s) outside %u + %u%%; largest: %s\n",
           cnt_dev_n, TOL_CNT_ABS, TOL_CNT_REL, cnt_dev_what);
  if (holes) printf("coverage: %d hole(s)\n", holes);
  const double mean = lat_n ? (double)lat_abs_sum / (double)lat_n : 0.0;
  const double tol_mean = opt.backend ? TOL_MEAN_DRAM : TOL_MEAN_SRAM;
  if (mean > tol_mean) FAIL("mean |RTL - model| latency %.3f cycles exceeds the tolerance %.2f", mean, tol_mean);
  rtl_destroy(R);
  if (failures) {
    printf("FAIL: %d mismatch(es); reproduce with --org %c --backend %s --seed %" PRIu64
           " --cycles %" PRIu64 "\n", failures, opt.org ? 'b' : 'a', opt.backend ? "dram" : "sram",
           opt.seed, opt.cycles);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
