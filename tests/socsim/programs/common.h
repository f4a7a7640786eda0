/* Shared by the tiny RV32I test programs of tests/socsim (assembled with riscv64-unknown-elf-gcc,
 * linked with link.ld). They use no CSRs and no traps, so they run on any rv_core. */
#include "soc_memory_map.h"

/* A RAM word the API test reads and writes through the back door. */
#define MAILBOX (RAM_BASE + 0x10000)

.macro PASS
  li t0, FINISHER_BASE
  li t1, FINISHER_PASS
  sw t1, 0(t0)
99: j 99b
.endm

.macro FAIL code
  li t0, FINISHER_BASE
  li t1, (((\code) << 16) | FINISHER_FAIL)
  sw t1, 0(t0)
99: j 99b
.endm

/* Prints the NUL-terminated string at label \str on UART0 (clobbers t0-t2). */
.macro PUTS str
  la t1, \str
  li t0, UART0_BASE
98: lbu t2, 0(t1)
  beqz t2, 97f
  sb t2, UART_RBR_THR(t0)
  addi t1, t1, 1
  j 98b
97:
.endm

/* Fails with \code unless register \reg equals \value (clobbers t3). */
.macro EXPECT code, reg, value
  li t3, \value
  beq \reg, t3, 96f
  FAIL \code
96:
.endm
