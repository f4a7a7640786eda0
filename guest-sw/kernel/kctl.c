/* Kernel control system call: handler registry (see kctl.h) and the core commands. */
#include "kctl.h"

#include "kernel.h"
#include "proc.h"

#define KCTL_MAX 16

static struct {
  uint32_t first, last;
  const char *name;
  kctl_handler_t fn;
  void *ctx;
} table[KCTL_MAX];
static unsigned nentries;

int kctl_register(uint32_t first, uint32_t last, const char *name, kctl_handler_t handler,
                  void *ctx) {
  if (first > last || !handler) return -E_INVAL;
  for (unsigned i = 0; i < nentries; i++) {
    if (first <= table[i].last && table[i].first <= last) return -E_BUSY;
  }
  if (nentries == KCTL_MAX) return -E_NOSPC;
  table[nentries].first = first;
  table[nentries].last = last;
  table[nentries].name = name;
  table[nentries].fn = handler;
  table[nentries].ctx = ctx;
  nentries++;
  return 0;
}

long kctl_dispatch(uint32_t cmd, uint32_t arg0, uint32_t arg1, uint32_t arg2) {
  for (unsigned i = 0; i < nentries; i++) {
    if (cmd >= table[i].first && cmd <= table[i].last)
      return table[i].fn(table[i].ctx, cmd, arg0, arg1, arg2);
  }
  return -E_NOSYS;
}

static long core_kctl(void *ctx, uint32_t cmd, uint32_t arg0, uint32_t arg1, uint32_t arg2) {
  (void)ctx;
  (void)arg2;
  switch (cmd) {
    case KCTL_PING: return (long)arg0 + 1;
    case KCTL_LOG: {
      char buf[128];
      uint32_t n = arg1 < sizeof buf - 1 ? arg1 : sizeof buf - 1;
      proc_t *p = proc_current();
      if (!p || !p->mm || copy_from_user(p->mm, buf, arg0, n) != 0) return -E_FAULT;
      buf[n] = '\0';
      klog("user", "pid %d: %s", p->pid, buf);
      return 0;
    }
    case KCTL_SHUTDOWN: kernel_shutdown(arg0);
    default: return -E_NOSYS;
  }
}

void kctl_init(void) { kctl_register(0x0000, 0x00ff, "core", core_kctl, NULL); }
