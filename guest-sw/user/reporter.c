/* reporter: a CPU-bound progress-rate reporter.
 *
 *   run=reporter,period=2000,work=1
 *
 * Does fixed-size units of computation (work=1) and every `period` ms of guest time prints its
 * progress rate together with the system memory statistics:
 *   reporter[<pid>]: t=<s>.<ms> rate=<units/s> free=<pages> avail=<pages> swapin=<n>
 *   swapout=<n> majflt=<n> minflt=<n>
 * With work=0 it only sleeps between reports. */
#include "ulib.h"

static volatile uint32_t sink;

static void unit(void) {
  uint32_t x = sink;
  for (int i = 0; i < 2000; i++) x = x * 1664525u + 1013904223u;
  sink = x;
}

int reporter_main(int argc, char **argv) {
  uint32_t period = (uint32_t)arg_num(argc, argv, "period", 2000);
  int work = (int)arg_num(argc, argv, "work", 1);
  int pid = sys_getpid();
  uint64_t last = sys_clock_us(), units = 0;
  printf("reporter[%d]: period=%u ms work=%d\n", pid, (unsigned)period, work);
  for (;;) {
    if (work) {
      unit();
      units++;
    } else {
      sys_sleep_ms(period);
    }
    uint64_t now = sys_clock_us();
    if (work && now - last < (uint64_t)period * 1000u) continue;
    struct guest_meminfo mi;
    sys_meminfo(&mi);
    printf("reporter[%d]: t=%u.%03u rate=%llu free=%u avail=%u swapin=%llu swapout=%llu "
           "majflt=%llu minflt=%llu\n",
           pid, (unsigned)(now / 1000000u), (unsigned)(now / 1000u % 1000u),
           (unsigned long long)(units * 1000000u / (now - last)), (unsigned)mi.free_pages, (unsigned)mi.avail_pages,
           (unsigned long long)mi.swap_in, (unsigned long long)mi.swap_out,
           (unsigned long long)mi.majflt, (unsigned long long)mi.minflt);
    units = 0;
    last = now;
  }
}
