/* QEMU peer tests and benchmark of the guest's balloon drivers.
 *
 *   test_balloon_peer <images-dir> <scenario>
 *
 * Boots images/guest/guest.elf on qemu-system-riscv32 -M virt (non-legacy virtio-mmio) with a
 * virtio-blk swap disk and, depending on the scenario, QEMU's virtio-balloon-device (driven through
 * QMP: `balloon`, `query-balloon`, qom-get guest-stats) or the backdoor model shim
 * (qemu-sbi-balloon.elf, target script loaded into memory with -device loader). Scenarios:
 *   virtio     inflate and deflate through several targets while memhog runs; guest-stats
 *   pressure   a target that forces the guest to swap: swap-outs rise, the rate controller backs
 *              off and recovers, the workload keeps running
 *   user       the same through the user-level balloon program (run=balloon)
 *   backdoor   the SBI backdoor driver against the VMM model: targets reached, no page touched
 *              while ballooned, no protocol error
 *   chaos      the backdoor with a misbehaving VMM: random refusals, BUSY, bad statuses, failing
 *              calls, a target larger than RAM, a target changing every 5 ms
 *   virtio-bad virtio targets larger than RAM and changing every few milliseconds
 *   bench      inflation/deflation rates (pages/s, guest time), printed as a Markdown table
 * Simulated (guest) time comes from the guest's log timestamps. Exit 0 = pass. QEMU needs no TTY
 * or stdin and is always killed; every wait is bounded. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "balloon_qmp.h"

#define PAGE 4096ull

static const char *images;
static int failures;
static char bios[512], bios_balloon[512], kernel[512];

#define FAIL(...)                        \
  do {                                   \
    fprintf(stderr, "FAIL: " __VA_ARGS__); \
    fprintf(stderr, "\n");               \
    failures++;                          \
  } while (0)

static const char *qemu_bin(void) {
  const char *q = getenv("QEMU");
  return q && *q ? q : "qemu-system-riscv32";
}

/* ---------------------------------------------------------------- guest log parsing */

/* Timestamp (seconds) of the log line containing offset `at`, or -1. */
static double line_time(const char *log, long at) {
  long s = at;
  while (s > 0 && log[s - 1] != '\n') s--;
  unsigned sec, ms;
  if (sscanf(log + s, "[ %u.%u]", &sec, &ms) == 2) return sec + ms / 1000.0;
  return -1;
}

/* Finds needle in log at or after from: sets *t to its line's timestamp; returns the offset after
 * the match or -1. */
static long find_after(const char *log, long from, const char *needle, double *t) {
  if (from < 0 || from > (long)strlen(log)) return -1;
  const char *p = strstr(log + from, needle);
  if (!p) return -1;
  if (t) *t = line_time(log, p - log);
  return (p - log) + (long)strlen(needle);
}

/* The driver's "moved N pages in S.mmm ms" line after offset from: 0 and *s (seconds), or -1. */
static double last_busy_s; /* driver busy time of the last moved_after() match */
static int moved_after(const char *log, long from, long long *pages, double *s) {
  long p = find_after(log, from, "balloon: moved ", NULL);
  unsigned long long n, rate;
  double ms, busy = -1;
  if (p < 0 || sscanf(log + p, "%llu pages in %lf ms (%llu pages/s); driver busy %lf ms", &n, &ms,
                      &rate, &busy) < 2)
    return -1;
  *pages = (long long)n;
  *s = ms / 1000.0;
  last_busy_s = busy / 1000.0;
  return 0;
}

static long log_len(const qemu_t *vm) {
  char *l = log_read(vm);
  long n = l ? (long)strlen(l) : 0;
  free(l);
  return n;
}

