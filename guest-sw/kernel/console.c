/* Console over SBI DBCN (falls back to the legacy putchar if DBCN is missing), kernel log,
 * panic and shutdown. The console goes through SBI, not the UART, so that under the VMM the
 * guest needs no UART emulation. */
#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "riscv.h"
#include "sbi.h"
#include "timer.h"

static int have_dbcn = -1;

void console_write(const char *s, size_t n) {
  if (have_dbcn < 0) have_dbcn = sbi_probe(SBI_EXT_DBCN);
  if (have_dbcn) {
    /* Kernel data is identity-mapped: the pointer is the physical address. */
    while (n) {
      sbiret_t r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, (uint32_t)n, (uint32_t)(uintptr_t)s, 0,
                            0, 0, 0);
      if (r.error || r.value <= 0) break;
      s += r.value;
      n -= (size_t)r.value;
    }
    if (!n) return;
  }
  for (size_t i = 0; i < n; i++) sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, (uint8_t)s[i], 0, 0, 0, 0, 0);
}

void console_puts(const char *s) { console_write(s, strlen(s)); }

int console_getc(void) {
  if (have_dbcn < 0) have_dbcn = sbi_probe(SBI_EXT_DBCN);
  if (have_dbcn) {
    static char c;
    sbiret_t r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_READ, 1, (uint32_t)(uintptr_t)&c, 0, 0, 0, 0);
    return (r.error || r.value != 1) ? -1 : (uint8_t)c;
  }
  sbiret_t r = sbi_call(SBI_EXT_LEGACY_GETCHAR, 0, 0, 0, 0, 0, 0, 0);
  return (int)r.error < 0 ? -1 : (int)r.error;
}

void vklog(const char *sub, const char *fmt, va_list ap) {
  char line[320];
  uint64_t us = timer_hz ? ticks * 1000000ull / timer_hz : 0;
  int n = fmt_snprintf(line, sizeof line, "[%5u.%03u] %s: ", (unsigned)(us / 1000000u),
                       (unsigned)(us / 1000u % 1000u), sub);
  if (n < 0 || (size_t)n >= sizeof line) n = 0;
  int m = fmt_vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
  size_t len = (size_t)n + ((size_t)m < sizeof line - (size_t)n - 1 ? (size_t)m
                                                                    : sizeof line - (size_t)n - 2);
  line[len++] = '\n';
  console_write(line, len);
}

void klog(const char *sub, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vklog(sub, fmt, ap);
  va_end(ap);
}

void panic(const char *fmt, ...) {
  intr_off();
  va_list ap;
  va_start(ap, fmt);
  vklog("panic", fmt, ap);
  va_end(ap);
  proc_t *p = proc_current();
  if (p) klog("panic", "current pid %d (%s)", p->pid, p->name);
  sbi_shutdown(SBI_SRST_REASON_VENDOR_EXIT(0x50));
}

void kernel_shutdown(unsigned code) {
  mm_log_stats("shutdown");
  klog("kern", "shutdown: code %u", code);
  sbi_shutdown(code ? SBI_SRST_REASON_VENDOR_EXIT(code) : SBI_SRST_REASON_NONE);
}
