/* A model of the VMM's side of the balloon backdoor (include/balloon_sbi.h), built into a second
 * QEMU SBI shim image (images/guest/qemu-sbi-balloon.elf) so that the guest's backdoor driver can
 * be tested on QEMU before the project's VMM exists, and so that the ABI has a reference
 * implementation on the VMM side.
 *
 * It behaves as a VMM would: it validates every page of a LOCK/UNLOCK list, keeps a bitmap of the
 * pages it holds, "revokes" a locked page by filling it with a poison pattern and, on UNLOCK,
 * checks the pattern is intact (a guest that touched a page it had given away is reported as a
 * VIOLATION) and scrubs the page to zero before handing it back.
 *
 * The target schedule is a text at SCRIPT_ADDR (loaded by QEMU with -device loader, see below):
 *     "<ms>:<pages> <ms>:<pages> ... [ram=<MiB>] [chaos] [every=<P>:<a>:<b>[:<from>:<to>]]"
 * e.g. "0:0 1000:2000 4000:500 6000:0": time is milliseconds since the guest's HELLO. ram= gives
 * the guest's RAM size (pages beyond it are BAD_PPN; fw_cfg has no RAM size on riscv virt, so
 * without it the model accepts up to 256 MiB). "chaos"
 * makes the model misbehave on purpose (random per-page refusals, BUSY, statuses outside the ABI,
 * whole-call failures); "every=P:A:B" alternates the target between A and B every P ms (a target
 * that changes every few milliseconds), between times from and to (ms) if given. Without the file
 * the target stays 0.
 *
 * Console lines start with "balloon-vmm:" (parsed by guest-sw/tests/test_balloon_peer.c). */
#include <stddef.h>

#include "balloon_sbi.h"
#include "shim.h"
#include "soc_memory_map.h"

#define FWCFG_BASE 0x10100000u /* QEMU virt fw_cfg (MMIO): data +0, selector +8 (big endian) */
#define FWCFG_SIG 0x0000u
#define FWCFG_RAM_SIZE 0x0003u
/* The target script: text loaded by QEMU (-device loader,file=...,addr=...,force-raw=on) into
 * the unused firmware area below the kernel. QEMU 7.2's riscv virt machine creates its fw_cfg
 * device too late for -fw_cfg files, so fw_cfg only provides the RAM size. */
#define SCRIPT_ADDR 0x80300000u
#define SCRIPT_MAX 1024

#define GUEST_FIRST_PPN 0x80400u /* the kernel's load address: below it is the shim's */
#define MAX_PAGES 65536u         /* up to 256 MiB of RAM */
#define POISON 0xBA11D00Du
#define MAX_STEPS 32u

static struct {
  int hello;
  uint32_t end_ppn;    /* first PPN past RAM */
  uint64_t t0;         /* mtime at HELLO */
  uint32_t size;
  uint32_t last_target;
  uint32_t nsteps;
  uint32_t step_ms[MAX_STEPS], step_target[MAX_STEPS];
  uint32_t every_ms, every_a, every_b, every_from, every_to;
  int chaos;
  uint32_t rng;
  uint32_t violations, protocol_errors, mismatches;
  uint32_t locked_total, unlocked_total, calls, stats_calls;
  uint32_t held[MAX_PAGES / 32];
} bm;

