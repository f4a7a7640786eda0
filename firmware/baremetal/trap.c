#include "baremetal/trap.h"

#include <stdlib.h>

#include "baremetal/uart.h"

/* trap_entry.S hard-codes these offsets. */
_Static_assert(__builtin_offsetof(bm_trap_frame_t, mepc) == 128, "frame layout");
_Static_assert(__builtin_offsetof(bm_trap_frame_t, mstatus) == 140, "frame layout");
_Static_assert(sizeof(bm_trap_frame_t) <= 144, "frame layout");

static bm_trap_handler_t installed_handler;

bm_trap_handler_t bm_set_trap_handler(bm_trap_handler_t handler) {
  bm_trap_handler_t previous = installed_handler;
  installed_handler = handler;
  return previous;
}

/* Called by bm_trap_entry. */
void bm_trap_dispatch(bm_trap_frame_t *frame);
void bm_trap_dispatch(bm_trap_frame_t *frame) {
  if (installed_handler) {
    installed_handler(frame);
  } else {
    bm_default_trap_handler(frame);
  }
}

const char *bm_trap_cause_name(uint32_t mcause) {
  static const char *const exceptions[] = {
      "instruction address misaligned", "instruction access fault", "illegal instruction",
      "breakpoint", "load address misaligned", "load access fault",
      "store/AMO address misaligned", "store/AMO access fault", "ecall from U-mode",
      "ecall from S-mode", "reserved", "ecall from M-mode", "instruction page fault",
      "load page fault", "reserved", "store/AMO page fault",
  };
  static const char *const interrupts[] = {
      "reserved", "supervisor software interrupt", "reserved", "machine software interrupt",
      "reserved", "supervisor timer interrupt", "reserved", "machine timer interrupt",
      "reserved", "supervisor external interrupt", "reserved", "machine external interrupt",
  };
  uint32_t code = mcause & ~BM_MCAUSE_INTERRUPT;
  if (mcause & BM_MCAUSE_INTERRUPT) {
    return code < sizeof interrupts / sizeof interrupts[0] ? interrupts[code] : "unknown";
  }
  return code < sizeof exceptions / sizeof exceptions[0] ? exceptions[code] : "unknown";
}

/* Writes straight to the UART rather than through stdio: the trap may have hit inside printf. */
void bm_default_trap_handler(bm_trap_frame_t *frame) {
  bm_uart_puts("\n*** unhandled trap: ");
  bm_uart_puts(bm_trap_cause_name(frame->mcause));
  bm_uart_puts("\n    mcause=");
  bm_uart_puthex(frame->mcause);
  bm_uart_puts(" mepc=");
  bm_uart_puthex(frame->mepc);
  bm_uart_puts(" mtval=");
  bm_uart_puthex(frame->mtval);
  bm_uart_puts("\n");
  _Exit(BM_EXIT_UNHANDLED_TRAP);
}
