/* Bus error responses become precise access faults: loads and stores to unmapped addresses and
 * beyond the populated RAM, fetches from a device and from beyond the populated RAM. Run with
 * --ram-mb 4. Uses CSRs and an M-mode trap handler (needs the real rv_core). Fails with the
 * number of the step whose trap had the wrong cause; passes after exactly 5 traps. */
#include "common.h"

#define RAM_END (RAM_BASE + 0x400000)

.macro EXPECT_FAULT step, cause
  li s1, \cause
  li s4, \step
  la s2, 1f
.endm

.section .text.start
.globl _start
_start:
  la t0, handler
  csrw mtvec, t0
  li s3, 0
  /* 1: load from an unmapped address */
  EXPECT_FAULT 1, 5
  lw a0, 0(zero)
1:
  /* 2: store to an unmapped address (between the finisher and the CLINT) */
  EXPECT_FAULT 2, 7
  li t0, 0x00200000
  sw t0, 0(t0)
1:
  /* 3: load beyond the populated RAM */
  EXPECT_FAULT 3, 5
  li t0, RAM_END
  lw a0, 0(t0)
1:
  /* 4: fetch from a device: the fetch port only reaches RAM */
  EXPECT_FAULT 4, 1
  li t0, CLINT_BASE
  jr t0
1:
  /* 5: fetch beyond the populated RAM */
  EXPECT_FAULT 5, 1
  li t0, RAM_END
  jr t0
1:
  li t0, 5
  beq s3, t0, 2f
  FAIL 99
2:
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
  addi s3, s3, 1
  csrw mepc, s2
  mret

.section .rodata
msg: .asciz "bus errors ok\n"
