/* Echoes every byte UART0 receives; passes after echoing a newline. */
#include "common.h"
.section .text.start
.globl _start
_start:
  li t0, UART0_BASE
wait:
  lbu t1, UART_LSR(t0)
  andi t1, t1, UART_LSR_DR
  beqz t1, wait
  lbu t2, UART_RBR_THR(t0)
  sb t2, UART_RBR_THR(t0)
  li t3, '\n'
  bne t2, t3, wait
  PASS
