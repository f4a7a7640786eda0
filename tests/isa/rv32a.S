/* A extension: lr.w/sc.w (success, failure without a reservation, the reservation is consumed
 * by sc, memory unchanged on failure, a retry loop), every amo*.w (old value in rd, new value in
 * memory, signed/unsigned min/max, rd = x0, rd = rs2, aq/rl forms), and misaligned LR/SC/AMO,
 * which must trap: mcause 4 or 5 for lr.w, 6 or 7 for AMOs (4 tolerated: QEMU 7.2 reports it),
 * mtval = the address; a misaligned
 * sc.w without a reservation may instead just fail (rd != 0, memory unchanged).
 * Not checked: the reservation-set size (an sc to another address may legally succeed). */
#include "test.h"

/* amo: memory = m, rs2 = v -> rd = m, memory = res */
.macro AMO n, op, m, v, res
  TEST \n
  la a1, amo_w
  li a2, \m
  sw a2, 0(a1)
  li a3, \v
  li a0, 0xdeadbeef
  \op a0, a3, (a1)
  CHECK a0, \m
  lw a4, 0(a1)
  CHECK a4, \res
  CHECK a3, \v
.endm

.macro MIS n, op, off, cause1, cause2, cause3=-2
  TEST \n
  la a1, amo_w
  li a2, 0x11223344
  sw a2, 0(a1)
  sw a2, 4(a1)
  li a0, 0x5a5a5a5a
  li a3, 0x77
  addi a4, a1, \off
  EXPECT_MTRAP .Lmr_\@
.Lmi_\@:
  \op
.Lmr_\@:
  LA_ABS t5, m_trap_cause
  lw t5, 0(t5)
  li t6, \cause1
  beq t5, t6, .Lmok_\@
  li t6, \cause3
  beq t5, t6, .Lmok_\@
  CHECK t5, \cause2
.Lmok_\@:
  CHECK_MEM_ADDR m_trap_epc, .Lmi_\@
  LA_ABS t5, m_trap_tval
  lw t5, 0(t5)
  addi a4, a1, \off
  CHECK_REG t5, a4
  CHECK a0, 0x5a5a5a5a           /* rd not written */
  lw a4, 0(a1)
  CHECK a4, 0x11223344           /* memory not written */
  lw a4, 4(a1)
  CHECK a4, 0x11223344
.endm

TEST_MAIN
  /* sc.w without a preceding lr.w fails (no reservation after reset) */
  TEST 1
  la a1, lr_w
  li a2, 0x1234
  sw a2, 0(a1)
  li a3, 0x5678
  sc.w a0, a3, (a1)
  bnez a0, 1f
  TEST_FAIL
1:
  lw a0, 0(a1)
  CHECK a0, 0x1234
  /* lr.w / sc.w pair succeeds */
  TEST 2
  la a1, lr_w
  li a2, 0x80000001
  sw a2, 0(a1)
  lr.w a0, (a1)
  CHECK a0, 0x80000001
  TEST 3
  li a3, 0x0badcafe
  sc.w a4, a3, (a1)
  CHECK a4, 0
  TEST 4
  lw a0, 0(a1)
  CHECK a0, 0x0badcafe
  /* the reservation was consumed: a second sc.w fails and writes nothing */
  TEST 5
  li a3, 0x12121212
  sc.w a4, a3, (a1)
  bnez a4, 1f
  TEST_FAIL
1:
  lw a0, 0(a1)
  CHECK a0, 0x0badcafe
  /* a failed sc.w also invalidates nothing new: lr/sc works again */
  TEST 6
  lr.w.aq a0, (a1)
  addi a0, a0, 1
  sc.w.rl a4, a0, (a1)
  CHECK a4, 0
  lw a0, 0(a1)
  CHECK a0, 0x0badcaff
  /* sc.w with rd == rs2 */
  TEST 7
  lr.w a0, (a1)
  li a3, 0x31
  sc.w a3, a3, (a1)
  CHECK a3, 0
  lw a0, 0(a1)
  CHECK a0, 0x31
  /* atomic increment loop */
  TEST 8
  li s0, 10
