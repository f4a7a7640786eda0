/* Machine-mode traps: the saved context and the C handler hook. */
#ifndef BAREMETAL_TRAP_H
#define BAREMETAL_TRAP_H

#include <stdint.h>
#include <stdnoreturn.h>

/* What bm_trap_entry saves. Everything is written back on return (x0 excepted), so a handler
 * resumes elsewhere by changing mepc and returns values by changing x[]. x[0] reads as 0. */
typedef struct bm_trap_frame {
  uint32_t x[32];
  uint32_t mepc;
  uint32_t mcause;
  uint32_t mtval;
  uint32_t mstatus;
} bm_trap_frame_t;

#define BM_MCAUSE_INTERRUPT 0x80000000u

/* Synchronous exception codes (mcause without the interrupt bit). */
enum {
  BM_CAUSE_MISALIGNED_FETCH = 0,
  BM_CAUSE_FETCH_ACCESS = 1,
  BM_CAUSE_ILLEGAL_INSTRUCTION = 2,
  BM_CAUSE_BREAKPOINT = 3,
  BM_CAUSE_MISALIGNED_LOAD = 4,
  BM_CAUSE_LOAD_ACCESS = 5,
  BM_CAUSE_MISALIGNED_STORE = 6,
  BM_CAUSE_STORE_ACCESS = 7,
  BM_CAUSE_ECALL_U = 8,
  BM_CAUSE_ECALL_S = 9,
  BM_CAUSE_ECALL_M = 11,
  BM_CAUSE_FETCH_PAGE_FAULT = 12,
  BM_CAUSE_LOAD_PAGE_FAULT = 13,
  BM_CAUSE_STORE_PAGE_FAULT = 15,
};

/* Called for every trap (exceptions and interrupts) with the saved context. Returning resumes
 * at frame->mepc; a handler that does not recognise the trap should pass it on to
 * bm_default_trap_handler. */
typedef void (*bm_trap_handler_t)(bm_trap_frame_t *frame);

/* Installs `handler` (NULL = the default) and returns the previous one (NULL if default). */
bm_trap_handler_t bm_set_trap_handler(bm_trap_handler_t handler);

/* Prints cause, mepc and mtval on the UART and exits with BM_EXIT_UNHANDLED_TRAP. */
noreturn void bm_default_trap_handler(bm_trap_frame_t *frame);

/* "illegal instruction", "machine timer interrupt", ... or "unknown". */
const char *bm_trap_cause_name(uint32_t mcause);

/* Exit codes of programs stopped by the runtime: an unhandled trap, and abort() (as a shell
 * reports a SIGABRT death). */
#define BM_EXIT_UNHANDLED_TRAP 99
#define BM_EXIT_ABORT 134

/* The entry point installed in mtvec by crt0 (for code that changes mtvec and restores it). */
void bm_trap_entry(void);

#endif
