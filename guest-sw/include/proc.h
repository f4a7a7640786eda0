/* Processes, kernel threads and the scheduler.
 *
 * Single hart, non-preemptive kernel: kernel code (system calls, faults, kernel threads) runs
 * with interrupts off until it blocks or returns to user mode; user mode is preempted by the
 * timer tick (round robin, one tick per slice). Interrupts are taken in user mode and in the
 * idle loop. A kernel thread (e.g. a balloon driver loop) must therefore block regularly
 * (proc_sleep_ms / proc_wait / proc_yield).
 */
#ifndef GUEST_PROC_H
#define GUEST_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "vm.h"

#define MAX_PROCS 16
#define KSTACK_SIZE 8192
#define PROC_NAME_LEN 16

enum proc_state { P_FREE = 0, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_ZOMBIE };

typedef struct context {
  uint32_t ra, sp, s[12];
} context_t;

typedef struct trapframe {
  uint32_t x[32];
  uint32_t sepc, sstatus, scause, stval;
} trapframe_t;

typedef struct proc {
  int pid;
  char name[PROC_NAME_LEN];
  enum proc_state state;
  context_t ctx;
  uint8_t *kstack;        /* KSTACK_SIZE bytes */
  trapframe_t *tf;        /* user trap frame at the top of kstack (user processes) */
  mm_t *mm;               /* NULL for kernel threads */
  void (*kfn)(void *);    /* kernel thread body */
  void *karg;
  const void *wait_chan;  /* P_SLEEPING: what it waits for (NULL: only the timeout) */
  uint64_t wake_tick;     /* P_SLEEPING: wake at this tick (UINT64_MAX: never) */
  bool killed;
  int exit_code;
  uint64_t cpu_ticks;
} proc_t;

proc_t *proc_current(void); /* NULL in the scheduler / idle loop */

/* Starts a user process running the embedded program `argv[0]` (see user/); pid or -E_*. */
int proc_spawn(int argc, const char *const *argv);
/* Starts a kernel thread running fn(arg) in S-mode on its own stack; pid or -E_*.
 * Returning from fn ends the thread. */
int kthread_create(const char *name, void (*fn)(void *), void *arg);

void proc_yield(void);
void proc_sleep_ms(uint32_t ms);
/* Blocks until proc_wakeup(chan) or timeout_ticks pass (0: no timeout). Returns true if woken
 * by proc_wakeup. Interrupt handlers may call proc_wakeup. */
bool proc_wait(const void *chan, uint64_t timeout_ticks);
void proc_wakeup(const void *chan);
__attribute__((noreturn)) void proc_exit(int code);
/* Marks p killed (logging why); it dies the next time it would return to user mode. If p is
 * not the current process its memory is released at once. */
void proc_kill(proc_t *p, const char *why);

/* OOM: kills the user process with the largest resident + swapped size (not the current
 * one, which is only marked). Returns true if memory was freed. */
bool proc_oom_kill(void);

void proc_init(void);
__attribute__((noreturn)) void scheduler(void);
void proc_timer_tick(void);      /* from the timer interrupt */
void proc_check_resched(void);   /* before returning to user mode */
int proc_count_user(void);
void proc_foreach(void (*fn)(proc_t *p, void *arg), void *arg);

#endif
