/* System calls (numbers and structures: guest_abi.h). */
#include "guest_abi.h"
#include "kctl.h"
#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "timer.h"

#define A(n) tf->x[10 + (n)]

static long sys_write(proc_t *p, uint32_t fd, uint32_t buf, uint32_t len) {
  if (fd != 1 && fd != 2) return -E_INVAL;
  char chunk[256];
  uint32_t done = 0;
  while (done < len) {
    uint32_t n = len - done < sizeof chunk ? len - done : sizeof chunk;
    int r = copy_from_user(p->mm, chunk, buf + done, n);
    if (r) return done ? (long)done : r;
    console_write(chunk, n);
    done += n;
  }
  return (long)done;
}

static long sys_read(proc_t *p, uint32_t fd, uint32_t buf, uint32_t len) {
  if (fd != 0) return -E_INVAL;
  char chunk[64];
  uint32_t n = 0;
  int c;
  while (n < len && n < sizeof chunk && (c = console_getc()) >= 0) chunk[n++] = (char)c;
  if (n && copy_to_user(p->mm, buf, chunk, n)) return -E_FAULT;
  return (long)n;
}

void syscall_dispatch(trapframe_t *tf) {
  proc_t *p = proc_current();
  uint32_t nr = tf->x[17];
  long r;
  switch (nr) {
    case SYS_EXIT: proc_exit((int)A(0));
    case SYS_WRITE: r = sys_write(p, A(0), A(1), A(2)); break;
    case SYS_READ: r = sys_read(p, A(0), A(1), A(2)); break;
    case SYS_GETPID: r = p->pid; break;
    case SYS_YIELD: proc_yield(); r = 0; break;
    case SYS_SLEEP: proc_sleep_ms(A(0)); r = 0; break;
    case SYS_SBRK: r = mm_sbrk(p->mm, (int32_t)A(0)); break;
    case SYS_MMAP: r = mm_mmap(p->mm, A(0), A(1)); break;
    case SYS_CLOCK: {
      uint64_t us = time_now_us();
      tf->x[11] = (uint32_t)(us >> 32);
      r = (long)(uint32_t)us;
      break;
    }
    case SYS_GETRUSAGE: {
      struct guest_rusage ru = {0};
      ru.pid = (uint32_t)p->pid;
      ru.rss_pages = p->mm->rss;
      ru.swap_pages = p->mm->swapped;
      for (int i = 0; i < p->mm->nvma; i++)
        ru.vm_pages += (p->mm->vma[i].end - p->mm->vma[i].start) / PAGE_SIZE;
      ru.minflt = p->mm->minflt;
      ru.majflt = p->mm->majflt;
      ru.cpu_ticks = p->cpu_ticks;
      r = copy_to_user(p->mm, A(0), &ru, sizeof ru);
      break;
    }
    case SYS_MEMINFO: {
      struct guest_meminfo mi;
      mm_get_meminfo(&mi);
      r = copy_to_user(p->mm, A(0), &mi, sizeof mi);
      break;
    }
    case SYS_KCTL: r = kctl_dispatch(A(0), A(1), A(2), A(3)); break;
    default: r = -E_NOSYS; break;
  }
  tf->x[10] = (uint32_t)r;
}
