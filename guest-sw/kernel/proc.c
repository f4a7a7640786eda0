/* Processes, kernel threads, the round-robin scheduler, the ELF loader and the OOM killer. */
#include "proc.h"

#include "kernel.h"
#include "mm.h"
#include "riscv.h"
#include "swap.h"
#include "timer.h"

#define STACK_CANARY 0x5ca1ab1eu

void swtch(context_t *old, context_t *new);
void trap_return(trapframe_t *tf);

extern const uint8_t user_elf_start[], user_elf_end[];

static proc_t procs[MAX_PROCS];
static uint8_t kstacks[MAX_PROCS][KSTACK_SIZE] __attribute__((aligned(16)));
static context_t sched_ctx;
static proc_t *cur;
static int next_pid = 1;
static bool need_resched;
static bool user_started;
static unsigned rr_next;

proc_t *proc_current(void) { return cur; }

static proc_t *alloc_proc(const char *name) {
  for (unsigned i = 0; i < MAX_PROCS; i++) {
    proc_t *p = &procs[i];
    if (p->state != P_FREE) continue;
    memset(p, 0, sizeof *p);
    p->pid = next_pid++;
    size_t n = strnlen(name, PROC_NAME_LEN - 1);
    memcpy(p->name, name, n);
    p->name[n] = '\0';
    p->kstack = kstacks[i];
    *(uint32_t *)(void *)p->kstack = STACK_CANARY;
    return p;
  }
  return NULL;
}

static void kthread_start(void) {
  cur->kfn(cur->karg);
  proc_exit(0);
}

int kthread_create(const char *name, void (*fn)(void *), void *arg) {
  proc_t *p = alloc_proc(name);
  if (!p) return -E_NOMEM;
  p->kfn = fn;
  p->karg = arg;
  p->ctx.ra = (uint32_t)(uintptr_t)kthread_start;
  p->ctx.sp = (uint32_t)(uintptr_t)(p->kstack + KSTACK_SIZE);
  p->state = P_RUNNABLE;
  klog("proc", "kthread %d (%s) created", p->pid, p->name);
  return p->pid;
}

/* ------------------------------------------------------------------ ELF loading */
typedef struct {
  uint8_t ident[16];
  uint16_t type, machine;
  uint32_t version, entry, phoff, shoff, flags;
  uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} elf32_ehdr_t;
typedef struct {
  uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
} elf32_phdr_t;
#define PT_LOAD 1u
#define PF_X 1u
#define PF_W 2u
#define PF_R 4u

static int elf_load(mm_t *mm, const uint8_t *img, uint32_t size, uint32_t *entry) {
  const elf32_ehdr_t *eh = (const elf32_ehdr_t *)(const void *)img;
  if (size < sizeof *eh || memcmp(eh->ident, "\x7f" "ELF", 4) != 0 || eh->ident[4] != 1 ||
      eh->machine != 243 || eh->phentsize != sizeof(elf32_phdr_t) ||
      eh->phoff > size || (uint32_t)eh->phnum * sizeof(elf32_phdr_t) > size - eh->phoff)
    return -E_INVAL;
  uint32_t top = USER_BASE;
  for (unsigned i = 0; i < eh->phnum; i++) {
    const elf32_phdr_t *ph = (const elf32_phdr_t *)(const void *)(img + eh->phoff) + i;
    if (ph->type != PT_LOAD || ph->memsz == 0) continue;
    if (ph->filesz > ph->memsz || ph->offset > size || ph->filesz > size - ph->offset ||
        ph->vaddr < USER_BASE || ph->vaddr + ph->memsz > USER_MMAP_BASE ||
        ph->vaddr + ph->memsz < ph->vaddr)
      return -E_INVAL;
    uint32_t start = ALIGN_DOWN(ph->vaddr, PAGE_SIZE);
    uint32_t end = ALIGN_UP(ph->vaddr + ph->memsz, PAGE_SIZE);
    uint32_t prot = (ph->flags & PF_R ? PTE_R : 0) | (ph->flags & PF_W ? PTE_R | PTE_W : 0) |
                    (ph->flags & PF_X ? PTE_X : 0);
    int r = mm_add_vma(mm, start, end - start, prot);
    if (r) return r;
    for (uint32_t va = start; va < end; va += PAGE_SIZE) {
      uint8_t *page = vm_map_new_page(mm, va, prot);
      if (!page) return -E_NOMEM;
      /* file bytes [vaddr, vaddr+filesz) that fall into [va, va+PAGE_SIZE) */
      uint32_t lo = va > ph->vaddr ? va : ph->vaddr;
      uint32_t hi = ph->vaddr + ph->filesz;
      if (hi > va + PAGE_SIZE) hi = va + PAGE_SIZE;
      if (lo < hi) memcpy(page + (lo - va), img + ph->offset + (lo - ph->vaddr), hi - lo);
    }
    if (end > top) top = end;
  }
  mm->brk_start = mm->brk = top;
  *entry = eh->entry;
  return 0;
}

