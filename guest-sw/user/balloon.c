/* balloon: the user-level balloon program, the seed's alternative to the driver ("a balloon
 * application that runs within the VM on the guest OS", claim 9). Same loop and same adaptive
 * rate control as the kernel driver, from a user process through system calls:
 *
 *   run=balloon,period=100,window=1024,report=1000,rounds=0
 *
 *   LOOP
 *     target = SYS_KCTL(KCTL_BALLOON_GET_TARGET)      the host's target, as the driver reads it
 *     IF target > size: touch pages of an anonymous mapping (the kernel allocates them on the
 *                       page faults, reclaiming and swapping other pages as it sees fit) and
 *                       hand them over with SYS_KCTL(KCTL_BALLOON_USER_LOCK)
 *     IF target < size: SYS_KCTL(KCTL_BALLOON_USER_UNLOCK, n): pages back to the kernel
 *     sleep `period` ms
 *   END
 *
 * The kernel driver thread stops inflating/deflating while this program runs
 * (KCTL_BALLOON_SET_MODE 1) and resumes when it exits after `rounds` rounds (0 = forever).
 * A round counts as failed for the rate controller when the kernel had to reclaim memory during
 * it (meminfo reclaim_calls rose) or took fewer pages than asked: the program cannot see the
 * allocator's "fail fast" answer, so it uses the kernel's pressure counters instead.
 * Prints "balloon-user[<pid>]: ..." lines. */
#include "balloon.h"
#include "balloon_rate.h"
#include "ulib.h"

#define PAGE 4096u

int balloon_main(int argc, char **argv) {
  uint32_t period = (uint32_t)arg_num(argc, argv, "period", BALLOON_ROUND_MS);
  uint32_t window = (uint32_t)arg_num(argc, argv, "window", 1024);
  uint32_t report = (uint32_t)arg_num(argc, argv, "report", 1000);
  uint32_t rounds = (uint32_t)arg_num(argc, argv, "rounds", 0);
  int pid = sys_getpid();
  if (period == 0) period = BALLOON_ROUND_MS;
  if (window == 0) window = 1;

  struct balloon_info bi;
  if (sys_kctl(KCTL_BALLOON_INFO, (uint32_t)(uintptr_t)&bi, 0, 0) < 0 || bi.protocol == 0) {
    printf("balloon-user[%d]: no balloon device: exiting\n", pid);
    return 1;
  }
  long r = sys_kctl(KCTL_BALLOON_SET_MODE, 1, 0, 0);
  if (r < 0) {
    printf("balloon-user[%d]: cannot take over from the kernel driver (%ld)\n", pid, r);
    return 1;
  }
  volatile uint8_t *win = sys_mmap((size_t)window * PAGE, GUEST_PROT_READ | GUEST_PROT_WRITE);
  if (!win) {
    printf("balloon-user[%d]: mmap of %u pages failed\n", pid, (unsigned)window);
    sys_kctl(KCTL_BALLOON_SET_MODE, 0, 0, 0);
    return 1;
  }
  printf("balloon-user[%d]: protocol %u, window %u pages, period %u ms, rates inflate [%u, %u] "
         "+%u /%u pages/s\n",
         pid, (unsigned)bi.protocol, (unsigned)window, (unsigned)period,
         BALLOON_INFLATE_RATE_MIN, BALLOON_INFLATE_RATE_MAX, BALLOON_INFLATE_RATE_STEP,
         BALLOON_RATE_DIV);

  balloon_rate_t inflate, deflate;
  balloon_rate_init(&inflate, &balloon_rate_inflate_defaults);
  balloon_rate_init(&deflate, &balloon_rate_deflate_defaults);
  uint64_t last = sys_clock_us(), last_report = 0;
  uint32_t last_target = 0xffffffffu, backoffs = 0;
  for (uint32_t round = 0; rounds == 0 || round < rounds; round++) {
    uint64_t now = sys_clock_us();
    uint32_t elapsed = (uint32_t)((now - last) / 1000u);
    last = now;
    long t = sys_kctl(KCTL_BALLOON_GET_TARGET, 0, 0, 0);
    if (sys_kctl(KCTL_BALLOON_INFO, (uint32_t)(uintptr_t)&bi, 0, 0) < 0 || t < 0) {
      sys_sleep_ms(period);
      continue;
    }
    uint32_t size = bi.size, target = (uint32_t)t;
    if (target != last_target) {
      printf("balloon-user[%d]: t=%llu ms new target %u size %u\n", pid,
             (unsigned long long)(now / 1000u), (unsigned)target, (unsigned)size);
      last_target = target;
    }
    if (target > size) {
      uint32_t budget = balloon_rate_budget(&inflate, elapsed);
      uint32_t want = target - size;
      if (want > budget) want = budget;
      if (want > window) want = window;
      struct guest_meminfo before, after;
      sys_meminfo(&before);
      /* Conventional allocation: touch the pages; the kernel's fault path allocates them. */
      for (uint32_t i = 0; i < want; i++) win[(size_t)i * PAGE] = (uint8_t)i;
      long got = want ? sys_kctl(KCTL_BALLOON_USER_LOCK, (uint32_t)(uintptr_t)win, want, 0) : 0;
      sys_meminfo(&after);
      int failed = got < (long)want || after.reclaim_calls != before.reclaim_calls;
      uint32_t old = inflate.rate;
      balloon_rate_end_round(&inflate, want, got > 0 ? (uint32_t)got : 0, failed);
      if (failed && want) {
        backoffs++;
        if (old != inflate.rate)
          printf("balloon-user[%d]: inflate backoff: rate %u -> %u pages/s (reclaim %llu -> "
                 "%llu, got %ld of %u)\n",
                 pid, (unsigned)old, (unsigned)inflate.rate,
                 (unsigned long long)before.reclaim_calls,
                 (unsigned long long)after.reclaim_calls, got, (unsigned)want);
      }
    } else if (target < size) {
      uint32_t budget = balloon_rate_budget(&deflate, elapsed);
      uint32_t want = size - target < budget ? size - target : budget;
      long got = want ? sys_kctl(KCTL_BALLOON_USER_UNLOCK, want, 0, 0) : 0;
      balloon_rate_end_round(&deflate, want, got > 0 ? (uint32_t)got : 0, got < (long)want);
    }
    if (report && now / 1000u - last_report >= report) {
      last_report = now / 1000u;
      sys_kctl(KCTL_BALLOON_INFO, (uint32_t)(uintptr_t)&bi, 0, 0);
      printf("balloon-user[%d]: t=%llu ms size %u target %u rate +%u/-%u pages/s backoffs %u\n",
             pid, (unsigned long long)(now / 1000u), (unsigned)bi.size, (unsigned)bi.target,
             (unsigned)inflate.rate, (unsigned)deflate.rate, (unsigned)backoffs);
    }
    sys_sleep_ms(period);
  }
  sys_kctl(KCTL_BALLOON_SET_MODE, 0, 0, 0);
  printf("balloon-user[%d]: done, the kernel driver takes over\n", pid);
  return 0;
}
