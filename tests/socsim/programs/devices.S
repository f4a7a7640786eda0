/* Register-level checks of CLINT, PLIC and UART0 (docs/memory-map.md). Expects the byte 'Z' on
 * UART0's input. Each check fails with its own finisher code. RV32I only, no traps. */
#include "common.h"

#define PLIC_CTX0 (PLIC_BASE + PLIC_CONTEXT)
#define PLIC_CTX1 (PLIC_BASE + PLIC_CONTEXT + PLIC_CONTEXT_STRIDE)
#define PLIC_PRIO_UART (PLIC_BASE + PLIC_PRIORITY + 4 * PLIC_IRQ_UART0)

.section .text.start
.globl _start
_start:
  /* 1: mtime counts */
  li s0, CLINT_BASE + CLINT_MTIME
  lw a0, 0(s0)
  nop
  nop
  lw a1, 0(s0)
  sltu a2, a0, a1
  EXPECT 1, a2, 1
  /* 2: mtimecmp resets to all ones and is writable */
  li s0, CLINT_BASE + CLINT_MTIMECMP
  lw a0, 0(s0)
  EXPECT 2, a0, -1
  lw a0, 4(s0)
  EXPECT 2, a0, -1
  li a1, 0x12345678
  sw a1, 0(s0)
  lw a0, 0(s0)
  EXPECT 2, a0, 0x12345678
  /* 3: msip */
  li s0, CLINT_BASE + CLINT_MSIP
  li a1, 1
  sw a1, 0(s0)
  lw a0, 0(s0)
  EXPECT 3, a0, 1
  sw zero, 0(s0)
  lw a0, 0(s0)
  EXPECT 3, a0, 0
  /* 4: mtime is writable */
  li s0, CLINT_BASE + CLINT_MTIME
  li a1, 0x40000000
  sw a1, 4(s0)
  lw a0, 4(s0)
  EXPECT 4, a0, 0x40000000

  li s0, UART0_BASE
  /* 5: scratch register, byte access */
  li a1, 0xa5
  sb a1, UART_SCR(s0)
  lbu a0, UART_SCR(s0)
  EXPECT 5, a0, 0xa5
  /* 6: divisor latch behind DLAB; LCR reads back */
  li a1, 0x83
  sb a1, UART_LCR(s0)
  li a1, 0x34
  sb a1, UART_RBR_THR(s0)
  li a1, 0x12
  sb a1, UART_IER(s0)
  lbu a0, UART_RBR_THR(s0)
  EXPECT 6, a0, 0x34
  lbu a0, UART_IER(s0)
  EXPECT 6, a0, 0x12
  li a1, 0x03
  sb a1, UART_LCR(s0)
  lbu a0, UART_LCR(s0)
  EXPECT 6, a0, 0x03
  lbu a0, UART_IER(s0)
  EXPECT 6, a0, 0x00
  /* 7: FIFOs enabled -> IIR 0xC1 (no interrupt). No FIFO clear: the input byte may be there. */
  li a1, 0x01
  sb a1, UART_IIR_FCR(s0)
  lbu a0, UART_IIR_FCR(s0)
  EXPECT 7, a0, 0xc1
  /* 8: THR-empty interrupt: raised by enabling it, acknowledged by reading IIR */
  li a1, 0x02
  sb a1, UART_IER(s0)
  lbu a0, UART_IIR_FCR(s0)
  EXPECT 8, a0, 0xc2
  lbu a0, UART_IIR_FCR(s0)
  EXPECT 8, a0, 0xc1
  sb zero, UART_IER(s0)
  /* 9: MSR without loopback: CTS, DSR, DCD */
  lbu a0, UART_MSR(s0)
  EXPECT 9, a0, 0xb0

  /* 10: PLIC priority (3 bits) */
  li s1, PLIC_PRIO_UART
  li a1, 0xff
  sw a1, 0(s1)
  lw a0, 0(s1)
  EXPECT 10, a0, 7
  li a1, 3
  sw a1, 0(s1)
  /* 11: enables: source 0 is hard-wired off */
  li s1, PLIC_BASE + PLIC_ENABLE
  li a1, -1
  sw a1, 0(s1)
  lw a0, 0(s1)
  EXPECT 11, a0, 0xfffffffe
  li a1, 1 << PLIC_IRQ_UART0
  sw a1, 0(s1)
  li s1, PLIC_BASE + PLIC_ENABLE + PLIC_ENABLE_STRIDE
  sw a1, 0(s1)
  /* 12: thresholds: context 0 at 1, context 1 at 3 (masks priority 3) */
  li s1, PLIC_CTX0
  li a1, 1
  sw a1, PLIC_THRESHOLD(s1)
  lw a0, PLIC_THRESHOLD(s1)
  EXPECT 12, a0, 1
  li s1, PLIC_CTX1
  li a1, 3
  sw a1, PLIC_THRESHOLD(s1)
  /* 13: an unimplemented PLIC offset reads zero */
  li s1, PLIC_BASE + 0x3000
  lw a0, 0(s1)
  EXPECT 13, a0, 0

  /* 14: the RX byte arrives: LSR.DR, IIR = RX data (when enabled) */
  li a1, 0x01
  sb a1, UART_IER(s0)
wait_rx:
  lbu a0, UART_LSR(s0)
  andi a0, a0, UART_LSR_DR
  beqz a0, wait_rx
  lbu a0, UART_IIR_FCR(s0)
  EXPECT 14, a0, 0xc4
  /* 15: the PLIC sees UART0's level as pending */
  li s1, PLIC_BASE + PLIC_PENDING
  lw a0, 0(s1)
  EXPECT 15, a0, 1 << PLIC_IRQ_UART0
  /* 16: context 1 (threshold 3) cannot claim it; context 0 claims source 10 */
  li s1, PLIC_CTX1
  lw a0, PLIC_CLAIM(s1)
  EXPECT 16, a0, 0
  li s1, PLIC_CTX0
  lw a0, PLIC_CLAIM(s1)
  EXPECT 16, a0, PLIC_IRQ_UART0
  /* 17: claimed: not pending, a second claim returns 0 although the level is still high */
  li s2, PLIC_BASE + PLIC_PENDING
  lw a0, 0(s2)
  EXPECT 17, a0, 0
  lw a0, PLIC_CLAIM(s1)
  EXPECT 17, a0, 0
  /* 18: read the byte; the UART interrupt drops */
  lbu a0, UART_RBR_THR(s0)
  EXPECT 18, a0, 'Z'
  lbu a0, UART_LSR(s0)
  EXPECT 18, a0, 0x60
  lbu a0, UART_IIR_FCR(s0)
  EXPECT 18, a0, 0xc1
  /* 19: complete; the level is low, so nothing becomes pending again */
  li a1, PLIC_IRQ_UART0
  sw a1, PLIC_CLAIM(s1)
  nop
  lw a0, 0(s2)
  EXPECT 19, a0, 0
  lw a0, PLIC_CLAIM(s1)
  EXPECT 19, a0, 0

  PUTS msg
  PASS
.section .rodata
msg: .asciz "devices ok\n"
