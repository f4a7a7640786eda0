/* User-side library (see ulib.h). */
#include "ulib.h"

#include <stdarg.h>

static long sc(long n, long a0, long a1, long a2, long a3) {
  register long r0 __asm__("a0") = a0;
  register long r1 __asm__("a1") = a1;
  register long r2 __asm__("a2") = a2;
  register long r3 __asm__("a3") = a3;
  register long r7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r3), "r"(r7) : "memory");
  return r0;
}

void sys_exit(int status) {
  sc(SYS_EXIT, status, 0, 0, 0);
  for (;;) {
  }
}
long sys_write(int fd, const void *buf, size_t len) { return sc(SYS_WRITE, fd, (long)buf, (long)len, 0); }
long sys_read(int fd, void *buf, size_t len) { return sc(SYS_READ, fd, (long)buf, (long)len, 0); }
int sys_getpid(void) { return (int)sc(SYS_GETPID, 0, 0, 0, 0); }
void sys_yield(void) { sc(SYS_YIELD, 0, 0, 0, 0); }
void sys_sleep_ms(uint32_t ms) { sc(SYS_SLEEP, (long)ms, 0, 0, 0); }
void *sys_sbrk(int32_t incr) {
  long r = sc(SYS_SBRK, incr, 0, 0, 0);
  return r < 0 && r > -4096 ? (void *)-1 : (void *)r;
}
void *sys_mmap(size_t len, unsigned prot) {
  long r = sc(SYS_MMAP, (long)len, (long)prot, 0, 0);
  return r < 0 && r > -4096 ? NULL : (void *)r;
}
uint64_t sys_clock_us(void) {
  register long r0 __asm__("a0");
  register long r1 __asm__("a1");
  register long r7 __asm__("a7") = SYS_CLOCK;
  __asm__ volatile("ecall" : "=r"(r0), "=r"(r1) : "r"(r7) : "memory");
  return ((uint64_t)(uint32_t)r1 << 32) | (uint32_t)r0;
}
int sys_getrusage(struct guest_rusage *ru) { return (int)sc(SYS_GETRUSAGE, (long)ru, 0, 0, 0); }
int sys_meminfo(struct guest_meminfo *mi) { return (int)sc(SYS_MEMINFO, (long)mi, 0, 0, 0); }
long sys_kctl(uint32_t cmd, uint32_t a0, uint32_t a1, uint32_t a2) {
  return sc(SYS_KCTL, (long)cmd, (long)a0, (long)a1, (long)a2);
}

int printf(const char *fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  int n = fmt_vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n > (int)sizeof buf - 1) n = (int)sizeof buf - 1;
  sys_write(1, buf, (size_t)n);
  return n;
}

const char *arg_get(int argc, char **argv, const char *key) {
  size_t k = strlen(key);
  for (int i = 1; i < argc; i++) {
    if (strncmp(argv[i], key, k) == 0 && argv[i][k] == '=') return argv[i] + k + 1;
  }
  return NULL;
}

unsigned long long arg_num(int argc, char **argv, const char *key, unsigned long long dflt) {
  const char *v = arg_get(argc, argv, key);
  unsigned long long x;
  if (!v || parse_size(v, &x)) return dflt;
  return x;
}
