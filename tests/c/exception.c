/* Synchronous exceptions taken in M-mode, handled and resumed after the faulting instruction:
 * illegal instructions, ebreak and ecall. Also checks that the trap path preserves registers
 * and that a handler can return a value in a register. */
#include <stdint.h>

#include "baremetal.h"
#include "check.h"

static volatile uint32_t trap_count, last_cause, last_epc, last_tval;

static void skip_trap(bm_trap_frame_t *frame) {
  switch (frame->mcause) {
    case BM_CAUSE_ILLEGAL_INSTRUCTION:
    case BM_CAUSE_BREAKPOINT:
      break;
    case BM_CAUSE_ECALL_M:
      frame->x[10] = frame->x[17] * 2 + 1;  /* a0 = f(a7): a pretend system call */
      break;
    default:
      bm_default_trap_handler(frame);
  }
  trap_count++;
  last_cause = frame->mcause;
  last_epc = frame->mepc;
  last_tval = frame->mtval;
  frame->mepc += 4;
}

int main(void) {
  bm_set_trap_handler(skip_trap);
  uint32_t at, kept;

  /* unimp = csrrw x0, cycle, x0: a write to a read-only CSR. t1 must survive the trap. */
  __asm__ volatile("li t1, 0x12345678\n"
                   "la %0, 1f\n"
                   "1: unimp\n"
                   "mv %1, t1"
                   : "=&r"(at), "=r"(kept) : : "t1", "memory");
  CHECK_EQ(trap_count, 1, 1);
  CHECK_EQ(last_cause, BM_CAUSE_ILLEGAL_INSTRUCTION, 2);
  CHECK_EQ(last_epc, at, 3);
  CHECK(last_tval == 0 || last_tval == 0xc0001073u, 4);  /* the instruction bits, or nothing */
  CHECK_EQ(kept, 0x12345678, 5);

  /* An opcode from the custom-0 space, which this core does not implement. */
  __asm__ volatile("la %0, 1f\n"
                   "1: .word 0x0000000b"
                   : "=&r"(at) : : "memory");
  CHECK_EQ(trap_count, 2, 6);
  CHECK_EQ(last_cause, BM_CAUSE_ILLEGAL_INSTRUCTION, 7);
  CHECK_EQ(last_epc, at, 8);

  __asm__ volatile("la %0, 1f\n"
                   "1: ebreak"
                   : "=&r"(at) : : "memory");
  CHECK_EQ(trap_count, 3, 9);
  CHECK_EQ(last_cause, BM_CAUSE_BREAKPOINT, 10);
  CHECK_EQ(last_epc, at, 11);

  register uint32_t a0 __asm__("a0") = 0;
  register uint32_t a7 __asm__("a7") = 20;
  __asm__ volatile("la %2, 1f\n"
                   "1: ecall"
                   : "+r"(a0), "+r"(a7), "=&r"(at) : : "memory");
  CHECK_EQ(trap_count, 4, 12);
  CHECK_EQ(last_cause, BM_CAUSE_ECALL_M, 13);
  CHECK_EQ(last_epc, at, 14);
  CHECK_EQ(a0, 41, 15);

  /* Many traps in a row: the trap stack frame must be balanced. */
  for (int i = 0; i < 100; i++) __asm__ volatile("unimp");
  CHECK_EQ(trap_count, 104, 16);

  bm_set_trap_handler(NULL);
  printf("%" PRIu32 " traps handled, last: %s\n", trap_count, bm_trap_cause_name(last_cause));
  printf("PASS exception\n");
  return 0;
}
