/* Post-synthesis smoke test of the iCEBreaker board SoC (docs/fpga.md): runs from the boot ROM
 * (linked at BOOTROM_BASE) of the synthesized netlist. Prints on UART0, checks the SPRAM (both
 * banks, byte writes), code executed from RAM, M and A instructions, the SPI flash window
 * (sequential and random reads; the testbench's flash holds byte N = (N & 0xFF) ^ 0x5A) and the
 * timer, then writes the finisher: 0x5555 (green LED) or (n << 16) | 0x3333 (red LED).
 * Also runs on `socsim --board icebreaker --flash` with the same flash contents. */
#include "soc_memory_map.h"

#define CHECK(reg, value, n) \
  li t6, value;              \
  li a7, n;                  \
  bne reg, t6, fail

  .section .text.start, "ax"
  .globl _start
_start:
  li sp, RAM_BASE + 0x20000
  la a0, msg_hello
  jal puts

  /* SPRAM: bank 0 and bank 1, byte and halfword writes */
  li s0, RAM_BASE
  li s1, RAM_BASE + 0x10000
  li t0, 0x12345678
  sw t0, 0(s0)
  li t0, 0x9abcdef0
  sw t0, 0(s1)
  li t0, 0xa5
  sb t0, 1(s0)
  li t0, 0x4321
  sh t0, 2(s1)
  lw t1, 0(s0)
  CHECK(t1, 0x1234a578, 1)
  lw t1, 0(s1)
  CHECK(t1, 0x4321def0, 2)
  lbu t1, 3(s0)
  CHECK(t1, 0x12, 3)
  li t0, RAM_BASE + 0x1fffc
  li t2, 0x0badf00d
  sw t2, 0(t0)
  lw t1, 0(t0)
  CHECK(t1, 0x0badf00d, 4)

  /* code in RAM: copy ram_code (4 words) to RAM + 0x100 and call it */
  la t0, ram_code
  li t1, RAM_BASE + 0x100
  li t2, 4
1:lw t3, 0(t0)
  sw t3, 0(t1)
  addi t0, t0, 4
  addi t1, t1, 4
  addi t2, t2, -1
  bnez t2, 1b
  fence.i
  li t0, RAM_BASE + 0x100
  li a0, 20
  jalr t0
  CHECK(a0, 42, 5)

  /* M */
  li a0, -7
  li a1, 3
  mul t1, a0, a1
  CHECK(t1, -21, 6)
  mulh t1, a0, a1
  CHECK(t1, -1, 7)
  mulhu t1, a0, a1
  CHECK(t1, 2, 8)
  div t1, a0, a1
  CHECK(t1, -2, 9)
  rem t1, a0, a1
  CHECK(t1, -1, 10)
  li a0, 0x12345678
  li a1, 0x9abcdef1
  mulhsu t1, a0, a1
  CHECK(t1, 0x0b00ea4e, 11)

  /* A */
  li t0, 5
  sw t0, 8(s0)
  addi t2, s0, 8
  li t0, 7
  amoadd.w t1, t0, (t2)
  CHECK(t1, 5, 12)
  lw t1, 8(s0)
  CHECK(t1, 12, 13)
  lr.w t1, (t2)
  sc.w t3, t0, (t2)
  CHECK(t3, 0, 14)

  /* SPI flash window */
  li s2, SPIFLASH_BASE + 0x100000
  lw t1, 0(s2)
  CHECK(t1, 0x59585b5a, 15)
  lw t1, 4(s2)
  CHECK(t1, 0x5d5c5f5e, 16)
  li s3, SPIFLASH_BASE + 0x120
  lw t1, 0(s3)
  CHECK(t1, 0x79787b7a, 17)
  lbu t1, 3(s3)
  CHECK(t1, 0x79, 18)

  /* timer */
  li t0, CLINT_BASE + CLINT_MTIME
  lw t1, 0(t0)
  nop
  nop
  lw t2, 0(t0)
  li a7, 19
  bgeu t1, t2, fail

  la a0, msg_pass
  jal puts
  jal drain
  li t0, FINISHER_BASE
  li t1, FINISHER_PASS
  sw t1, 0(t0)
2:j 2b

fail:
  la a0, msg_fail
  jal puts
  addi a0, a7, '0'
  li t0, 10
  blt a7, t0, 3f
  addi a0, a7, 'a' - 10
3:jal putc
  li a0, '\n'
  jal putc
  jal drain
  li t0, FINISHER_BASE
  slli t1, a7, 16
  li t2, FINISHER_FAIL
  or t1, t1, t2
  sw t1, 0(t0)
4:j 4b

/* putc(a0), puts(a0 = string); clobber t0, t1, a0 */
putc:
  li t0, UART0_BASE
1:lbu t1, UART_LSR(t0)
  andi t1, t1, UART_LSR_THRE
  beqz t1, 1b
  sb a0, UART_RBR_THR(t0)
  ret
puts:
  mv t2, ra
  mv t3, a0
1:lbu a0, 0(t3)
  beqz a0, 2f
  jal putc
  addi t3, t3, 1
  j 1b
2:mv ra, t2
  ret
drain:
  li t0, UART0_BASE
1:lbu t1, UART_LSR(t0)
  andi t1, t1, UART_LSR_TEMT
  beqz t1, 1b
  ret

  .balign 4
ram_code:           /* a0 = a0 * 2 + 2 */
  add a0, a0, a0
  addi a0, a0, 2
  ret
  nop

msg_hello: .asciz "smoke: boot ROM running\n"
msg_pass:  .asciz "smoke: PASS\n"
msg_fail:  .asciz "smoke: FAIL "