/* ------------------------------------------------------------------ helpers */
static void put_dec(uint32_t v) {
  char buf[11];
  int n = 0;
  do {
    buf[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) shim_putc(buf[--n]);
}

static void put_kv(const char *k, uint32_t v) {
  shim_puts(k);
  put_dec(v);
}

static uint64_t mtime(void) {
  volatile uint32_t *t = (volatile uint32_t *)(CLINT_BASE + CLINT_MTIME);
  uint32_t hi, lo;
  do {
    hi = t[1];
    lo = t[0];
  } while (hi != t[1]);
  return ((uint64_t)hi << 32) | lo;
}

static uint32_t now_ms(void) { return (uint32_t)((mtime() - bm.t0) / 10000u); } /* 10 MHz */

static uint32_t rnd(void) {
  bm.rng = bm.rng * 1664525u + 1013904223u;
  return bm.rng >> 8;
}

static int held(uint32_t ppn) {
  uint32_t i = ppn - 0x80000u;
  return (bm.held[i / 32] >> (i % 32)) & 1u;
}
static void set_held(uint32_t ppn, int v) {
  uint32_t i = ppn - 0x80000u;
  if (v) bm.held[i / 32] |= 1u << (i % 32);
  else bm.held[i / 32] &= ~(1u << (i % 32));
}
static int guest_ppn(uint32_t ppn) { return ppn >= GUEST_FIRST_PPN && ppn < bm.end_ppn; }
static uint32_t *page(uint32_t ppn) { return (uint32_t *)(uintptr_t)(ppn << 12); }

/* ------------------------------------------------------------------ fw_cfg */
static volatile uint8_t *const fw_data = (volatile uint8_t *)FWCFG_BASE;
static void fw_select(uint16_t key) {
  *(volatile uint16_t *)(FWCFG_BASE + 8) = (uint16_t)((key >> 8) | (key << 8));
}
static int fw_present(void) {
  fw_select(FWCFG_SIG);
  return fw_data[0] == 'Q' && fw_data[0] == 'E' && fw_data[0] == 'M' && fw_data[0] == 'U';
}

static uint64_t fw_ram_size(void) {
  fw_select(FWCFG_RAM_SIZE);
  uint64_t v = 0;
  for (int i = 0; i < 8; i++) v |= (uint64_t)fw_data[0] << (8 * i); /* little endian */
  return v;
}

/* Reads file `name` into buf (NUL-terminated); returns its length or -1. */
static const char *parse_num(const char *s, uint32_t *v) {
  uint32_t x = 0;
  int any = 0;
  while (*s >= '0' && *s <= '9') {
    x = x * 10u + (uint32_t)(*s++ - '0');
    any = 1;
  }
  *v = x;
  return any ? s : NULL;
}

static void load_script(void) {
  bm.nsteps = 0;
  bm.chaos = 0;
  bm.every_ms = 0;
  bm.every_from = 0;
  bm.every_to = 0xffffffffu;
  const char *s = (const char *)SCRIPT_ADDR;
  const char *magic = "BALLOON-SCRIPT\n";
  for (int i = 0; magic[i]; i++)
    if (s[i] != magic[i]) return; /* no script: the target stays 0 */
  s += 15;
  const char *end = s + SCRIPT_MAX;
  while (s < end && *s) {
    while (*s == ' ' || *s == '\n' || *s == ',') s++;
    if (!*s) break;
    if (s[0] == 'c' && s[1] == 'h' && s[2] == 'a' && s[3] == 'o' && s[4] == 's') {
      bm.chaos = 1;
      s += 5;
      continue;
    }
    if (s[0] == 'r' && s[1] == 'a' && s[2] == 'm' && s[3] == '=') {
      uint32_t mib;
      const char *p = parse_num(s + 4, &mib);
      if (!p) break;
      if (mib > 0 && mib <= (MAX_PAGES >> 8)) bm.end_ppn = 0x80000u + (mib << 8);
      s = p;
      continue;
    }
    if (s[0] == 'e' && s[1] == 'v' && s[2] == 'e' && s[3] == 'r' && s[4] == 'y' && s[5] == '=') {
      const char *p = parse_num(s + 6, &bm.every_ms);
      if (p && *p == ':') p = parse_num(p + 1, &bm.every_a);
      if (p && *p == ':') p = parse_num(p + 1, &bm.every_b);
      if (p && *p == ':') p = parse_num(p + 1, &bm.every_from);
      if (p && *p == ':') p = parse_num(p + 1, &bm.every_to);
      if (!p) break;
      s = p;
      continue;
    }
    uint32_t ms, t;
    const char *p = parse_num(s, &ms);
    if (!p || *p != ':' || !(p = parse_num(p + 1, &t)) || bm.nsteps == MAX_STEPS) break;
    bm.step_ms[bm.nsteps] = ms;
    bm.step_target[bm.nsteps] = t;
    bm.nsteps++;
    s = p;
  }
  shim_puts("balloon-vmm: script steps ");
  put_dec(bm.nsteps);
  if (bm.chaos) shim_puts(" chaos");
  if (bm.every_ms) put_kv(" every ", bm.every_ms);
  shim_puts("\r\n");
}

static uint32_t target_now(void) {
  uint32_t t = 0, ms = now_ms();
  for (uint32_t i = 0; i < bm.nsteps; i++)
    if (ms >= bm.step_ms[i]) t = bm.step_target[i];
  if (bm.every_ms && ms >= bm.every_from && ms < bm.every_to)
    t = ((ms / bm.every_ms) & 1u) ? bm.every_b : bm.every_a;
  if (t != bm.last_target && !(bm.every_ms && ms >= bm.every_from && ms < bm.every_to)) {
    shim_puts("balloon-vmm: t=");
    put_dec(ms);
    put_kv("ms target ", t);
    put_kv(" size ", bm.size);
    shim_puts("\r\n");
    bm.last_target = t;
  }
  return t;
}

/* ------------------------------------------------------------------ the calls */
static sbi_ret_t hello(const uint32_t *a) {
  sbi_ret_t r = {SBI_SUCCESS, 0};
  if ((a[0] >> 16) != BALLOON_SBI_VERSION_MAJOR) {
    r.error = SBI_ERR_INVALID_PARAM;
    return r;
  }
  /* A HELLO after a reboot: the guest holds no balloon pages any more. */
  for (uint32_t i = 0; i < MAX_PAGES / 32; i++) bm.held[i] = 0;
  bm.size = 0;
  uint64_t ram = fw_present() ? fw_ram_size() : 0;
  if (ram == 0 || ram > (uint64_t)MAX_PAGES << 12) ram = (uint64_t)MAX_PAGES << 12;
  bm.end_ppn = 0x80000u + (uint32_t)(ram >> 12);
  bm.t0 = mtime();
  bm.rng = 12345u;
  bm.hello = 1;
  bm.last_target = 0;
  load_script(); /* may set the RAM size (ram=<MiB>) */
  shim_puts("balloon-vmm: hello version ");
  shim_puthex(a[0]);
  put_kv(" guest pages ", a[2]);
  put_kv(" ram pages ", bm.end_ppn - 0x80000u);
  shim_puts("\r\n");
  r.value = BALLOON_SBI_CAP_BATCH | BALLOON_SBI_CAP_STATS;
  return r;
}

static sbi_ret_t list_call(int lock, const uint32_t *a) {
  sbi_ret_t r = {SBI_SUCCESS, 0};
  uint32_t lppn = a[0], n = a[1];
  if (n == 0 || n > BALLOON_SBI_BATCH_MAX) {
    r.error = SBI_ERR_INVALID_PARAM;
    return r;
  }
  if (!guest_ppn(lppn) || held(lppn)) {
    r.error = SBI_ERR_INVALID_ADDRESS;
    return r;
  }
  if (bm.chaos && rnd() % 16 == 0) {
    r.error = SBI_ERR_FAILED; /* a whole-call failure: nothing changes */
    return r;
  }
  struct balloon_sbi_entry *e = (struct balloon_sbi_entry *)page(lppn);
  uint32_t target = target_now(), ok = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t ppn = e[i].ppn, st;
    if (!guest_ppn(ppn)) {
      st = BALLOON_SBI_ST_BAD_PPN;
      bm.protocol_errors++;
    } else if (ppn == lppn) {
      st = BALLOON_SBI_ST_PINNED;
    } else if (bm.chaos && rnd() % 8 == 0) {
      static const uint32_t odd[] = {BALLOON_SBI_ST_NOT_NEEDED, BALLOON_SBI_ST_BUSY,
                                     BALLOON_SBI_ST_PENDING, 0x1234u};
      st = odd[rnd() % 4];
    } else if (lock) {
      if (held(ppn)) {
        st = BALLOON_SBI_ST_ALREADY;
        bm.protocol_errors++;
      } else if (bm.size >= target) {
        st = BALLOON_SBI_ST_NOT_NEEDED;
      } else {
        uint32_t *p = page(ppn);
        for (uint32_t k = 0; k < 1024; k++) p[k] = POISON ^ k;
        set_held(ppn, 1);
        bm.size++;
        bm.locked_total++;
        st = BALLOON_SBI_ST_OK;
      }
    } else {
      if (!held(ppn)) {
        st = BALLOON_SBI_ST_ALREADY;
        bm.protocol_errors++;
      } else {
        uint32_t *p = page(ppn);
        int bad = 0;
        for (uint32_t k = 0; k < 1024; k++) {
          if (p[k] != (POISON ^ k)) bad = 1;
          p[k] = 0; /* scrub */
        }
        if (bad) {
          bm.violations++;
          shim_puts("balloon-vmm: VIOLATION: the guest wrote to ballooned page ");
          shim_puthex(ppn);
          shim_puts("\r\n");
        }
        set_held(ppn, 0);
        bm.size--;
        bm.unlocked_total++;
        st = BALLOON_SBI_ST_OK;
      }
    }
    e[i].status = st;
    if (st == BALLOON_SBI_ST_OK) ok++;
  }
  r.value = (long)ok;
  return r;
}

