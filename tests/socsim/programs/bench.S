/* Runs forever: a mix of ALU work, branches, loads and stores over a 4 KiB buffer. socsim speed
 * measurements run it with --max-cycles. */
#include "common.h"
.section .text.start
.globl _start
_start:
  la s0, buffer
  li s1, 0
  li s2, 0x12345
outer:
  mv s3, s0
  li s4, 1024
inner:
  lw t0, 0(s3)
  add t0, t0, s2
  xor t1, t0, s1
  slli t2, t1, 3
  srli t3, t1, 5
  or t0, t2, t3
  sw t0, 0(s3)
  addi s1, s1, 1
  addi s3, s3, 4
  addi s4, s4, -1
  bnez s4, inner
  j outer
.section .bss
.balign 8
buffer: .space 4096