static void user_start(void) { trap_return(cur->tf); }

int proc_spawn(int argc, const char *const *argv) {
  if (argc < 1 || argc > 16) return -E_INVAL;
  proc_t *p = alloc_proc(argv[0]);
  if (!p) return -E_NOMEM;
  mm_t *mm = mm_create();
  if (!mm) {
    p->state = P_FREE;
    return -E_NOMEM;
  }
  p->mm = mm;
  mm->proc = p;
  uint32_t entry = 0;
  int r = elf_load(mm, user_elf_start, (uint32_t)(user_elf_end - user_elf_start), &entry);
  if (!r) r = mm_add_vma(mm, USER_STACK_TOP - USER_STACK_MAX, USER_STACK_MAX, PTE_R | PTE_W);
  /* argv: strings, then the pointer array, at the top of the stack. */
  uint32_t sp = USER_STACK_TOP, uargv[17];
  for (int i = argc - 1; i >= 0 && !r; i--) {
    uint32_t n = (uint32_t)strlen(argv[i]) + 1;
    sp -= n;
    uargv[i] = sp;
    r = copy_to_user(mm, sp, argv[i], n);
  }
  uargv[argc] = 0;
  sp = ALIGN_DOWN(sp, 16u) - ALIGN_UP(4u * (uint32_t)(argc + 1), 16u);
  if (!r) r = copy_to_user(mm, sp, uargv, 4u * (uint32_t)(argc + 1));
  if (r) {
    mm_destroy(mm);
    p->state = P_FREE;
    klog("proc", "cannot start %s: error %d", argv[0], r);
    return r;
  }
  trapframe_t *tf = (trapframe_t *)(void *)(p->kstack + KSTACK_SIZE - sizeof(trapframe_t));
  memset(tf, 0, sizeof *tf);
  tf->sepc = entry;
  tf->sstatus = SSTATUS_SPIE; /* SPP = U, interrupts on in U */
  tf->x[2] = sp;
  tf->x[10] = (uint32_t)argc;
  tf->x[11] = sp;
  p->tf = tf;
  p->ctx.ra = (uint32_t)(uintptr_t)user_start;
  p->ctx.sp = (uint32_t)(uintptr_t)tf & ~15u;
  p->state = P_RUNNABLE;
  user_started = true;
  klog("proc", "pid %d (%s) started: entry 0x%08x, %u pages loaded", p->pid, p->name, entry,
       mm->rss);
  return p->pid;
}

/* ------------------------------------------------------------------ scheduling */
static void sched(void) {
  proc_t *p = cur;
  if (*(uint32_t *)(void *)p->kstack != STACK_CANARY) panic("kernel stack overflow in pid %d", p->pid);
  swtch(&p->ctx, &sched_ctx);
}

void proc_yield(void) {
  cur->state = P_RUNNABLE;
  sched();
}

bool proc_wait(const void *chan, uint64_t timeout_ticks) {
  proc_t *p = cur;
  p->wait_chan = chan;
  p->wake_tick = timeout_ticks ? ticks + timeout_ticks : UINT64_MAX;
  p->state = P_SLEEPING;
  sched();
  bool woken = p->wait_chan == NULL && chan != NULL;
  p->wait_chan = NULL;
  return woken;
}

void proc_sleep_ms(uint32_t ms) {
  uint64_t t = ms_to_ticks(ms);
  proc_wait(NULL, t ? t : 1);
}

