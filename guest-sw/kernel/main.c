/* Guest kernel boot: DTB, memory, paging, interrupts, devices, swap, drivers, processes. */
#include "fdt.h"
#include "init.h"
#include "kctl.h"
#include "kernel.h"
#include "mm.h"
#include "plic.h"
#include "proc.h"
#include "riscv.h"
#include "sbi.h"
#include "swap.h"
#include "timer.h"
#include "virtio.h"
#include "vm.h"

extern uint8_t __kernel_start[], __kernel_end[];
extern const kernel_init_fn __kinit_start[], __kinit_end[];

#define DEFAULT_RUN "run=memhog,ws=16M run=reporter"

static fdt_info_t info;

static void kstatd(void *arg) {
  uint32_t secs = (uint32_t)(uintptr_t)arg;
  for (;;) {
    proc_sleep_ms(secs * 1000u);
    mm_log_stats("periodic");
  }
}

static void shutdown_timer(void *arg) {
  uint32_t secs = (uint32_t)(uintptr_t)arg;
  proc_sleep_ms(secs * 1000u);
  klog("kern", "shutdown=%u reached: uptime %llu ms", secs,
       (unsigned long long)(time_now_us() / 1000u));
  kernel_shutdown(0);
}

/* run=prog,arg,arg... */
static void spawn_from(const char *value) {
  char buf[128];
  size_t n = strnlen(value, sizeof buf - 1);
  memcpy(buf, value, n);
  buf[n] = '\0';
  const char *argv[16];
  int argc = 0;
  char *s = buf;
  while (s && argc < 16) {
    argv[argc++] = s;
    char *c = strchr(s, ',');
    if (c) *c++ = '\0';
    s = c;
  }
  proc_spawn(argc, argv);
}

void kmain(uint32_t hartid, uintptr_t dtb) {
  console_puts("\n");
  klog("kern", "guest kernel starting on hart %u, dtb at 0x%08x", hartid, (unsigned)dtb);
  sbiret_t v = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0, 0);
  sbiret_t impl = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID, 0, 0, 0, 0, 0, 0);
  klog("sbi", "spec v%lu.%lu, implementation %ld, extensions: TIME=%d DBCN=%d SRST=%d",
       (unsigned long)v.value >> 24, (unsigned long)v.value & 0xffffffu, impl.value,
       sbi_probe(SBI_EXT_TIME), sbi_probe(SBI_EXT_DBCN), sbi_probe(SBI_EXT_SRST));
  int r = fdt_parse_info((const void *)dtb, 1u << 20, &info);
  if (r) panic("device tree at 0x%08x unusable (error %d)", (unsigned)dtb, r);
  uint64_t mem_end = info.mem_base + info.mem_size;
  if (mem_end > 0x100000000ull) mem_end = 0x100000000ull;
  uint32_t mem_size = (uint32_t)(mem_end - info.mem_base);
  cmdline_init(info.bootargs[0] ? info.bootargs : DEFAULT_RUN);
  klog("kern", "memory 0x%08x..0x%08llx (%u MiB), timebase %u Hz, kernel 0x%08x..0x%08x",
       (unsigned)info.mem_base, (unsigned long long)mem_end, mem_size >> 20, info.timebase_hz,
       (unsigned)(uintptr_t)__kernel_start, (unsigned)(uintptr_t)__kernel_end);
  klog("kern", "command line: %s", cmdline_all());

  mm_init((uintptr_t)info.mem_base, mem_size, (uintptr_t)__kernel_end, dtb,
          fdt_totalsize((const void *)dtb));
  vm_init((uintptr_t)info.mem_base, mem_size);
  proc_init();
  plic_init();
  timer_init(info.timebase_hz, (uint32_t)cmdline_get_num("hz", 100));
  klog("kern", "timer: %u Hz tick", timer_hz);
  kctl_init();
  virtio_probe();
  swap_init();
  for (const kernel_init_fn *f = __kinit_start; f < __kinit_end; f++) (*f)();

  uint32_t stats = (uint32_t)cmdline_get_num("stats", 5);
  if (stats) kthread_create("kstatd", kstatd, (void *)(uintptr_t)stats);
  uint32_t shutdown = (uint32_t)cmdline_get_num("shutdown", 0);
  if (shutdown) kthread_create("shutdown", shutdown_timer, (void *)(uintptr_t)shutdown);

  unsigned pos = 0;
  char value[128];
  int nrun = 0;
  while (cmdline_next("run", &pos, value, sizeof value)) {
    spawn_from(value);
    nrun++;
  }
  if (!nrun) klog("kern", "no run= processes requested");
  mm_log_stats("boot");
  klog("kern", "boot complete");
  scheduler();
}