1:
  lr.w.aqrl a0, (a1)
  addi a0, a0, 2
  sc.w.aqrl a4, a0, (a1)
  bnez a4, 1b
  addi s0, s0, -1
  bnez s0, 1b
  lw a0, 0(a1)
  CHECK a0, 0x31 + 20
  /* lr.w to x0 still reserves */
  TEST 9
  lr.w x0, (a1)
  li a3, 0x99
  sc.w a4, a3, (a1)
  CHECK a4, 0
  lw a0, 0(a1)
  CHECK a0, 0x99

  AMO 10, amoswap.w, 0x11111111, 0x22222222, 0x22222222
  AMO 11, amoadd.w, 0x7fffffff, 1, 0x80000000
  AMO 12, amoadd.w, 0xffffffff, 0xffffffff, 0xfffffffe
  AMO 13, amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0
  AMO 14, amoand.w, 0xff00ff00, 0x0ff00ff0, 0x0f000f00
  AMO 15, amoor.w, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0
  AMO 16, amomin.w, 0x80000000, 1, 0x80000000
  AMO 17, amomin.w, 5, 0xfffffffd, 0xfffffffd
  AMO 18, amomin.w, 5, 7, 5
  AMO 19, amomax.w, 0x80000000, 1, 1
  AMO 20, amomax.w, 5, 0xfffffffd, 5
  AMO 21, amomax.w, 0xfffffffe, 0xffffffff, 0xffffffff
  AMO 22, amominu.w, 0x80000000, 1, 1
  AMO 23, amominu.w, 5, 0xfffffffd, 5
  AMO 24, amominu.w, 0, 0xffffffff, 0
  AMO 25, amomaxu.w, 0x80000000, 1, 0x80000000
  AMO 26, amomaxu.w, 5, 0xfffffffd, 0xfffffffd
  AMO 27, amomaxu.w, 7, 7, 7
  AMO 28, amoswap.w.aq, 0xa5a5a5a5, 0, 0
  AMO 29, amoadd.w.rl, 100, 0xffffff9c, 0
  AMO 30, amoor.w.aqrl, 0x1, 0x80000000, 0x80000001
  /* rd = x0: memory still updated */
  TEST 31
  la a1, amo_w
  li a2, 40
  sw a2, 0(a1)
  li a3, 2
  amoadd.w x0, a3, (a1)
  lw a0, 0(a1)
  CHECK a0, 42
  /* rd == rs2 */
  TEST 32
  li a3, 8
  amoadd.w a3, a3, (a1)
  CHECK a3, 42
  lw a0, 0(a1)
  CHECK a0, 50
  /* rd == rs1 */
  TEST 33
  la a1, amo_w
  li a3, 0x77
  amoswap.w a1, a3, (a1)
  CHECK a1, 50
  la a1, amo_w
  lw a0, 0(a1)
  CHECK a0, 0x77
  /* a store after an amo to the same word, and an amo right after a load */
  TEST 34
  li a2, 3
  sw a2, 0(a1)
  lw a0, 0(a1)
  li a3, 4
  amoadd.w a4, a3, (a1)
  add a0, a0, a4
  lw a4, 0(a1)
  add a0, a0, a4
  CHECK a0, 13
  /* amo on the second word of a buffer leaves the first alone */
  TEST 35
  la a1, amo_w
  li a2, 0x01010101
  sw a2, 0(a1)
  sw a2, 4(a1)
  addi a5, a1, 4
  li a3, -1
  amoxor.w a4, a3, (a5)
  lw a0, 0(a1)
  CHECK a0, 0x01010101
  lw a0, 4(a1)
  CHECK a0, 0xfefefefe

  /* misaligned: must trap, rd and memory unchanged. AMOs: the spec says store/AMO causes (6, or 7);
   * cause 4 is also accepted because QEMU 7.2 (the peer model) reports it. */
  MIS 36, "lr.w a0, (a4)", 2, CAUSE_MISALIGNED_LOAD, CAUSE_LOAD_ACCESS
  /* misaligned sc.w without a reservation: either traps (6 or 7), or fails (rd != 0) without
   * writing memory (QEMU does the latter) */
  TEST 37
  la a1, amo_w
  li a2, 0x11223344
  sw a2, 0(a1)
  sw a2, 4(a1)
  li a0, 0
  li a3, 0x77
  addi a4, a1, 1
  EXPECT_MTRAP 2f
1:
  sc.w a0, a3, (a4)
2:
  LA_ABS t5, m_trap_cause
  lw t5, 0(t5)
  li t6, NO_TRAP
  bne t5, t6, 3f
  CANCEL_MTRAP
  bnez a0, 4f                    /* failed without a trap */
  TEST_FAIL
3:
  li t6, CAUSE_MISALIGNED_STORE
  beq t5, t6, 5f
  CHECK t5, CAUSE_STORE_ACCESS
5:
  CHECK_MEM_ADDR m_trap_epc, 1b
  LA_ABS t5, m_trap_tval
  lw t5, 0(t5)
  CHECK_REG t5, a4
  CHECK a0, 0
4:
  lw a2, 0(a1)
  CHECK a2, 0x11223344
  lw a2, 4(a1)
  CHECK a2, 0x11223344
  MIS 38, "amoadd.w a0, a3, (a4)", 2, CAUSE_MISALIGNED_STORE, CAUSE_STORE_ACCESS, CAUSE_MISALIGNED_LOAD
  MIS 39, "amoswap.w a0, a3, (a4)", 3, CAUSE_MISALIGNED_STORE, CAUSE_STORE_ACCESS, CAUSE_MISALIGNED_LOAD
  MIS 40, "amomaxu.w a0, a3, (a4)", 1, CAUSE_MISALIGNED_STORE, CAUSE_STORE_ACCESS, CAUSE_MISALIGNED_LOAD
  TEST_PASS

  .data
  .align 4
lr_w:  .word 0, 0
amo_w: .word 0, 0
