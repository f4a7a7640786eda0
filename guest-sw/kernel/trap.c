/* Trap dispatch: interrupts (timer, PLIC), system calls, user page faults, fatal exceptions. */
#include "kernel.h"
#include "mm.h"
#include "plic.h"
#include "proc.h"
#include "riscv.h"
#include "timer.h"

void syscall_dispatch(trapframe_t *tf);

static const char *cause_name(uint32_t c) {
  static const char *const names[] = {
      "misaligned fetch", "fetch access fault", "illegal instruction", "breakpoint",
      "misaligned load",  "load access fault",  "misaligned store",    "store access fault",
      "ecall from U",     "ecall from S",       "?",                   "ecall from M",
      "fetch page fault", "load page fault",    "?",                   "store page fault"};
  return c < ARRAY_SIZE(names) ? names[c] : "?";
}

static void user_exception(proc_t *p, trapframe_t *tf) {
  uint32_t cause = tf->scause;
  if (cause == CAUSE_FETCH_PAGE_FAULT || cause == CAUSE_LOAD_PAGE_FAULT ||
      cause == CAUSE_STORE_PAGE_FAULT) {
    int access = cause == CAUSE_FETCH_PAGE_FAULT  ? VM_EXEC
                 : cause == CAUSE_LOAD_PAGE_FAULT ? VM_READ
                                                  : VM_WRITE;
    int r = vm_fault(p->mm, tf->stval, access);
    if (r == 0) return;
    if (p->killed) return; /* the OOM killer chose this process */
    char why[96];
    fmt_snprintf(why, sizeof why, "%s at 0x%08x (pc 0x%08x): %s", cause_name(cause), tf->stval,
                 tf->sepc, r == -E_NOMEM ? "out of memory" : r == -E_IO ? "swap I/O error"
                                                                          : "segmentation fault");
    proc_kill(p, why);
    return;
  }
  char why[96];
  fmt_snprintf(why, sizeof why, "%s (scause %u) at pc 0x%08x, stval 0x%08x", cause_name(cause),
               cause, tf->sepc, tf->stval);
  proc_kill(p, why);
}

void trap_handler(trapframe_t *tf) {
  uint32_t cause = tf->scause;
  bool from_user = !(tf->sstatus & SSTATUS_SPP);
  if (cause & SCAUSE_INTERRUPT) {
    switch (cause & ~SCAUSE_INTERRUPT) {
      case IRQ_S_TIMER: timer_interrupt(); break;
      case IRQ_S_EXT: plic_dispatch(); break;
      case IRQ_S_SOFT: csr_clear(sip, 1u << IRQ_S_SOFT); break;
      default: panic("unexpected interrupt %u", cause & ~SCAUSE_INTERRUPT);
    }
  } else if (from_user) {
    proc_t *p = proc_current();
    KASSERT(p && p->mm);
    if (cause == CAUSE_ECALL_U) {
      tf->sepc += 4;
      syscall_dispatch(tf);
    } else {
      user_exception(p, tf);
    }
  } else {
    panic("kernel trap: %s (scause 0x%08x) at pc 0x%08x, stval 0x%08x", cause_name(cause), cause,
          tf->sepc, tf->stval);
  }
  if (from_user) proc_check_resched();
}