static int count_in(const char *log, long from, const char *needle) {
  int n = 0;
  if (from < 0 || from > (long)strlen(log)) return 0;
  for (const char *p = strstr(log + from, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

/* The guest must still be healthy: no panic, no memhog corruption, no unexpected trap. */
static void check_health(const qemu_t *vm, const char *when) {
  char *log = log_read(vm);
  if (!log) {
    FAIL("%s: no console log", when);
    return;
  }
  static const char *bad[] = {"panic", "CORRUPTION", "unexpected trap", "VIOLATION",
                              "assertion failed", "killed"};
  for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
    if (strstr(log, bad[i])) FAIL("%s: guest log contains \"%s\"", when, bad[i]);
  free(log);
  if (!qemu_alive((qemu_t *)vm)) FAIL("%s: QEMU exited", when);
}

/* memhog printed at least one new progress line since offset `from` (the workload runs). */
static void check_workload(const qemu_t *vm, long from, const char *when) {
  char *log = log_read(vm);
  if (log && count_in(log, from, "memhog[") + count_in(log, from, "pass=") == 0)
    FAIL("%s: the workload (memhog) made no progress", when);
  free(log);
}

/* ---------------------------------------------------------------- virtio targets */

static long long ram_bytes(const qemu_opts_t *o) { return (long long)o->mem_mib << 20; }

static int set_balloon(qemu_t *vm, const qemu_opts_t *o, long long pages) {
  long long value = ram_bytes(o) - pages * (long long)PAGE;
  if (value < 1) value = 1;
  char reply[512];
  int r = qmp_execf(&vm->qmp, reply, sizeof reply, 5000,
                    "{\"execute\":\"balloon\",\"arguments\":{\"value\":%lld}}", value);
  if (r != 0) FAIL("balloon %lld: %s", value, reply);
  return r;
}

/* Balloon size in pages from query-balloon, or -1. */
static long long query_pages(qemu_t *vm, const qemu_opts_t *o) {
  char reply[512];
  long long actual;
  if (qmp_exec(&vm->qmp, "{\"execute\":\"query-balloon\"}", reply, sizeof reply, 5000) != 0 ||
      json_get_int(reply, "actual", &actual) != 0)
    return -1;
  return (ram_bytes(o) - actual) / (long long)PAGE;
}

typedef struct step_result {
  long long from, to;
  double guest_s; /* guest time from "new target" to "reached target" */
  double rate;    /* pages per guest second */
  double busy_s;  /* time the driver spent in its rounds */
  int ok;
} step_result_t;

/* Sets the target and waits until query-balloon reports it and the guest logs reaching it. */
static step_result_t virtio_step(qemu_t *vm, const qemu_opts_t *o, long long pages,
                                 double max_guest_s, int wall_ms) {
  step_result_t r = {query_pages(vm, o), pages, -1, 0, -1, 0};
  long off = log_len(vm);
  if (set_balloon(vm, o, pages)) return r;
  int64_t deadline = now_ms() + wall_ms;
  long long got = -1;
  while (now_ms() < deadline && qemu_alive(vm)) {
    got = query_pages(vm, o);
    if (got == pages) break;
    sleep_ms(50);
  }
  if (got != pages) {
    FAIL("target %lld pages: query-balloon says %lld after %d ms", pages, got, wall_ms);
    return r;
  }
  char needle[64];
  snprintf(needle, sizeof needle, "reached target: size %lld ", pages);
  long end = log_wait(vm, needle, off, 3000);
  char *log = log_read(vm);
  long long moved = 0;
  double secs = -1;
  /* The driver measures the work itself, from the round that first saw the target to the end
   * of the round that reached it (time CSR, microseconds). */
  if (log && end > 0 && moved_after(log, end, &moved, &secs) != 0) {
    log_wait(vm, "balloon: moved ", end, 2000);
    free(log);
    log = log_read(vm);
    if (log) moved_after(log, end, &moved, &secs);
  }
  free(log);
  if (secs < 0) {
    FAIL("target %lld pages: no \"reached target\"/\"moved\" lines in the guest log", pages);
    return r;
  }
  r.guest_s = secs;
  r.busy_s = last_busy_s;
  r.rate = secs > 0 ? moved / secs : 0;
  r.ok = r.guest_s <= max_guest_s;
  if (!r.ok)
    FAIL("target %lld pages reached after %.3f guest seconds (bound %.1f)", pages, r.guest_s,
         max_guest_s);
  printf("  target %6lld pages (from %6lld): reached in %6.3f guest s, %7.0f pages/s\n", pages,
         r.from, r.guest_s, r.rate);
  return r;
}

static int qom_guest_stats(qemu_t *vm, char *reply, size_t size) {
  return qmp_exec(&vm->qmp,
                  "{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"/machine/peripheral/balloon0\","
                  "\"property\":\"guest-stats\"}}",
                  reply, size, 5000);
}

static int boot(qemu_t *vm, qemu_opts_t *o) {
  if (qemu_start(vm, o)) {
    FAIL("cannot start QEMU");
    return -1;
  }
  if (log_wait(vm, "kern: boot complete", 0, 15000) < 0) {
    FAIL("the guest did not boot");
    char *log = log_read(vm);
    if (log) fprintf(stderr, "%s\n", log);
    free(log);
    return -1;
  }
  return 0;
}

static void finish(qemu_t *vm, const char *name) {
  int keep = failures > 0 || getenv("BALLOON_TEST_KEEP");
  if (failures || getenv("BALLOON_TEST_VERBOSE")) {
    char *log = log_read(vm);
    if (log) {
      size_t n = strlen(log);
      fprintf(stderr, "---- guest console (%s, last 6000 bytes) ----\n%s\n----\n", name,
              n > 6000 ? log + n - 6000 : log);
    }
    free(log);
  }
  if (keep) fprintf(stderr, "scratch directory kept: %s\n", vm->dir);
  qemu_stop(vm, keep);
}

static void default_opts(qemu_opts_t *o) {
  memset(o, 0, sizeof *o);
  o->qemu = qemu_bin();
  o->bios = bios;
  o->kernel = kernel;
  o->mem_mib = 32;
  o->disk_mib = 32;
  o->balloon = 1;
  o->timeout_s = 90;
}

/* ---------------------------------------------------------------- scenarios */

static int scen_virtio(void) {
  qemu_opts_t o;
  default_opts(&o);
  o.append = "run=memhog,ws=8M,report=500 balloon=virtio";
  qemu_t vm;
  if (boot(&vm, &o)) return 1;
  char reply[2048];
  if (qmp_exec(&vm.qmp,
               "{\"execute\":\"qom-set\",\"arguments\":{\"path\":\"/machine/peripheral/balloon0\","
               "\"property\":\"guest-stats-polling-interval\",\"value\":1}}",
               reply, sizeof reply, 5000) != 0)
    FAIL("qom-set guest-stats-polling-interval: %s", reply);
  static const long long targets[] = {2000, 4500, 1000, 3000, 0};
  for (unsigned i = 0; i < sizeof targets / sizeof targets[0]; i++) {
    long off = log_len(&vm);
    virtio_step(&vm, &o, targets[i], 10.0, 30000);
    sleep_ms(600);
    check_workload(&vm, off, "virtio step");
  }
  sleep_ms(2500); /* two stats polls */
  if (qom_guest_stats(&vm, reply, sizeof reply) != 0) {
    FAIL("qom-get guest-stats: %s", reply);
  } else {
    long long tot = -1, fr = -1, av = -1, upd = -1, mi = -1;
    json_get_int(reply, "stat-total-memory", &tot);
    json_get_int(reply, "stat-free-memory", &fr);
    json_get_int(reply, "stat-available-memory", &av);
    json_get_int(reply, "stat-minor-faults", &mi);
    json_get_int(reply, "last-update", &upd);
    printf("  guest-stats: total %lld free %lld avail %lld minflt %lld last-update %lld\n", tot,
           fr, av, mi, upd);
    if (tot <= 0 || tot > ram_bytes(&o) || fr < 0 || fr > tot || av < 0 || upd <= 0 || mi <= 0)
      FAIL("guest-stats not plausible: %s", reply);
  }
  check_health(&vm, "virtio");
  finish(&vm, "virtio");
  return failures != 0;
}

static int scen_pressure(void) {
  qemu_opts_t o;
  default_opts(&o);
  o.disk_mib = 48;
  /* memhog's 16 MiB working set + a 4500-page (17.6 MiB) balloon do not fit in 27.6 MiB. */
  o.append = "run=memhog,ws=16M,report=1000 balloon=virtio stats=2";
  qemu_t vm;
  if (boot(&vm, &o)) return 1;
  if (log_wait(&vm, "populated", 0, 15000) < 0) FAIL("memhog did not start");
  qmp_exec(&vm.qmp,
           "{\"execute\":\"qom-set\",\"arguments\":{\"path\":\"/machine/peripheral/balloon0\","
           "\"property\":\"guest-stats-polling-interval\",\"value\":1}}",
           NULL, 0, 5000);
  long off = log_len(&vm);
  printf("  phase 1: inflate into memory pressure\n");
  virtio_step(&vm, &o, 4500, 40.0, 90000);
  sleep_ms(1500);
  char reply[2048];
  long long swap_out = -1;
  if (qom_guest_stats(&vm, reply, sizeof reply) == 0)
    json_get_int(reply, "stat-swap-out", &swap_out);
  printf("  guest-stats stat-swap-out = %lld bytes\n", swap_out);
  if (swap_out <= 0) FAIL("no swap-out reported in guest-stats: %s", reply);
  char *log = log_read(&vm);
  int backoffs = log ? count_in(log, off, "inflate backoff") : 0;
  long last_backoff = -1;
  for (long p = off; log && (p = find_after(log, p, "inflate backoff", NULL)) > 0;)
    last_backoff = p;
  free(log);
  printf("  %d backoff line(s) while inflating under pressure\n", backoffs);
  if (backoffs == 0) FAIL("the rate controller never backed off under pressure");
  check_workload(&vm, off, "pressure");
  printf("  phase 2: deflate, then inflate with free memory: the rate recovers\n");
  virtio_step(&vm, &o, 0, 10.0, 30000);
  sleep_ms(3000); /* memhog swaps its pages back in */
  virtio_step(&vm, &o, 1500, 20.0, 40000);
  log = log_read(&vm);
  if (!log || last_backoff < 0 || find_after(log, last_backoff, "inflate rate recovered", NULL) < 0)
    FAIL("no \"inflate rate recovered\" line after the last backoff");
  free(log);
  check_workload(&vm, off, "pressure");
  check_health(&vm, "pressure");
  finish(&vm, "pressure");
  return failures != 0;
}

static int scen_user(void) {
  qemu_opts_t o;
  default_opts(&o);
  o.append = "run=memhog,ws=6M,report=1000 run=balloon,report=500 balloon=virtio";
  qemu_t vm;
  if (boot(&vm, &o)) return 1;
  if (log_wait(&vm, "balloon: mode: user-level", 0, 10000) < 0)
    FAIL("the user-level balloon program did not take over");
  static const long long targets[] = {1500, 3500, 500, 0};
  for (unsigned i = 0; i < sizeof targets / sizeof targets[0]; i++) {
    long off = log_len(&vm);
    long long from = query_pages(&vm, &o);
    set_balloon(&vm, &o, targets[i]);
    int64_t t0 = now_ms(), deadline = t0 + 30000;
    long long got = -1;
    while (now_ms() < deadline && (got = query_pages(&vm, &o)) != targets[i]) sleep_ms(50);
    if (got != targets[i]) FAIL("user-level: target %lld, query-balloon %lld", targets[i], got);
    else
      printf("  user-level target %5lld pages (from %5lld): reached after %lld ms (host)\n",
             targets[i], from, (long long)(now_ms() - t0));
    char needle[64];
    snprintf(needle, sizeof needle, "new target %lld", targets[i]);
    if (log_wait(&vm, needle, off, 3000) < 0) FAIL("balloon-user did not log \"%s\"", needle);
  }
  check_health(&vm, "user");
  finish(&vm, "user");
  return failures != 0;
}

/* The backdoor model's final state: its stats line must show no violation or protocol error. */
static void check_vmm(const qemu_t *vm) {
  char *log = log_read(vm);
  if (!log) return;
  const char *last = NULL;
  for (const char *p = strstr(log, "balloon-vmm: stats"); p; p = strstr(p + 1, "balloon-vmm: stats"))
    last = p;
  if (!last) FAIL("no balloon-vmm stats line (the STATS call never arrived)");
  else if (!strstr(last, "violations=0 protocol_errors=0 mismatches=0"))
    FAIL("the VMM model saw errors: %.200s", last);
  if (strstr(log, "size mismatch")) FAIL("the VMM model and the driver disagree on the size");
  free(log);
}

static int scen_backdoor(void) {
  qemu_opts_t o;
  default_opts(&o);
  o.bios = bios_balloon;
  o.balloon = 1; /* present but unused: the backdoor is preferred when the SBI has it */
  o.backdoor_script = "ram=32 0:0 300:2500 3500:800 5000:3000 7500:0";
  o.append = "run=memhog,ws=8M,report=1000";
  qemu_t vm;
  if (boot(&vm, &o)) return 1;
  if (log_wait(&vm, "protocol sbi-backdoor", 0, 3000) < 0) FAIL("the backdoor was not chosen");
  static const long targets[] = {2500, 800, 3000, 0};
  long off = 0;
  for (unsigned i = 0; i < 4; i++) {
    char needle[64];
    snprintf(needle, sizeof needle, "reached target: size %ld ", targets[i]);
    long e = log_wait(&vm, needle, off, 15000);
    if (e < 0) {
      FAIL("backdoor: target %ld not reached", targets[i]);
      break;
    }
    char *log = log_read(&vm);
    double t1 = line_time(log, e - 1);
    free(log);
    printf("  backdoor target %5ld reached at guest t=%.3f s\n", targets[i], t1);
    off = e;
  }
  sleep_ms(1200); /* one more STATS call */
  check_vmm(&vm);
  check_health(&vm, "backdoor");
  finish(&vm, "backdoor");
  return failures != 0;
}

static int scen_chaos(void) {
  qemu_opts_t o;
  default_opts(&o);
  o.bios = bios_balloon;
  o.balloon = 0;
  o.backdoor_script = "ram=32 0:0 300:3000 2000:4000000000 3500:1500 5000:0 every=5:0:3000:5000:7000 chaos";
  o.append = "run=memhog,ws=8M,report=1000";
  qemu_t vm;
  if (boot(&vm, &o)) return 1;
  if (log_wait(&vm, "exceeds the limit", 0, 10000) < 0)
    FAIL("chaos: the guest did not clamp a target larger than RAM");
  long e = log_wait(&vm, "balloon-vmm: t=", 0, 12000);
  /* After t=7000 ms the target is 0 for good: the guest must get back to an empty balloon. */
  e = log_wait(&vm, "ms target 0 size", e > 0 ? e : 0, 12000);
  long done = e > 0 ? log_wait(&vm, "reached target: size 0 ", e, 15000) : -1;
  if (done < 0) FAIL("chaos: the balloon did not drain after the misbehaviour stopped");
  sleep_ms(1500);
  char *log = log_read(&vm);
  if (log) printf("  chaos: %d backoff line(s), %d clamped target(s), guest survived\n",
                  count_in(log, 0, "backoff"), count_in(log, 0, "exceeds the limit"));
  free(log);
  check_vmm(&vm);
  check_health(&vm, "chaos");
  finish(&vm, "chaos");
  return failures != 0;
}

static int scen_virtio_bad(void) {
  qemu_opts_t o;
  default_opts(&o);
  o.append = "run=memhog,ws=8M,report=1000 balloon=virtio";
  qemu_t vm;
  if (boot(&vm, &o)) return 1;
  /* A target larger than RAM (QEMU accepts value=1 byte: num_pages = all of RAM). */
  set_balloon(&vm, &o, 1ll << 40);
  if (log_wait(&vm, "exceeds the limit", 0, 5000) < 0) FAIL("target > RAM was not clamped");
  sleep_ms(4000);
  long long got = query_pages(&vm, &o);
  printf("  target = all of RAM: balloon holds %lld pages after 4 s\n", got);
  if (got <= 0 || got >= (ram_bytes(&o) / (long long)PAGE)) FAIL("implausible size %lld", got);
  /* A target changing every few milliseconds for 2 s. */
  int64_t end = now_ms() + 2000;
  unsigned n = 0, x = 7;
  while (now_ms() < end) {
    x = x * 1103515245u + 12345u;
    set_balloon(&vm, &o, (x >> 8) % 6000);
    n++;
    sleep_ms(2);
  }
  printf("  %u target changes in 2 s\n", n);
  long off = log_len(&vm);
  virtio_step(&vm, &o, 1000, 15.0, 30000);
  virtio_step(&vm, &o, 0, 15.0, 30000);
  sleep_ms(1200);
  check_workload(&vm, off, "virtio-bad");
  check_health(&vm, "virtio-bad");
  finish(&vm, "virtio-bad");
  return failures != 0;
}

/* ---------------------------------------------------------------- benchmark */

typedef struct bench_row {
  const char *protocol, *load;
  long long pages;
  double in_s, out_s, in_busy, out_busy;
  long long swap_out;
} bench_row_t;

static long long vmstat_swapout(const qemu_t *vm) {
  char *log = log_read(vm);
  long long v = -1;
  for (const char *p = log ? strstr(log, "swapout=") : NULL; p; p = strstr(p + 1, "swapout="))
    v = atoll(p + 8);
  free(log);
  return v;
}

static void bench_virtio(bench_row_t *row, unsigned mem, const char *append, long long pages,
                         const char *rate) {
  qemu_opts_t o;
  default_opts(&o);
  o.mem_mib = mem;
  o.disk_mib = 64;
  char app[256];
  snprintf(app, sizeof app, "%s balloon=virtio stats=1 %s", append, rate);
  o.append = app;
  qemu_t vm;
  if (boot(&vm, &o)) return;
  sleep_ms(1500);
  long long s0 = vmstat_swapout(&vm);
  step_result_t in = virtio_step(&vm, &o, pages, 120, 120000);
  sleep_ms(1100);
  long long s1 = vmstat_swapout(&vm);
  step_result_t out = virtio_step(&vm, &o, 0, 120, 120000);
  row->pages = pages;
  row->in_s = in.guest_s;
  row->out_s = out.guest_s;
  row->in_busy = in.busy_s;
  row->out_busy = out.busy_s;
  row->swap_out = s1 >= 0 && s0 >= 0 ? s1 - s0 : -1;
  check_health(&vm, "bench");
  finish(&vm, "bench");
}

static void bench_backdoor(bench_row_t *row, unsigned mem, const char *append, long long pages,
                           const char *rate) {
  qemu_opts_t o;
  default_opts(&o);
  o.mem_mib = mem;
  o.disk_mib = 64;
  o.bios = bios_balloon;
  o.balloon = 0;
  static char script[128];
  snprintf(script, sizeof script, "ram=%u 0:0 1500:%lld 20000:0", mem, pages);
  o.backdoor_script = script;
  char app[256];
  snprintf(app, sizeof app, "%s stats=1 %s", append, rate);
  o.append = app;
  qemu_t vm;
  if (boot(&vm, &o)) return;
  char needle[64];
  snprintf(needle, sizeof needle, "reached target: size %lld ", pages);
  long e1 = log_wait(&vm, needle, 0, 25000);
  long e2 = e1 > 0 ? log_wait(&vm, "reached target: size 0 ", e1, 40000) : -1;
  char *log = log_read(&vm);
  long long m1 = 0, m2 = 0;
  if (log && e1 > 0 && e2 > 0 && moved_after(log, e1, &m1, &row->in_s) == 0 &&
      (row->in_busy = last_busy_s, moved_after(log, e2, &m2, &row->out_s) == 0)) {
    row->out_busy = last_busy_s;
    long long s = -1;
    for (const char *p = strstr(log, "swapout="); p && p < log + e1; p = strstr(p + 1, "swapout="))
      s = atoll(p + 8);
    row->swap_out = s;
  } else {
    FAIL("backdoor bench: targets not reached");
  }
  row->pages = pages;
  free(log);
  check_health(&vm, "bench");
  finish(&vm, "bench");
}

static int scen_bench(void) {
  /* Default rate limits, and with the limits lifted (balloon_rate=) to see the raw speed. */
  static const char *unl = "balloon_rate=1000000,1000000,0";
  struct {
    const char *protocol, *load, *rate;
    unsigned mem;
    const char *append;
    long long pages;
  } cases[] = {
      {"virtio", "idle, no swap", "", 64, "run=reporter,work=0", 8000},
      {"virtio", "idle, no swap, unthrottled", unl, 64, "run=reporter,work=0", 8000},
      {"virtio", "memhog 16M, swapping", "", 32, "run=memhog,ws=16M", 4500},
      {"virtio", "memhog 16M, swapping, unthrottled", unl, 32, "run=memhog,ws=16M", 4500},
      {"sbi-backdoor", "idle, no swap", "", 64, "run=reporter,work=0", 8000},
      {"sbi-backdoor", "idle, no swap, unthrottled", unl, 64, "run=reporter,work=0", 8000},
      {"sbi-backdoor", "memhog 16M, swapping", "", 32, "run=memhog,ws=16M", 4500},
  };
  bench_row_t rows[sizeof cases / sizeof cases[0]];
  memset(rows, 0, sizeof rows);
  for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    rows[i].protocol = cases[i].protocol;
    rows[i].load = cases[i].load;
    fprintf(stderr, "bench: %s, %s...\n", cases[i].protocol, cases[i].load);
    if (strcmp(cases[i].protocol, "virtio") == 0)
      bench_virtio(&rows[i], cases[i].mem, cases[i].append, cases[i].pages, cases[i].rate);
    else
      bench_backdoor(&rows[i], cases[i].mem, cases[i].append, cases[i].pages, cases[i].rate);
  }
  printf("\n| protocol | guest load | RAM | pages | inflate s | inflate pages/s | (driver busy) "
         "| deflate s | deflate pages/s | (driver busy) | swap-outs while inflating |\n");
  printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    bench_row_t *r = &rows[i];
    printf("| %s | %s | %u MiB | %lld | %.3f | %.0f | %.0f | %.3f | %.0f | %.0f | %lld |\n",
           r->protocol, r->load, cases[i].mem, r->pages, r->in_s,
           r->in_s > 0 ? r->pages / r->in_s : 0, r->in_busy > 0 ? r->pages / r->in_busy : 0,
           r->out_s, r->out_s > 0 ? r->pages / r->out_s : 0,
           r->out_busy > 0 ? r->pages / r->out_busy : 0, r->swap_out);
  }
  printf("\n(guest time measured by the driver with the time CSR, from the round that saw the "
         "target to the end of the round that reached it; driver busy = time spent inside the "
         "driver's rounds (allocation, reclaim and swap-out it triggered, host calls). QEMU TCG "
         "without -icount: guest time follows host time.)\n");
  return failures != 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s <images-dir> virtio|pressure|user|backdoor|chaos|virtio-bad|bench\n",
            argv[0]);
    return 2;
  }
  images = argv[1];
  snprintf(bios, sizeof bios, "%s/guest/qemu-sbi.elf", images);
  snprintf(bios_balloon, sizeof bios_balloon, "%s/guest/qemu-sbi-balloon.elf", images);
  snprintf(kernel, sizeof kernel, "%s/guest/guest.elf", images);
  const char *s = argv[2];
  int rc;
  if (strcmp(s, "virtio") == 0) rc = scen_virtio();
  else if (strcmp(s, "pressure") == 0) rc = scen_pressure();
  else if (strcmp(s, "user") == 0) rc = scen_user();
  else if (strcmp(s, "backdoor") == 0) rc = scen_backdoor();
  else if (strcmp(s, "chaos") == 0) rc = scen_chaos();
  else if (strcmp(s, "virtio-bad") == 0) rc = scen_virtio_bad();
  else if (strcmp(s, "bench") == 0) rc = scen_bench();
  else {
    fprintf(stderr, "unknown scenario %s\n", s);
    return 2;
  }
  printf("%s: %s\n", s, rc ? "FAILED" : "passed");
  return rc;
}
