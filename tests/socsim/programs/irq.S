/* Interrupt wiring of the SoC: CLINT timer (mtimecmp) -> MTIP, CLINT msip -> MSIP, UART0 RX ->
 * PLIC source 10 -> context 0 -> MEIP. Expects one byte ('Z') on UART0's input. Needs the real
 * rv_core (CSRs, interrupts). Fails with the step number on the wrong cause or a lost interrupt. */
#include "common.h"

#define MIE_MSIE (1 << 3)
#define MIE_MTIE (1 << 7)
#define MIE_MEIE (1 << 11)
#define MSTATUS_MIE (1 << 3)
#define CAUSE_IRQ 0x80000000

.macro WAIT_FLAG step
  li t0, 100000
1: bnez s5, 2f
  addi t0, t0, -1
  bnez t0, 1b
  FAIL \step
2:
.endm

.section .text.start
.globl _start
_start:
  la t0, handler
  csrw mtvec, t0
  li t0, MSTATUS_MIE
  csrs mstatus, t0

  /* 1: timer: mtimecmp = mtime + 200 */
  li s1, CAUSE_IRQ | 7
  li s4, 1
  li s5, 0
  li t0, MIE_MTIE
  csrw mie, t0
  li t1, CLINT_BASE + CLINT_MTIME
  lw t2, 0(t1)
  lw t3, 4(t1)
  addi t2, t2, 200
  li t1, CLINT_BASE + CLINT_MTIMECMP
  sw t3, 4(t1)
  sw t2, 0(t1)
  WAIT_FLAG 1

  /* 2: software interrupt */
  li s1, CAUSE_IRQ | 3
  li s4, 2
  li s5, 0
  li t0, MIE_MSIE
  csrw mie, t0
  li t1, CLINT_BASE + CLINT_MSIP
  li t2, 1
  sw t2, 0(t1)
  WAIT_FLAG 2

  /* 3: external interrupt from UART0 through the PLIC */
  li s1, CAUSE_IRQ | 11
  li s4, 3
  li s5, 0
  li t1, PLIC_BASE + PLIC_PRIORITY + 4 * PLIC_IRQ_UART0
  li t2, 1
  sw t2, 0(t1)
  li t1, PLIC_BASE + PLIC_ENABLE
  li t2, 1 << PLIC_IRQ_UART0
  sw t2, 0(t1)
  li t1, PLIC_BASE + PLIC_CONTEXT
  sw zero, PLIC_THRESHOLD(t1)
  li t1, UART0_BASE
  li t2, 1
  sb t2, UART_IER(t1)
  li t0, MIE_MEIE
  csrw mie, t0
  WAIT_FLAG 3
  li t0, 'Z'
  beq s6, t0, 5f
  FAIL 4
5:
  PUTS msg
  PASS

.balign 4
handler:
  csrr t0, mcause
  beq t0, s1, 3f
  li t0, FINISHER_BASE
  slli t1, s4, 16
  li t2, FINISHER_FAIL
  or t1, t1, t2
  sw t1, 0(t0)
4: j 4b
3:
  li s5, 1
  li t1, 3
  beq s4, t1, ext
  li t1, 2
  beq s4, t1, soft
  /* timer: push mtimecmp to the far future */
  li t1, CLINT_BASE + CLINT_MTIMECMP
  li t2, -1
  sw t2, 4(t1)
  sw t2, 0(t1)
  mret
soft:
  li t1, CLINT_BASE + CLINT_MSIP
  sw zero, 0(t1)
  mret
ext:
  li t1, PLIC_BASE + PLIC_CONTEXT
  lw t2, PLIC_CLAIM(t1)
  li t3, PLIC_IRQ_UART0
  beq t2, t3, 6f
  FAIL 5
6:
  li t3, UART0_BASE
  lbu s6, UART_RBR_THR(t3)
  sw t2, PLIC_CLAIM(t1)
  csrw mie, zero
  mret

.section .rodata
msg: .asciz "interrupts ok\n"