void proc_wakeup(const void *chan) {
  for (unsigned i = 0; i < MAX_PROCS; i++) {
    proc_t *p = &procs[i];
    if (p->state == P_SLEEPING && chan && p->wait_chan == chan) {
      p->wait_chan = NULL; /* marks "woken by proc_wakeup" */
      p->state = P_RUNNABLE;
    }
  }
}

void proc_timer_tick(void) {
  for (unsigned i = 0; i < MAX_PROCS; i++) {
    proc_t *p = &procs[i];
    if (p->state == P_SLEEPING && p->wake_tick <= ticks) p->state = P_RUNNABLE;
  }
  if (cur) {
    cur->cpu_ticks++;
    need_resched = true;
  }
}

void proc_check_resched(void) {
  if (cur->killed) proc_exit(-1);
  if (need_resched) {
    need_resched = false;
    proc_yield();
    if (cur->killed) proc_exit(-1);
  }
}

void proc_exit(int code) {
  proc_t *p = cur;
  p->exit_code = code;
  if (p->mm) {
    vm_activate(NULL);
    mm_destroy(p->mm);
    p->mm = NULL;
  }
  klog("proc", "pid %d (%s) exited: status %d%s", p->pid, p->name, code,
       p->killed ? " (killed)" : "");
  p->state = P_ZOMBIE;
  sched();
  panic("zombie ran");
}

void proc_kill(proc_t *p, const char *why) {
  klog("proc", "killing pid %d (%s): %s", p->pid, p->name, why);
  p->killed = true;
  if (p == cur || !p->mm) return;
  mm_destroy(p->mm);
  p->mm = NULL;
  klog("proc", "pid %d (%s) exited: status -1 (killed)", p->pid, p->name);
  p->exit_code = -1;
  p->state = P_FREE; /* not running, holds nothing: its slot and stack are free at once */
}

bool proc_oom_kill(void) {
  proc_t *victim = NULL;
  uint32_t best = 0;
  for (unsigned i = 0; i < MAX_PROCS; i++) {
    proc_t *p = &procs[i];
    if (p->state == P_FREE || p->state == P_ZOMBIE || !p->mm || p->killed) continue;
    uint32_t size = p->mm->rss + p->mm->swapped;
    if (!victim || size > best) {
      victim = p;
      best = size;
    }
  }
  if (!victim) {
    klog("oom", "out of memory and no process to kill (free=%u)", kpmm.st.free_pages);
    return false;
  }
  uint32_t rss = victim->mm->rss, sw = victim->mm->swapped;
  vmc.oom_kills++;
  klog("oom", "out of memory: killing pid %d (%s) rss=%u swap=%u pages; free=%u swap_free=%u",
       victim->pid, victim->name, rss, sw, kpmm.st.free_pages,
       swap_map() ? swapmap_free_slots(swap_map()) : 0);
  proc_kill(victim, "out of memory");
  return victim != cur && rss > 0;
}

int proc_count_user(void) {
  int n = 0;
  for (unsigned i = 0; i < MAX_PROCS; i++) {
    if (procs[i].state != P_FREE && procs[i].state != P_ZOMBIE && procs[i].mm) n++;
  }
  return n;
}

void proc_foreach(void (*fn)(proc_t *p, void *arg), void *arg) {
  for (unsigned i = 0; i < MAX_PROCS; i++) {
    if (procs[i].state != P_FREE) fn(&procs[i], arg);
  }
}

void proc_init(void) {
  memset(procs, 0, sizeof procs);
  cur = NULL;
}

void scheduler(void) {
  for (;;) {
    intr_off();
    proc_t *p = NULL;
    for (unsigned k = 0; k < MAX_PROCS; k++) {
      proc_t *q = &procs[(rr_next + k) % MAX_PROCS];
      if (q->state == P_RUNNABLE) {
        p = q;
        rr_next = (unsigned)(q - procs) + 1;
        break;
      }
    }
    if (!p) {
      if (user_started && proc_count_user() == 0) {
        klog("kern", "all user processes have exited");
        kernel_shutdown(0);
      }
      wfi();
      intr_on(); /* take whatever woke us */
      continue;
    }
    p->state = P_RUNNING;
    cur = p;
    need_resched = false;
    vm_activate(p->mm);
    swtch(&sched_ctx, &p->ctx);
    cur = NULL;
    if (p->state == P_ZOMBIE) p->state = P_FREE;
    intr_on(); /* let pending interrupts in between two processes */
  }
}