static sbi_ret_t stats(const uint32_t *a) {
  sbi_ret_t r = {SBI_SUCCESS, 0};
  uint32_t n = a[1];
  if (n == 0 || n > BALLOON_SBI_STATS_MAX) {
    r.error = SBI_ERR_INVALID_PARAM;
    return r;
  }
  if (!guest_ppn(a[0]) || held(a[0])) {
    r.error = SBI_ERR_INVALID_ADDRESS;
    return r;
  }
  const struct balloon_sbi_stat *s = (const struct balloon_sbi_stat *)page(a[0]);
  static const char *const names[] = {" swap_in=", " swap_out=", " majflt=", " minflt=",
                                      " memfree=", " memtot=", " avail=", " caches="};
  if (++bm.stats_calls % 4 == 1) {
    shim_puts("balloon-vmm: stats");
    for (uint32_t i = 0; i < n; i++)
      if (s[i].tag < 8) put_kv(names[s[i].tag], (uint32_t)s[i].val);
    put_kv(" size=", bm.size);
    put_kv(" violations=", bm.violations);
    put_kv(" protocol_errors=", bm.protocol_errors);
    put_kv(" mismatches=", bm.mismatches);
    shim_puts("\r\n");
  }
  r.value = (long)n;
  return r;
}

static sbi_ret_t balloon_handler(uint32_t eid, uint32_t fid, const uint32_t *a) {
  (void)eid;
  sbi_ret_t r = {SBI_ERR_NOT_SUPPORTED, 0};
  bm.calls++;
  if (fid == BALLOON_SBI_FID_HELLO) return hello(a);
  if (!bm.hello) {
    r.error = SBI_ERR_DENIED;
    return r;
  }
  switch (fid) {
    case BALLOON_SBI_FID_GET_TARGET:
      if (a[0] != bm.size && bm.mismatches++ < 4) {
        shim_puts("balloon-vmm: size mismatch: guest says ");
        put_dec(a[0]);
        put_kv(", vmm holds ", bm.size);
        shim_puts("\r\n");
      }
      r.error = SBI_SUCCESS;
      r.value = (long)target_now();
      break;
    case BALLOON_SBI_FID_LOCK: r = list_call(1, a); break;
    case BALLOON_SBI_FID_UNLOCK: r = list_call(0, a); break;
    case BALLOON_SBI_FID_STATS: r = stats(a); break;
    default: break;
  }
  return r;
}

SBI_EXTENSION(sbi_ext_balloon) = {"balloon", BALLOON_SBI_EID, BALLOON_SBI_EID, 0, balloon_handler};
