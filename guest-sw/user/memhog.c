/* memhog: a memory consumer with a configurable working set and access pattern.
 *
 *   run=memhog,ws=48M,pattern=seq|random,mode=write|read,report=1000,stride=4096,limit=0
 *
 * Maps `ws` bytes of anonymous memory, writes a signature into every page, then loops forever
 * touching pages (one word every `stride` bytes... one page per touch by default) in the given
 * pattern. Every touch checks the page's signature, so a page lost or mixed up by swapping is
 * reported ("memhog[pid]: CORRUPTION ..." and exit 3). Every `report` ms of guest time it prints
 *   memhog[<pid>]: t=<s>.<ms> pass=<n> touches=<n> rate=<touches/s> rss=<pages> swap=<pages>
 *   minflt=<n> majflt=<n>
 * `limit`=N stops after N passes (0 = forever). */
#include "ulib.h"

#define PAGE 4096u

static uint32_t sig(uint32_t i) { return (i * 2654435761u) ^ 0x6d656d68u; }

int memhog_main(int argc, char **argv) {
  uint32_t ws = (uint32_t)arg_num(argc, argv, "ws", 16u << 20);
  const char *pattern = arg_get(argc, argv, "pattern");
  const char *mode = arg_get(argc, argv, "mode");
  uint32_t report_ms = (uint32_t)arg_num(argc, argv, "report", 1000);
  uint32_t limit = (uint32_t)arg_num(argc, argv, "limit", 0);
  int random = pattern && strcmp(pattern, "random") == 0;
  int write = !(mode && strcmp(mode, "read") == 0);
  int pid = sys_getpid();
  uint32_t npages = ws / PAGE;
  if (npages == 0) npages = 1;
  volatile uint32_t *base = sys_mmap((size_t)npages * PAGE, GUEST_PROT_READ | GUEST_PROT_WRITE);
  if (!base) {
    printf("memhog[%d]: mmap of %u pages failed\n", pid, (unsigned)npages);
    return 2;
  }
  printf("memhog[%d]: ws=%u KiB (%u pages) pattern=%s mode=%s at %p\n", pid, (unsigned)npages * 4,
         (unsigned)npages, random ? "random" : "seq", write ? "write" : "read", (void *)base);
  uint64_t t0 = sys_clock_us();
  for (uint32_t i = 0; i < npages; i++) {
    volatile uint32_t *p = base + i * (PAGE / 4);
    p[0] = sig(i);
    p[1] = 0;
  }
  uint64_t now = sys_clock_us();
  printf("memhog[%d]: populated %u pages in %llu ms\n", pid, (unsigned)npages,
         (unsigned long long)((now - t0) / 1000));
  uint64_t touches = 0, last_touches = 0, last_t = now;
  uint32_t rng = 0x12345678u ^ (uint32_t)pid, pass = 0;
  for (;;) {
    for (uint32_t k = 0; k < npages; k++) {
      uint32_t i = k;
      if (random) {
        rng ^= rng << 13;
        rng ^= rng >> 17;
        rng ^= rng << 5;
        i = rng % npages;
      }
      volatile uint32_t *p = base + i * (PAGE / 4);
      if (p[0] != sig(i)) {
        printf("memhog[%d]: CORRUPTION page %u at %p: 0x%08x != 0x%08x\n", pid, (unsigned)i,
               (void *)p, (unsigned)p[0], (unsigned)sig(i));
        return 3;
      }
      if (write) {
        p[1] = p[1] + 1;
        p[2 + (k & 1021u)] = k;
      } else {
        (void)p[2 + (k & 1021u)];
      }
      touches++;
      if ((touches & 255u) == 0) {
        now = sys_clock_us();
        if (now - last_t >= (uint64_t)report_ms * 1000u) {
          struct guest_rusage ru;
          sys_getrusage(&ru);
          uint64_t rate = (touches - last_touches) * 1000000u / (now - last_t);
          printf("memhog[%d]: t=%u.%03u pass=%u touches=%llu rate=%llu rss=%u swap=%u "
                 "minflt=%llu majflt=%llu\n",
                 pid, (unsigned)(now / 1000000u), (unsigned)(now / 1000u % 1000u), (unsigned)pass,
                 (unsigned long long)touches, (unsigned long long)rate, (unsigned)ru.rss_pages,
                 (unsigned)ru.swap_pages, (unsigned long long)ru.minflt, (unsigned long long)ru.majflt);
          last_t = now;
          last_touches = touches;
        }
      }
    }
    pass++;
    if (limit && pass >= limit) {
      printf("memhog[%d]: done, %u passes verified\n", pid, (unsigned)pass);
      return 0;
    }
  }
}
